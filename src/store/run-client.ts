// The UI's way to run a pack over a dataset: `startRun` shards the dataset's segments across a pool
// of evaluation workers (one per core), merges in one worker, stores the run and its alerts.
// The page never holds the events and never blocks on evaluation.
import * as Comlink from 'comlink';
import type { Alert, Diagnostic, PackFile } from '../engine/types.ts';
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
import { saveRun } from './runs.ts';

export type PackChoice = { packVersionId: number } | { packFiles: PackFile[]; packId?: string };

export interface RunOptions {
  onProgress?: (progress: PoolProgress) => void;
  signal?: AbortSignal;
  filter?: SegmentFilter;
  /** Defaults to `navigator.hardwareConcurrency`. */
  workers?: number;
  taskBudgetMs?: number;
  db?: SimulatorDatabase;
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

/** A Web Worker behind Comlink that fails its calls when it dies, rather than leaving them pending. */
function evaluationWorker(): EvaluationWorker<unknown> & { api: Comlink.Remote<EvaluateWorkerApi> } {
  const worker = new Worker(new URL('../../workers/evaluate.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EvaluateWorkerApi>(worker);
  const died = new Promise<never>((_, reject) => {
    const fail = (event: Event) =>
      reject(
        new WorkerCrashedError(
          `An evaluation worker stopped unexpectedly: ${(event as ErrorEvent).message || 'no message (out of memory?)'}. The run was stopped.`,
        ),
      );
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
  });
  died.catch(() => undefined);
  return {
    api,
    evaluate: (request) =>
      Promise.race([
        api.evaluate(request) as Promise<Awaited<ReturnType<EvaluateWorkerApi['evaluate']>>>,
        died,
      ]),
    terminate: () => worker.terminate(),
  };
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

  const coordinator = evaluationWorker();
  try {
    const description = await coordinator.api.describe(packFiles);
    const described = performance.now();
    if (description.errors.some((e) => e.severity === 'error'))
      throw Object.assign(new Error('The pack has errors; fix them before running it.'), {
        diagnostics: description.errors,
      });
    const pooled = await evaluateWithPool(
      { packFiles, datasetId, segmentIds: segmentIdsForRun(dataset.segments, options.filter) },
      {
        createWorker: evaluationWorker,
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
    const result = (await coordinator.api.merge(
      packFiles,
      datasetId,
      Comlink.transfer(pooled.shards, buffers),
      pooled.stoppedRules,
    )) as Record<string, unknown>;
    const alerts = (result.alerts as Alert[] | undefined) ?? [];
    const errors = [...((result.errors as Diagnostic[] | undefined) ?? []), ...pooled.errors];
    const merged = performance.now();
    const timing: RunTiming = {
      wallMs: merged - started,
      workers: pooled.workers,
      events: pooled.events,
      phases: {
        describeMs: described - started,
        poolMs: poolDone - described,
        mergeMs: merged - poolDone,
        saveMs: 0,
      },
      workerMs: pooled.timing,
    };
    const runId = crypto.randomUUID();
    const { alerts: _alerts, ...rest } = result;
    const record: RunRecord = {
      id: runId,
      datasetId,
      packId: 'packFiles' in pack ? (pack.packId ?? null) : null,
      packVersionId: 'packVersionId' in pack ? pack.packVersionId : null,
      status: 'done',
      createdAt: Date.now(),
      finishedAt: Date.now(),
      result: rest,
      errors,
      alertCount: alerts.length,
      timing,
    };
    await saveRun(db, record, alerts);
    // The stored record was written before this: only the returned summary knows the save time.
    timing.phases!.saveMs = performance.now() - merged;
    return {
      runId,
      status: 'done',
      result: { ...result, errors },
      errors,
      stoppedRules: pooled.stoppedRules,
      timing,
    };
  } finally {
    coordinator.terminate();
  }
}
