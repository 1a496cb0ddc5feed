// The command line: files in, engine, JSON or tables out. No UI, no IndexedDB.
import { UsageError } from './args.ts';

type CommandModule = { run(args: string[]): Promise<number> };

interface Command {
  summary: string;
  /** What `<command> --help` prints under the usage line. */
  help: string;
  load: () => Promise<CommandModule>;
}

/** One command, one module under ./commands; loaded lazily so `validate` never pays for `generate`. */
const COMMANDS: Record<string, Command> = {
  validate: {
    summary: 'validate <pack> [--format json]',
    help:
      'Checks a pack (a YAML file, or a folder of them searched recursively).\n' +
      'Errors are printed as file:line:col: message; --format json prints\n' +
      '{"documents":{"rule","classifier","correlation","access","test"},"errors":[{"file","line","column","message"}]}.\n' +
      'Exit 0 when valid, 1 when not, 2 on a usage error.',
    load: () => import('./commands/validate.ts'),
  },
  evaluate: {
    summary: 'evaluate --pack <pack> --data <file|folder> [--format table|json]',
    help:
      'Runs a pack over events: NDJSON, a JSON array, CSV, an Elastic export, a dataset bundle\n' +
      '(file or folder), a folder of logs or a CERT-layout folder ("-" reads standard input).\n' +
      '--format json prints {"alerts":[…],"metrics":{…},"errors":[…]}. A bad line of the data is\n' +
      'reported with its file and line and skipped. Exit 1 when the pack has errors or no event\n' +
      'could be read, 2 on a usage error.',
    load: () => import('./commands/evaluate.ts'),
  },
  classify: {
    summary: 'classify --pack <pack> --text-file <file> [--format json]',
    help:
      'Every classifier match in a text file ("-" reads standard input), masked; --format json prints\n' +
      '{"matches":[{"classifier","start","end","confidence","masked"}]}.',
    load: () => import('./commands/classify.ts'),
  },
  test: {
    summary: 'test <pack>',
    help:
      "Runs the pack's test documents, prints each failure (rule, events, expected versus actual,\n" +
      'deciding fields) and ends with "N passed, N failed". Exit 1 on a failure or a pack error.',
    load: () => import('./commands/test.ts'),
  },
  'access-report': {
    summary: 'access-report --pack <pack> --data <dataset> [--format json]',
    help:
      'Least-privilege and separation-of-duty findings; --format json prints an object whose keys\n' +
      'are finding kinds (unused_rights, sod_conflicts, denied_access, …), each a list of findings.',
    load: () => import('./commands/access-report.ts'),
  },
  generate: {
    summary: 'generate --seed N --users N --days N [--scenarios ids] --out <path>',
    help:
      'Writes a synthetic dataset bundle folder (dataset.json, events.ndjson, directory.json,\n' +
      'resources.json, entitlements.json), or with --out <file>.json the single-file bundle;\n' +
      'the same arguments give byte-identical files.\n' +
      '--scenarios takes ids separated by commas, "all" (the default) or "none".',
    load: () => import('./commands/generate.ts'),
  },
  scenarios: {
    summary: 'scenarios [--format json]',
    help: 'The scenario library; --format json prints {"scenarios":[{"id","title","category","cause","steps":[…]}]}.',
    load: () => import('./commands/scenarios.ts'),
  },
  import: {
    summary: 'import <file|folder> --out <dataset> [--format ndjson|json|csv|ecs|cert] [--mapping file]',
    help: 'Converts logs to a dataset bundle folder; --out is a new or empty folder, or a bundle written before.',
    load: () => import('./commands/import.ts'),
  },
  exercises: {
    summary: 'exercises [--format json]',
    help: 'The shipped exercises; --format json prints {"exercises":[{"id","title","level","roles","hidden_scenarios"}]}.',
    load: () => import('./commands/exercises.ts'),
  },
  'exercise-score': {
    summary: 'exercise-score --exercise <id> --pack <pack> [--format json]',
    help:
      "Runs a pack on the exercise's hidden dataset and scores it; --format json prints\n" +
      '{"score","f1","recall","precision","first_detected_step","alerts","false_positive_alerts","disruption"}.',
    load: () => import('./commands/exercise-score.ts'),
  },
  'weak-spots': {
    summary: 'weak-spots --data <dataset> [--pack <pack>] [--format json|csv]',
    help:
      'The joint IT + security risk review; --format json prints\n' +
      '{"findings":[{"kind","severity","owner","subject","evidence","text"}]}.',
    load: () => import('./commands/weak-spots.ts'),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
  return (
    `usage: npm run --silent cli -- <command>\n${lines.join('\n')}\n` +
    '\n`<command> --help` describes one command.\n'
  );
}

function commandHelp(command: Command): string {
  return `usage: npm run --silent cli -- ${command.summary}\n\n${command.help}\n`;
}

/** `--help` or `-h` among a command's arguments (not after `--`, which ends the options). */
function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // No command is a usage error: the usage goes where errors go, with exit 2.
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const about = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
    process.stdout.write(about ? commandHelp(about) : usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `error: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`,
    );
    return 2;
  }
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return 0;
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

// `npm run cli -- validate ./pack` runs in the package's folder whatever folder it was typed in;
// npm keeps that folder in INIT_CWD, and relative paths are the user's, so they are read from there.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // A folder that is gone: paths stay relative to the package, as before.
  }
}

process.exitCode = await main(process.argv.slice(2));
