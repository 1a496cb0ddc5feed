// The dataset bundle's files as text (docs/data-model.md): pure, so the app can build the same
// bundle in a worker that the command line writes to disk.
import type { GeneratedDataset } from './generate-dataset.ts';

export const BUNDLE_FILES = [
  'dataset.json',
  'events.ndjson',
  'directory.json',
  'resources.json',
  'entitlements.json',
] as const;

/** dataset.json: the manifest plus the ground truth of every injected scenario. */
export function datasetJson(dataset: GeneratedDataset): string {
  return JSON.stringify({ ...dataset.manifest, scenarios: dataset.scenarios }, null, 2) + '\n';
}

export function tableJson(rows: unknown[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

/** events.ndjson in chunks of about `chunkEvents` lines, so a writer can respect back-pressure. */
export function* ndjsonChunks(dataset: GeneratedDataset, chunkEvents = 2000): Generator<string> {
  let chunk = '';
  let count = 0;
  for (const line of dataset.lines) {
    chunk += line + '\n';
    if (++count >= chunkEvents) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (count > 0) yield chunk;
}
