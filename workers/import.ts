// The import worker: parsing and writing a large file never blocks the page. The UI talks to it
// through src/store/import-client.ts.
import * as Comlink from 'comlink';
import { openSimulatorDatabase, type SimulatorDatabase } from '../src/store/db.ts';
import {
  runImport,
  type ImportOutcome,
  type ImportPreviewReport,
  type ImportProgressReport,
  type ImportRequest,
} from './import-job.ts';

let database: Promise<SimulatorDatabase> | undefined;
const running = new Map<string, AbortController>();

const api = {
  async importFiles(
    jobId: string,
    request: ImportRequest,
    onProgress?: (report: ImportProgressReport) => void,
    confirm?: (preview: ImportPreviewReport) => boolean | Promise<boolean>,
  ): Promise<ImportOutcome> {
    database ??= openSimulatorDatabase();
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      return await runImport(await database, request, {
        onProgress: onProgress && throttled(onProgress),
        signal: controller.signal,
        confirm,
      });
    } finally {
      running.delete(jobId);
    }
  },
  cancel(jobId: string): void {
    running.get(jobId)?.abort();
  },
};

/** Each report is a message to the page: at most ten a second, plus every change of phase. */
function throttled(onProgress: (report: ImportProgressReport) => void) {
  let last = 0;
  let phase = '';
  return (report: ImportProgressReport) => {
    const now = performance.now();
    if (report.phase === phase && now - last < 100) return;
    last = now;
    phase = report.phase;
    void onProgress(report);
  };
}

export type ImportWorkerApi = typeof api;

Comlink.expose(api);
