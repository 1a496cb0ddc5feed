// The seam between the screens and evaluation: screens only ever see a RunOutcome. A dataset the
// engine worker has written to the store (IndexedDB segments, see engine.worker.ts) runs through the
// store's run client (src/store/run-client.ts): a pool of evaluation workers that read their own
// segments, with progress, cancel and a time budget per task, and the run saved with its alerts.
// A dataset that could not be stored, or a pack with errors (the pool refuses those; the in-memory
// run still shows what the rest of the pack catches), runs in the page's engine worker instead.
import type { Alert, Diagnostic, PackFile } from '../../engine/types.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../store/db.ts';
import { startRun } from '../../store/run-client.ts';
import { engineWorker } from './engine-client.ts';
import * as Comlink from 'comlink';

export interface RunOutcome {
  alerts: Alert[];
  metrics: unknown;
  risk: unknown;
  errors: Diagnostic[];
  unmatchable: unknown;
  /** How the run went: `pool` (store and evaluation workers) or `memory` (the engine worker). */
  via?: 'pool' | 'memory';
  /** Evaluation workers the pool used (pool runs only). */
  workers?: number;
  /** The stored run's id (pool runs only). */
  storedRunId?: string;
}

export interface RunInput {
  packFiles: PackFile[];
  datasetId: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

let database: Promise<SimulatorDatabase> | null = null;

function cancelled(): DOMException {
  return new DOMException('The run was cancelled.', 'AbortError');
}

/** The pool refuses a pack with errors and says so with its diagnostics. */
function isPackRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'diagnostics' in error;
}

export async function evaluatePack(input: RunInput): Promise<RunOutcome> {
  const isStored = await engineWorker().isStored(input.datasetId);
  if (input.signal?.aborted) throw cancelled();
  if (!isStored) return evaluateInMemory(input);
  let db: SimulatorDatabase;
  try {
    database ??= openSimulatorDatabase();
    db = await database;
  } catch {
    database = null;
    return evaluateInMemory(input);
  }
  try {
    const summary = await startRun({ packFiles: input.packFiles }, input.datasetId, {
      db,
      signal: input.signal,
      onProgress: input.onProgress ? (p) => input.onProgress?.(p.segmentsDone, p.segmentsTotal) : undefined,
    });
    if (input.signal?.aborted) throw cancelled();
    const result = summary.result;
    return {
      alerts: (result.alerts as Alert[] | undefined) ?? [],
      metrics: result.metrics,
      risk: result.risk,
      errors: summary.errors,
      unmatchable: result.unmatchable,
      via: 'pool',
      workers: summary.timing.workers,
      storedRunId: summary.runId,
    };
  } catch (error) {
    if (input.signal?.aborted) throw cancelled();
    if (isPackRefusal(error)) return evaluateInMemory(input);
    throw error;
  }
}

/** The run in the page's engine worker, over the events it holds. */
async function evaluateInMemory(input: RunInput): Promise<RunOutcome> {
  const worker = engineWorker();
  const stop = () => void worker.cancel();
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    const outcome = await worker.evaluate(
      input.packFiles,
      input.datasetId,
      input.onProgress ? Comlink.proxy(input.onProgress) : undefined,
    );
    if (!outcome || input.signal?.aborted) throw cancelled();
    return { ...outcome, via: 'memory' };
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}
