// The seam between the screens and evaluation: screens only ever see a RunOutcome. A dataset the
// engine worker has written to the store (IndexedDB segments, see engine.worker.ts) runs through the
// store's run client (src/store/run-client.ts): a pool of evaluation workers that read their own
// segments, with progress, cancel and a time budget per task, and the run saved with its alerts.
// A dataset that could not be stored, or a pack with errors (the pool refuses those; the in-memory
// run still shows what the rest of the pack catches), runs in the page's engine worker instead.
import type { Alert, Diagnostic, PackFile } from '../../engine/types.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../store/db.ts';
import type { RunRecord as StoredRun } from '../../store/records.ts';
import { startRun } from '../../store/run-client.ts';
import {
  allocateRunId,
  deleteRun,
  failedRun,
  getRun,
  listRuns,
  openRun,
  pruneRuns,
  saveRun,
  setRunPinned,
} from '../../store/runs.ts';
import { DEFAULT_RUNS_TO_KEEP, readRunsToKeep, writeRunsToKeep } from '../../store/settings.ts';
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
  /** The run's wall time as stored (pool runs only), so a reopened run shows the same figure. */
  durationMs?: number;
  /** Stored runs this run pushed out (older than the newest N, not pinned), deleted with their alerts. */
  pruned?: string[];
}

export interface RunInput {
  packFiles: PackFile[];
  datasetId: string;
  /** The id, label and pack version the run is stored under (see `nextRunId`). */
  runId: string;
  label: string;
  packVersion: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

let database: Promise<SimulatorDatabase> | null = null;

/** The store, or null when this browser gives the page no IndexedDB (private mode, quota, policy). */
async function storeOrNull(): Promise<SimulatorDatabase | null> {
  try {
    database ??= openSimulatorDatabase();
    return await database;
  } catch {
    database = null;
    return null;
  }
}

let memoryRunNumber = 0;

/**
 * The id for the next run: `r<n>`, unique in this browser across visits (the counter is stored), so
 * `#/runs/r3` and `#/alerts/r3-17` still open the same run after a reload. Without a working store
 * the id carries the time as well, so it cannot name (and overwrite) a run stored on another visit.
 */
export async function nextRunId(): Promise<string> {
  const db = await storeOrNull();
  if (db) {
    try {
      return await allocateRunId(db);
    } catch {
      // A store that opens but refuses writes (quota): the run will not be stored either.
    }
  }
  memoryRunNumber += 1;
  return `m${memoryRunNumber}-${Date.now().toString(36)}`;
}

/** Every stored run, newest first, without alerts (cheap to list). Empty without a store. */
export async function listStoredRuns(): Promise<StoredRun[]> {
  const db = await storeOrNull();
  return db ? listRuns(db) : [];
}

/** A stored run with its alerts, or undefined when it is not (or no longer) stored. */
export async function openStoredRun(id: string): Promise<{ run: StoredRun; alerts: Alert[] } | undefined> {
  const db = await storeOrNull();
  return db ? openRun(db, id) : undefined;
}

export async function pinStoredRun(id: string, pinned: boolean): Promise<void> {
  const db = await storeOrNull();
  if (!db) throw new Error('Runs cannot be pinned: this browser gives the app no storage.');
  await setRunPinned(db, id, pinned);
}

export async function deleteStoredRun(id: string): Promise<void> {
  const db = await storeOrNull();
  if (db) await deleteRun(db, id);
}

export async function readKeepSetting(): Promise<number> {
  const db = await storeOrNull();
  return db ? readRunsToKeep(db) : DEFAULT_RUNS_TO_KEEP;
}

/** Saves how many runs to keep; throws a RangeError that says what is wrong with the value. */
export async function writeKeepSetting(value: number): Promise<void> {
  const db = await storeOrNull();
  if (!db) throw new Error('The setting cannot be saved: this browser gives the app no storage.');
  await writeRunsToKeep(db, value);
}

/** After a new run: the store keeps the newest N runs and the pinned ones (a failure only skips it). */
async function pruneAfterRun(db: SimulatorDatabase): Promise<string[]> {
  try {
    return await pruneRuns(db, await readRunsToKeep(db));
  } catch {
    return [];
  }
}

function cancelled(): DOMException {
  return new DOMException('The run was cancelled.', 'AbortError');
}

export async function evaluatePack(input: RunInput): Promise<RunOutcome> {
  const isStored = await engineWorker().isStored(input.datasetId);
  if (input.signal?.aborted) throw cancelled();
  if (!isStored) return evaluateInMemory(input);
  const db = await storeOrNull();
  if (!db) return evaluateInMemory(input);
  const startedAt = Date.now();
  try {
    const summary = await startRun({ packFiles: input.packFiles }, input.datasetId, {
      db,
      signal: input.signal,
      onProgress: input.onProgress ? (p) => input.onProgress?.(p.segmentsDone, p.segmentsTotal) : undefined,
      saveAs: { id: input.runId, label: input.label, packVersion: input.packVersion },
    });
    const pruned = await pruneAfterRun(db);
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
      durationMs: summary.timing.wallMs,
      pruned,
    };
  } catch (error) {
    if (input.signal?.aborted) throw cancelled();
    await saveFailedRun(db, input, startedAt, error);
    throw error;
  }
}

/**
 * A run that broke (a worker crashed, the store filled up) stays listed, with why, after a reload;
 * but a run remade under the id of one that finished (the start-up run) leaves that one as it was.
 */
async function saveFailedRun(
  db: SimulatorDatabase,
  input: RunInput,
  startedAt: number,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const now = Date.now();
  const record = failedRun(
    {
      id: input.runId,
      label: input.label,
      packVersion: input.packVersion,
      datasetId: input.datasetId,
      packId: null,
      packVersionId: null,
      createdAt: now,
      finishedAt: now,
      result: null,
      alertCount: 0,
      timing: { wallMs: now - startedAt, workers: 0, events: 0 },
    },
    [{ file: '', line: 1, column: 1, path: '', severity: 'error', message }],
  );
  try {
    if ((await getRun(db, input.runId))?.status === 'done') return;
    await saveRun(db, record, []);
    await pruneAfterRun(db);
  } catch {
    // The store itself is what failed: the status line still says why the run failed.
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
