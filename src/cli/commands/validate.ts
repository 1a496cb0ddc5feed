// `validate <pack> [--format json]`: exit 0 when valid, 1 when not; errors as `file:line:col: message`.
import { compilePack } from '../../engine/pack.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, UsageError } from '../args.ts';
import { readPack } from '../pack-files.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' } }, true);
  const format = parseFormat(values.format, ['table', 'json']);
  if (positionals.length !== 1)
    throw new UsageError('validate takes one pack path: validate <pack> [--format json]');
  const { files, warnings: readWarnings } = await readPack(positionals[0] as string);
  const compiled = compilePack(files);
  const { errors, counts } = compiled;
  // A file whose encoding was guessed comes first: what follows was read from that guess.
  const warnings = [...readWarnings, ...compiled.warnings];
  if (format === 'json') {
    printJson({
      documents: {
        rule: counts.rule,
        classifier: counts.classifier,
        correlation: counts.correlation,
        access: counts.access,
        test: counts.test,
      },
      errors: errors.map(({ file, line, column, message, path, suggestion }) => ({
        file,
        line,
        column,
        message,
        path,
        ...(suggestion ? { suggestion } : {}),
      })),
      warnings: warnings.map(({ file, line, column, message }) => ({ file, line, column, message })),
    });
  } else {
    for (const diagnostic of [...errors, ...warnings])
      process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
    const summary = Object.entries(counts)
      .map(([kind, n]) => `${n} ${kind}${n === 1 || kind === 'access' ? '' : 's'}`)
      .join(', ');
    const stream = errors.length > 0 ? process.stderr : process.stdout;
    stream.write(
      `${files.length} file${files.length === 1 ? '' : 's'}: ${summary}; ${errors.length} error${errors.length === 1 ? '' : 's'}\n`,
    );
  }
  return errors.length > 0 ? 1 : 0;
}
