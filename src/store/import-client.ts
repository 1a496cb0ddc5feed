// The UI's way to import files: parsing and writing happen in workers/import.ts; the page gets
// progress, can cancel, and receives either a committed dataset or a message (nothing half-stored).
import * as Comlink from 'comlink';
import type { ImportWorkerApi } from '../../workers/import.ts';
import type {
  ImportFormat,
  ImportOutcome,
  ImportPreviewReport,
  ImportProgressReport,
} from '../../workers/import-job.ts';

export type { ImportOutcome, ImportPreviewReport, ImportProgressReport, ImportFormat };

export interface ImportOptions {
  format?: ImportFormat;
  datasetId?: string;
  title?: string;
  mapping?: unknown;
  mappingFile?: string;
  /** Take `datasetId`, or `datasetId-2`… if the store holds it. */
  freeId?: boolean;
  onProgress?: (report: ImportProgressReport) => void;
  signal?: AbortSignal;
  /** Asked before the commit, with the first events and every bad row: true adds, false discards. */
  confirm?: (preview: ImportPreviewReport) => boolean | Promise<boolean>;
}

/** `files` from an <input type=file>, a drop, or fetched responses turned into Blobs (name given). */
export async function importFiles(
  files: readonly (File | { name: string; blob: Blob })[],
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const worker = new Worker(new URL('../../workers/import.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ImportWorkerApi>(worker);
  const jobId = crypto.randomUUID();
  const cancel = () => void api.cancel(jobId);
  options.signal?.addEventListener('abort', cancel, { once: true });
  const died = new Promise<ImportOutcome>((resolve) =>
    worker.addEventListener('error', (event) =>
      resolve({
        ok: false,
        problem: {
          kind: 'other',
          message: `The import stopped unexpectedly: ${event.message || 'out of memory?'} Nothing was stored.`,
        },
        errors: [],
      }),
    ),
  );
  try {
    const sources = files.map((f) => ('blob' in f ? f : { name: f.webkitRelativePath || f.name, blob: f }));
    return await Promise.race([
      api.importFiles(
        jobId,
        {
          files: sources,
          format: options.format,
          datasetId: options.datasetId,
          title: options.title,
          mapping: options.mapping,
          mappingFile: options.mappingFile,
          freeId: options.freeId,
        },
        options.onProgress ? Comlink.proxy(options.onProgress) : undefined,
        options.confirm ? Comlink.proxy(options.confirm) : undefined,
      ),
      died,
    ]);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    worker.terminate();
  }
}
