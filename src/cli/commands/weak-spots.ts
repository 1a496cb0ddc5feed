import { parseCommandArgs, parseFormat, printJson, requireOption } from '../args.ts';
import { readDataset } from '../read-dataset.ts';
import {
  findWeakSpots,
  weakSpotsToCsv,
  type WeakSpotFinding,
  type WeakSpotInput,
} from '../../engine/weakspots/index.ts';
import { DEFAULT_PACK, packForWeakSpots } from '../weak-spots-pack.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' },
    pack: { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['table', 'json', 'csv']);
  const dataset = await readDataset(requireOption(values.data, 'data'));
  for (const error of dataset.errors) {
    process.stderr.write(`${error.file}:${error.line}:${error.column}: ${error.message}\n`);
  }
  const input: WeakSpotInput = { events: dataset.events, ctx: dataset.context };
  // Without --pack the shipped default pack supplies the classifiers and access policies, so the
  // register always covers every kind; --pack names the organisation's own.
  const pack = await packForWeakSpots(values.pack ?? DEFAULT_PACK, dataset.events, dataset.context);
  input.classify = pack.classify;
  const accessFindings: WeakSpotFinding[] = pack.accessFindings;
  const findings = findWeakSpots(input, accessFindings);

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
  return 0;
}
