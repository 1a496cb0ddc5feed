// `classify --pack <pack> --text-file <file> [--format table|json]`: every classifier match in a text,
// masked. JSON: {"matches":[{"classifier","start","end","confidence":"high","masked"}]}.
// Pack problems in classifier documents go to stderr and make the exit code 1; the classifiers
// that compiled still run.
import { compileClassifiers } from '../../engine/classify/index.ts';
import { loadPack } from '../../engine/load/load-pack.ts';
import type { ContentSpan, Diagnostic } from '../../engine/types.ts';
import { formatDiagnostic } from '../../engine/validate/diagnostic.ts';
import { parseCommandArgs, parseFormat, printJson, requireOption, UsageError } from '../args.ts';
import { inputPath } from '../input-path.ts';
import { readPack } from '../pack-files.ts';
import { readText } from '../read-text.ts';
import { textTable } from '../text-table.ts';

export interface ClassifyResult {
  spans: ContentSpan[];
  errors: Diagnostic[];
  /** Classifier files whose encoding was guessed (not UTF-8). */
  warnings: Diagnostic[];
  /** How many classifiers the pack holds (0: nothing was looked for). */
  classifiers: number;
}

/** The engine part of the command, without the terminal: pack files and text in, spans out. */
export async function classifyText(packPath: string, text: string): Promise<ClassifyResult> {
  const pack = await readPack(packPath);
  const loaded = loadPack(pack.files);
  const documents = loaded.documents.filter((d) => d.kind === 'classifier');
  const { classifiers, errors } = compileClassifiers(documents);
  const problems = [...loaded.errors, ...errors].filter((d) => d.severity === 'error');
  // A classifier file read from a guessed encoding may look for the wrong letters: say so.
  const files = new Set(documents.map((d) => d.file));
  const warnings = pack.warnings.filter((w) => files.has(w.file));
  return {
    spans: classifiers.scan(text, 'content'),
    errors: problems,
    warnings,
    classifiers: classifiers.ids.length,
  };
}

export function matchesJson(spans: readonly ContentSpan[]) {
  return {
    matches: spans.map((s) => ({
      classifier: s.classifier,
      start: s.start,
      end: s.end,
      confidence: s.level,
      masked: s.masked,
    })),
  };
}

export function matchesTable(spans: readonly ContentSpan[]): string {
  if (spans.length === 0) return 'no matches\n';
  const rows = spans.map((s) => [
    s.classifier,
    `${s.start}-${s.end}`,
    `${s.level} (${s.confidence})`,
    s.masked,
    [s.decidedBy.pattern, s.decidedBy.validator, s.decidedBy.supporting?.join(', ')]
      .filter((x) => x !== undefined && x !== '')
      .join('; '),
  ]);
  const header = ['CLASSIFIER', 'SPAN', 'CONFIDENCE', 'VALUE', 'DECIDED BY'];
  return textTable(header, rows) + `\n${spans.length} match${spans.length === 1 ? '' : 'es'}\n`;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    pack: { type: 'string' },
    'text-file': { type: 'string' },
    format: { type: 'string' },
  });
  const format = parseFormat(values.format, ['table', 'json']);
  const pack = requireOption(values.pack, 'pack');
  const textFile = requireOption(values['text-file'], 'text-file');
  let text: string;
  try {
    const read = await readText(await inputPath(textFile));
    text = read.text;
    if (read.note !== undefined) process.stderr.write(`${textFile}: warning: ${read.note}\n`);
  } catch {
    throw new UsageError(`cannot read text file "${textFile}"`);
  }
  const { spans, errors, warnings, classifiers } = await classifyText(pack, text);
  for (const diagnostic of [...warnings, ...errors])
    process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  // "no matches" from a pack that looks for nothing (a rules folder given by mistake) would mislead.
  if (classifiers === 0 && errors.length === 0)
    throw new UsageError(`pack "${pack}" holds no classifiers (kind: classifier): nothing to look for`);
  if (format === 'json') printJson(matchesJson(spans));
  // No classifier compiled: "no matches" would read as a clean text; the errors above say why.
  else if (classifiers === 0)
    process.stderr.write('no classifier of the pack compiled: the text was not scanned\n');
  else process.stdout.write(matchesTable(spans));
  return errors.length > 0 ? 1 : 0;
}
