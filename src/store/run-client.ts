// The UI's way to run a pack over a dataset: `startRun` shards the dataset's segments across a pool
// of evaluation workers (one per core), merges in one worker, stores the run and its alerts.
// The page never holds the events and never blocks on evaluation.
import * as Comlink from 'comlink';
import type { Diagnostic, PackFile } from '../engine/types.ts';
import type { EvaluateWorkerApi } from '../../workers/evaluate.ts';
import {
  evaluateWithPool,
  WorkerCrashedError,
  type EvaluationWorker,
  type PoolProgress,
} from '../../workers/pool.ts';
import { isPackedShard, transferablesOf } from '../../workers/shard-transfer.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from './db.ts';
import { getDataset, segmentIdsForRun, type SegmentFilter } from './datasets.ts';
import { getPackVersion } from './packs.ts';
import type { RunRecord, RunTiming } from './records.ts';

export type PackChoice = { packVersionId: number } | { packFiles: PackFile[]; packId?: string };

export interface RunOptions {
  onProgress?: (progress: PoolProgress) => void;
  signal?: AbortSignal;
  filter?: SegmentFilter;
  /** Defaults to `navigator.hardwareConcurrency`. */
  workers?: number;
  taskBudgetMs?: number;
  db?: SimulatorDatabase;
  /** The stored run's id (default: a random UUID), the app's label and pack version number. */
  saveAs?: Pick<RunRecord, 'id' | 'label' | 'packVersion'>;
}

export interface RunSummary {
  runId: string;
  status: 'done';
  /** The engine's RunResult (alerts, metrics, risk, errors, unmatchable). */
  result: Record<string, unknown>;
  errors: Diagnostic[];
  stoppedRules: string[];
  timing: RunTiming;
}

type WorkerHandle = EvaluationWorker<unknown> & {
  api: Comlink.Remote<EvaluateWorkerApi>;
  /** Set once the worker reported an error: it is never reused. */
  dead: boolean;
};

/** A Web Worker behind Comlink that fails its calls when it dies, rather than leaving them pending. */
function evaluationWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/evaluate.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EvaluateWorkerApi>(worker);
  const died = new Promise<never>((_, reject) => {
    const fail = (event: Event) => {
      handle.dead = true;
      reject(
        new WorkerCrashedError(
          `An evaluation worker stopped unexpectedly: ${(event as ErrorEvent).message || 'no message (out of memory?)'}. The run was stopped.`,
        ),
      );
    };
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
  });
  died.catch(() => undefined);
  const handle: WorkerHandle = {
    api,
    dead: false,
    evaluate: (request) =>
      Promise.race([
        api.evaluate(request) as Promise<Awaited<ReturnType<EvaluateWorkerApi['evaluate']>>>,
        died,
      ]),
    terminate: () => {
      handle.dead = true;
      worker.terminate();
    },
  };
  return handle;
}

/**
 * Workers kept between runs (a warm pool): a re-run starts no worker and, when the pack did not
 * change, compiles nothing (each worker caches its compiled pack by the pack's text). They are
 * closed WARM_POOL_MS after the last run, since each holds its compiled pack and heap.
 */
const idleWorkers: WorkerHandle[] = [];
let idleTimer: ReturnType<typeof setTimeout> | undefined;
export const WARM_POOL_MS = 120_000;

function takeWorker(): WorkerHandle {
  for (let handle = idleWorkers.pop(); handle; handle = idleWorkers.pop()) {
    if (!handle.dead) return handle;
    handle.terminate();
  }
  return evaluationWorker();
}

function keepWarm(handles: Iterable<WorkerHandle>): void {
  // Never more than one run's worth (two runs that ended together do not double the pool).
  const most = Math.max(1, navigator.hardwareConcurrency || 1);
  for (const handle of handles) {
    if (idleWorkers.includes(handle)) continue;
    if (handle.dead || idleWorkers.length >= most) handle.terminate();
    else idleWorkers.push(handle);
  }
  clearTimeout(idleTimer);
  idleTimer = setTimeout(closeIdleWorkers, WARM_POOL_MS);
}

/** Terminates the workers kept between runs (the next run starts fresh ones). */
export function closeIdleWorkers(): void {
  clearTimeout(idleTimer);
  for (const handle of idleWorkers.splice(0)) handle.terminate();
}

export async function startRun(
  pack: PackChoice,
  datasetId: string,
  options: RunOptions = {},
): Promise<RunSummary> {
  const started = performance.now();
  const db = options.db ?? (await openSimulatorDatabase());
  const packFiles =
    'packFiles' in pack ? pack.packFiles : (await getPackVersion(db, pack.packVersionId))?.files;
  if (!packFiles) throw new Error('That pack version no longer exists.');
  const dataset = await getDataset(db, datasetId);
  if (!dataset) throw new Error(`Dataset "${datasetId}" does not exist (or its import has not finished).`);
  const size = options.workers ?? Math.max(1, navigator.hardwareConcurrency || 1);

  // The first worker coordinates (describes the pack, then merges) and evaluates like the others.
  const handles = Array.from({ length: Math.max(1, Math.floor(size) || 1) }, takeWorker);
  const coordinator = handles[0]!;
  const unused = [...handles];
  const touched = new Set<WorkerHandle>(handles);
  const released = new Set<WorkerHandle>();
  /** Set when the run ends with its workers in a known good state: they are kept warm. */
  let healthy: Iterable<WorkerHandle> | null = null;
  try {
    // Every worker compiles the pack at once; the coordinator's description decides. The
    // dataset may have changed since a warm worker last read it (deleted, re-imported).
    const descriptions = handles.map((handle) => {
      void handle.api.forgetDataset(datasetId).catch(() => undefined);
      const description = handle.api.describe(packFiles);
      description.catch(() => undefined);
      return description;
    });
    const description = await descriptions[0]!;
    const described = performance.now();
    // A pack with errors runs what compiled, as the command line does, and the run is stored with
    // the errors: a typo in one rule does not turn every run into one lost on the next reload.
    const pooled = await evaluateWithPool(
      { packFiles, datasetId, segmentIds: segmentIdsForRun(dataset.segments, options.filter) },
      {
        createWorker: () => {
          const handle = unused.shift() ?? evaluationWorker();
          touched.add(handle);
          return handle;
        },
        release: (worker) => released.add(worker as WorkerHandle),
        size,
        ruleIds: description.ruleIds,
        taskBudgetMs: options.taskBudgetMs,
        onProgress: options.onProgress,
        signal: options.signal,
      },
    );
    const poolDone = performance.now();
    // Packed shards hand their buffers on to the merging worker instead of copying them again.
    const buffers = pooled.shards.flatMap((shard) => (isPackedShard(shard) ? transferablesOf(shard) : []));
    // The coordinator merges, unless the time budget stopped it (then another worker does).
    const merger = released.has(coordinator)
      ? coordinator
      : ([...released][0] ?? (unused.shift() || evaluationWorker()));
    touched.add(merger);
    const runId = options.saveAs?.id ?? crypto.randomUUID();
    const now = Date.now();
    // The merging worker stores the run and its alerts itself: the page never clones them into
    // IndexedDB (that was its longest task, growing with the alert count).
    const saved = await merger.api.mergeAndSave(
      packFiles,
      datasetId,
      Comlink.transfer(pooled.shards, buffers),
      pooled.stoppedRules,
      {
        ...options.saveAs,
        id: runId,
        datasetId,
        packId: 'packFiles' in pack ? (pack.packId ?? null) : null,
        packVersionId: 'packVersionId' in pack ? pack.packVersionId : null,
        createdAt: now,
        timing: {
          wallMs: poolDone - started,
          workers: pooled.workers,
          events: pooled.events,
          phases: { describeMs: described - started, poolMs: poolDone - described, mergeMs: 0, saveMs: 0 },
          workerMs: pooled.timing,
        },
      },
      [...description.errors, ...pooled.errors],
    );
    healthy = [merger, ...released, ...unused];
    return {
      runId,
      status: 'done',
      result: saved.result,
      errors: saved.errors,
      stoppedRules: pooled.stoppedRules,
      timing: saved.timing,
    };
  } finally {
    const keep = new Set(healthy ?? []);
    for (const handle of touched) if (!keep.has(handle)) handle.terminate();
    if (keep.size > 0) keepWarm(keep);
  }
}
