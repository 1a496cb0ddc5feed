// `validate <pack> [--format json]`: exit 0 when valid, 1 when not; errors as `file:line:col: message`.
import { compilePack } from '../../engine/pack.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { diagnosticMessage, packArgument, parseCommandArgs, parseFormat, printJson } from '../args.ts';
import { readPack } from '../pack-files.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string' }, pack: { type: 'string' } },
    true,
  );
  const format = parseFormat(values.format, ['table', 'json']);
  const packPath = packArgument(positionals, values.pack, 'validate <pack> [--format json]');
  const { files, warnings: readWarnings } = await readPack(packPath);
  const compiled = compilePack(files);
  const { counts } = compiled;
  // In reading order: by file as the pack lists them, then line and column (the engine reports a
  // file's load errors before its compile errors, which read out of order).
  const order = new Map(files.map((file, i) => [file.name, i]));
  const errors = [...compiled.errors].sort(
    (a, b) =>
      (order.get(a.file) ?? files.length) - (order.get(b.file) ?? files.length) ||
      a.line - b.line ||
      a.column - b.column,
  );
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
      // `message` is the text form's message, suggestion included ("… (did you mean "contains"?)"),
      // so a reader of either output gets the nearest valid name; `suggestion` also holds it alone.
      errors: errors.map((diagnostic) => ({
        file: diagnostic.file,
        line: diagnostic.line,
        column: diagnostic.column,
        message: diagnosticMessage(diagnostic),
        path: diagnostic.path,
        ...(diagnostic.suggestion ? { suggestion: diagnostic.suggestion } : {}),
      })),
      warnings: warnings.map((diagnostic) => ({
        file: diagnostic.file,
        line: diagnostic.line,
        column: diagnostic.column,
        message: diagnosticMessage(diagnostic),
      })),
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
