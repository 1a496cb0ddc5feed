// Datasets inside the engine worker: bundles, imports and generated data read into a LoadedDataset
// (events in memory) before the worker writes them to the store. The page only ever holds a
// DatasetSummary (dataset-summary.ts), never the whole event array.
import type { DatasetContext, Diagnostic, EngineEvent, PackFile } from '../../engine/types.ts';
import { parseBundleFiles } from '../../engine/import/bundle.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { SummaryBuilder, type DatasetSummary } from './dataset-summary.ts';

export interface LoadedDataset {
  id: string;
  title: string;
  description: string;
  events: EngineEvent[];
  context: DatasetContext;
  errors: Diagnostic[];
  /** Bytes of the source files, for the Data screen's size column. */
  bytes: number;
  period: { start: string; end: string } | null;
}

function periodOf(events: readonly EngineEvent[]): { start: string; end: string } | null {
  let start = '';
  let end = '';
  for (const e of events) {
    const t = e['@timestamp'];
    if (typeof t !== 'string') continue;
    if (start === '' || t < start) start = t;
    if (end === '' || t > end) end = t;
  }
  return start ? { start, end } : null;
}

export function datasetFromBundle(files: PackFile[], fallbackId: string): LoadedDataset {
  const result = parseBundleFiles(files);
  const manifest = {
    id: result.manifest?.id ?? fallbackId,
    title: result.manifest?.title ?? fallbackId,
    ...result.manifest,
  };
  return {
    id: manifest.id,
    title: manifest.title,
    description: manifest.description ?? '',
    events: result.events,
    context: {
      manifest,
      directory: result.directory,
      resources: result.resources,
      entitlements: result.entitlements,
      scenarios: result.scenarios,
    },
    errors: result.errors,
    bytes: files.reduce((n, f) => n + f.text.length, 0),
    period: manifest.period ?? periodOf(result.events),
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A user file read as text, with the name the importers report bad rows against. */
export interface NamedText {
  name: string;
  text: string;
}

function failure(file: string, message: string): { dataset: null; errors: Diagnostic[] } {
  return { dataset: null, errors: [{ file, line: 1, column: 1, path: '', severity: 'error', message }] };
}

/**
 * Reads texts with one of the engine's importers. Runs in the engine worker (see engine-client.ts), so
 * a large file never blocks the page. Bad rows come back as diagnostics with file and line.
 */
export async function importTexts(
  format: string,
  texts: readonly NamedText[],
  mappingText: string,
): Promise<{ dataset: LoadedDataset | null; errors: Diagnostic[] }> {
  if (format === 'bundle') {
    const dataset = datasetFromBundle(
      texts.map((t) => ({ name: t.name, text: t.text })),
      'import',
    );
    return { dataset, errors: dataset.errors };
  }
  const { IMPORTERS } = await import('../../engine/import/importers.ts');
  const importer = (
    IMPORTERS as Record<
      string,
      {
        import: (
          f: PackFile[],
          o?: { mapping?: unknown; mappingFile?: string },
        ) => ReturnType<typeof parseBundleFiles>;
      }
    >
  )[format];
  if (!importer) return failure('', `unknown format "${format}"`);
  let mapping: unknown;
  if (mappingText.trim()) {
    try {
      mapping = JSON.parse(mappingText);
    } catch (error) {
      return failure('mapping', `the mapping is not JSON: ${String(error)}`);
    }
  }
  const files = texts.map((t) => ({ name: t.name, text: t.text }));
  const result = importer.import(files, mapping === undefined ? {} : { mapping, mappingFile: 'mapping' });
  const baseName = (texts[0]?.name ?? 'import').replace(/^.*[/\\]/, '');
  const id = baseName.replace(/\.[^.]+$/, '');
  const manifest = { id, title: `Imported: ${texts.map((f) => f.name).join(', ')}`, ...result.manifest };
  return {
    dataset: {
      id: manifest.id,
      title: manifest.title,
      description: '',
      events: result.events,
      context: {
        manifest,
        directory: result.directory,
        resources: result.resources,
        entitlements: result.entitlements,
        scenarios: result.scenarios,
      },
      errors: result.errors,
      bytes: texts.reduce((n, f) => n + f.text.length, 0),
      period: periodOf(result.events),
    },
    errors: result.errors,
  };
}

/** The generator's knobs as the Data screen's form holds them (the CLI `generate` options). */
export interface GeneratorKnobs {
  seed: number;
  users: number;
  days: number;
  /** First day, ISO date (UTC). */
  start: string;
  /** Size of the content bodies, in bytes. */
  contentBytes: number;
  /** Ids of the built-in scenarios to inject (the CLI's `--scenarios`). */
  scenarios: string[];
}

export const GENERATOR_LIMITS = {
  users: [1, 5000],
  days: [1, 365],
  contentBytes: [0, 65536],
} as const;

/** What is wrong with the knobs, by knob, in words a user can act on; empty when they are fine. */
export function generatorProblems(knobs: GeneratorKnobs): Partial<Record<keyof GeneratorKnobs, string>> {
  const problems: Partial<Record<keyof GeneratorKnobs, string>> = {};
  const whole = (n: number) => Number.isFinite(n) && Number.isInteger(n);
  if (!whole(knobs.seed) || knobs.seed < 0 || knobs.seed > 2 ** 31 - 1)
    problems.seed = 'The seed must be a whole number from 0 to 2147483647.';
  for (const key of ['users', 'days', 'contentBytes'] as const) {
    const [low, high] = GENERATOR_LIMITS[key];
    const name = key === 'contentBytes' ? 'The content size' : key === 'users' ? 'Users' : 'Days';
    if (!whole(knobs[key]) || knobs[key] < low || knobs[key] > high)
      problems[key] = `${name} must be a whole number from ${low} to ${high.toLocaleString('en')}.`;
  }
  const start = /^\d{4}-\d{2}-\d{2}$/.test(knobs.start) ? Date.parse(`${knobs.start}T00:00:00Z`) : NaN;
  if (!Number.isFinite(start) || new Date(start).toISOString().slice(0, 10) !== knobs.start)
    problems.start = `The start must be a date such as 2026-03-02 (got "${knobs.start}").`;
  return problems;
}

/** How far a generation is: days done of all, events so far and, once a day is done, the likely total. */
export interface GenerateProgress {
  day: number;
  days: number;
  events: number;
  /** events per finished day × days; null until the first day is finished. */
  estimatedTotal: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events between two progress reports: small enough that progress moves and a cancel is seen at once. */
const GENERATE_STEP = 2000;

/** Where generated events go instead of memory: `begin` once with the manifest, then `append`s. */
export interface GeneratorSink {
  begin(manifest: DatasetContext['manifest']): Promise<void>;
  append(events: EngineEvent[]): Promise<void>;
}

/** The generator's answer: the dataset (its events empty when they went to a sink) and its summary. */
export interface Generated {
  dataset: LoadedDataset | null;
  summary: DatasetSummary | null;
  errors: Diagnostic[];
}

/**
 * Generates a dataset exactly as the CLI `generate` does (same scenario files, loaded and sorted by
 * id, same options → the same events byte for byte). Runs in the engine worker; `onProgress` is
 * awaited every few thousand events and at each new day, and a `false` from it stops the generation
 * (the result is then null). With a `sink` the events go there a few thousand at a time and are not
 * kept (a million events never sit in memory at once); without one they are in `dataset.events`.
 */
export async function generateFromKnobs(
  knobs: GeneratorKnobs,
  scenarioFiles: readonly PackFile[],
  onProgress?: (progress: GenerateProgress) => boolean | Promise<boolean>,
  id?: string,
  sink?: GeneratorSink,
): Promise<Generated> {
  const [{ generateDataset }, { loadScenario }] = await Promise.all([
    import('../../engine/generate/generate-dataset.ts'),
    import('../../engine/scenario/load.ts'),
  ]);
  const stopped: Generated = { dataset: null, summary: null, errors: [] };
  const wanted = new Set(knobs.scenarios);
  const scenarios: Scenario[] = [];
  const errors: Diagnostic[] = [];
  for (const file of scenarioFiles) {
    const result = loadScenario(file.text, file.name);
    if (!result.ok) for (const error of result.errors) errors.push(error);
    else if (wanted.has(result.value.id)) scenarios.push(result.value);
  }
  if (errors.length > 0) return { ...stopped, errors };
  const unknown = [...wanted].filter((w) => !scenarios.some((s) => s.id === w));
  if (unknown.length > 0)
    return { ...failure('', `unknown scenario(s): ${unknown.join(', ')}`), summary: null };
  scenarios.sort((a, b) => a.id.localeCompare(b.id));

  const generated = generateDataset({
    seed: knobs.seed,
    users: knobs.users,
    days: knobs.days,
    start: knobs.start,
    contentBytes: knobs.contentBytes,
    scenarios,
  });
  const datasetId = id ?? generated.manifest.id;
  const first = Date.parse(`${knobs.start}T00:00:00Z`);
  const events: EngineEvent[] = [];
  let chunk: EngineEvent[] = [];
  const builder = new SummaryBuilder();
  let bytes = 0;
  let date = '';
  let day = 0;
  // Events before the day in progress: the estimate uses finished days only.
  let dayStartCount = 0;
  const report = async () =>
    !onProgress ||
    (await onProgress({
      day,
      days: knobs.days,
      events: builder.count,
      estimatedTotal:
        day > 1 ? Math.max(builder.count, Math.round((dayStartCount / (day - 1)) * knobs.days)) : null,
    }));
  if (!(await report())) return stopped;
  await sink?.begin({ ...generated.manifest, id: datasetId });
  for (const event of generated.events) {
    const today = String(event['@timestamp']).slice(0, 10);
    if (today !== date) {
      date = today;
      dayStartCount = builder.count;
      day = Math.round((Date.parse(`${today}T00:00:00Z`) - first) / DAY_MS) + 1;
      if (!(await report())) return stopped;
    }
    builder.add(event);
    if (sink) chunk.push(event);
    else events.push(event);
    bytes += JSON.stringify(event).length + 1;
    if (builder.count % GENERATE_STEP === 0) {
      if (sink) {
        await sink.append(chunk);
        chunk = [];
      }
      if (!(await report())) return stopped;
    }
  }
  if (sink && chunk.length > 0) await sink.append(chunk);
  day = knobs.days;
  if (onProgress)
    await onProgress({ day, days: knobs.days, events: builder.count, estimatedTotal: builder.count });
  const { manifest, directory, resources, entitlements } = generated;
  const dataset: LoadedDataset = {
    id: datasetId,
    title: manifest.title,
    description: manifest.description ?? '',
    events,
    context: {
      manifest: { ...manifest, id: datasetId },
      directory,
      resources,
      entitlements,
      scenarios: generated.scenarios,
    },
    errors: [],
    bytes,
    period: manifest.period ?? builder.period(),
  };
  return { dataset, summary: builder.summary(dataset, 'generator'), errors: [] };
}
