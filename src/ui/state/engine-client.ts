// One engine worker per page, started on first use. Its URL is resolved by the bundler relative to
// this module, so the built app works from any sub-path.
import * as Comlink from 'comlink';
import { importError } from '../../engine/import/diagnostic.ts';
import { decodeText } from '../../engine/import/text-encoding.ts';
import type { ContentSpan, Diagnostic } from '../../engine/types.ts';
import type { DatasetSummary } from './dataset-summary.ts';
import type { GenerateProgress, GeneratorKnobs, NamedText } from './dataset-adapter.ts';
import type { PackFile } from '../../engine/types.ts';
import type { EngineWorkerApi, ImportPreview } from './engine.worker.ts';
import type { EventFilter } from '../../store/event-match.ts';
import type { EventPage } from '../../store/event-query.ts';

let remote: Comlink.Remote<EngineWorkerApi> | null = null;

export function engineWorker(): Comlink.Remote<EngineWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    remote = Comlink.wrap<EngineWorkerApi>(worker);
  }
  return remote;
}

export type { ImportPreview };

/** Reads the user's files (progress per file) and parses them in the engine worker (nothing is added yet). */
export async function importDataset(
  format: string,
  files: readonly File[],
  mappingText: string,
  onProgress?: (step: string, fraction: number) => void,
): Promise<{ preview: ImportPreview | null; errors: Diagnostic[] }> {
  const texts: NamedText[] = [];
  const notes: Diagnostic[] = [];
  for (const [i, f] of files.entries()) {
    onProgress?.(`Reading ${f.name}…`, i / (files.length + 1));
    const name = f.webkitRelativePath || f.name;
    // Read by its encoding (UTF-16, Windows-1252…), as the command line reads it, not always as UTF-8.
    const { text, note } = decodeText(new Uint8Array(await f.arrayBuffer()));
    if (note !== undefined) notes.push(importError(name, 1, note, { severity: 'warning' }));
    if (text.trim() === '')
      notes.push(importError(name, 1, 'the file is empty: no events in it', { severity: 'warning' }));
    texts.push({ name, text });
  }
  onProgress?.('Parsing and mapping the events…', files.length / (files.length + 1));
  const result = await engineWorker().importTexts(format, texts, mappingText);
  onProgress?.('Done', 1);
  return { ...result, errors: [...notes, ...result.errors] };
}

/**
 * Generates a dataset in the engine worker (the CLI `generate`, same events), with progress; an
 * aborted `signal` stops it at its next progress report and the result is then null.
 */
export async function generateInWorker(
  knobs: GeneratorKnobs,
  scenarioFiles: PackFile[],
  onProgress: (progress: GenerateProgress) => void,
  signal: AbortSignal,
  id?: string,
): Promise<{ dataset: DatasetSummary | null; errors: Diagnostic[] }> {
  const report = (progress: GenerateProgress) => {
    if (!signal.aborted) onProgress(progress);
    return !signal.aborted;
  };
  const result = await engineWorker().generate(knobs, scenarioFiles, Comlink.proxy(report), id);
  return signal.aborted ? { dataset: null, errors: [] } : result;
}

/** A page of a dataset's events under a filter (see src/store/event-query.ts). */
export function queryEvents(
  datasetId: string,
  filter: EventFilter,
  offset: number,
  limit: number,
  onProgress?: (done: number, total: number) => void,
): Promise<EventPage> {
  return engineWorker().queryEvents(
    datasetId,
    filter,
    offset,
    limit,
    onProgress ? Comlink.proxy(onProgress) : undefined,
  );
}

/**
 * What the pack's classifiers find in each of a few values shown on screen, scanned in the engine
 * worker (never on the page's thread): per value, its spans, each with its masked form.
 */
export function scanValues(
  values: readonly { field: string; text: string }[],
  packFiles: readonly PackFile[],
): Promise<ContentSpan[][]> {
  return engineWorker().scanValues(
    values.map(({ field, text }) => ({ field, text })),
    packFiles.map(({ name, text }) => ({ name, text })),
  );
}

/** A newer filter replaced the one this answer was for (not a failure to show). */
export function isSuperseded(error: unknown): boolean {
  return error instanceof Error && error.name === 'FilterSupersededError';
}
