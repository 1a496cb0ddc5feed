// The command line: files in, engine, JSON or tables out. No UI, no IndexedDB.
import { UsageError } from './args.ts';

type CommandModule = { run(args: string[]): Promise<number> };

/** One command, one module under ./commands; loaded lazily so `validate` never pays for `generate`. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  validate: { summary: 'validate <pack> [--format json]', load: () => import('./commands/validate.ts') },
  evaluate: {
    summary: 'evaluate --pack <pack> --data <file|folder> [--format table|json]',
    load: () => import('./commands/evaluate.ts'),
  },
  classify: {
    summary: 'classify --pack <pack> --text-file <file> [--format json]',
    load: () => import('./commands/classify.ts'),
  },
  test: { summary: 'test <pack>', load: () => import('./commands/test.ts') },
  'access-report': {
    summary: 'access-report --pack <pack> --data <dataset> [--format json]',
    load: () => import('./commands/access-report.ts'),
  },
  generate: {
    summary: 'generate --seed N --users N --days N [--scenarios ids] --out <path>',
    load: () => import('./commands/generate.ts'),
  },
  scenarios: { summary: 'scenarios [--format json]', load: () => import('./commands/scenarios.ts') },
  import: {
    summary: 'import <file|folder> --out <dataset> [--format ndjson|json|csv|ecs|cert] [--mapping file]',
    load: () => import('./commands/import.ts'),
  },
  exercises: { summary: 'exercises [--format json]', load: () => import('./commands/exercises.ts') },
  'exercise-score': {
    summary: 'exercise-score --exercise <id> --pack <pack> [--format json]',
    load: () => import('./commands/exercise-score.ts'),
  },
  'weak-spots': {
    summary: 'weak-spots --data <dataset> [--pack <pack>] [--format json|csv]',
    load: () => import('./commands/weak-spots.ts'),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
  return `usage: npm run --silent cli -- <command>\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `error: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`,
    );
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.DLP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

// Output piped into a reader that stops early (`| head`): the reader has what it asked for; stop
// quietly instead of failing on the next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
