// `weak-spots --data <dataset> [--pack <pack>] [--format table|json|csv]`: the joint IT + security
// risk review. Without --pack the shipped default pack supplies the classifiers and access
// policies, so the register always covers every kind; --pack names the organisation's own.
import { compilePack } from '../../engine/pack.ts';
import { weakSpotsToCsv } from '../../engine/weakspots/index.ts';
import { weakSpotsWithPack } from '../../engine/weakspots/with-pack.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { inputPath } from '../input-path.ts';
import { readPack } from '../pack-files.ts';
import { nothingRead, readDataset } from '../read-dataset.ts';
import { DEFAULT_PACK } from '../weak-spots-pack.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' },
    pack: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['table', 'json', 'csv']);
  const dataset = await readDataset(await inputPath(requireOption(values.data, 'data')));
  const pack = await readPack(values.pack ?? DEFAULT_PACK);
  const { findings, errors } = weakSpotsWithPack(dataset.events, dataset.context, pack.files);
  // Every error of a named pack is shown, as `validate` and `exercise-score` show them, even where
  // the register does not read it (a rule): the author should not learn of it only elsewhere.
  const others = values.pack ? compilePack(pack.files).errors : [];
  const lines = [...dataset.errors, ...pack.warnings, ...errors, ...others].map(formatDiagnostic);
  for (const line of new Set(lines)) process.stderr.write(`${line}\n`);

  if (format === 'json') printJson({ findings });
  else if (format === 'csv') process.stdout.write(weakSpotsToCsv(findings));
  else {
    for (const finding of findings) {
      process.stdout.write(
        `${finding.severity.toUpperCase().padEnd(9)} ${finding.kind.padEnd(30)} ${finding.owner.padEnd(8)} ${finding.text}\n`,
      );
    }
    process.stdout.write(`${findings.length} findings\n`);
  }
  // As access-report: errors in what the register reads (classifiers, access policies, a document
  // that could not be read at all) fail the command, since its findings may miss what they would
  // have found; errors in rules, correlations and tests, which it does not read, are printed only.
  // As evaluate and access-report: no event read and errors in the data is no review at all.
  if (nothingRead(dataset)) {
    process.stderr.write(
      `error: no event could be read from "${values.data}" (its errors are listed above): nothing was reviewed\n`,
    );
    return 1;
  }
  return errors.some((error) => error.severity === 'error') ? 1 : 0;
}
