// The evaluation worker: one per core, driven by workers/pool.ts through src/store/run-client.ts.
// Shard results leave as packed columns whose buffers are transferred, not cloned.
import * as Comlink from 'comlink';
import { openSimulatorDatabase, type SimulatorDatabase } from '../src/store/db.ts';
import { boundEngine } from './engine-binding.ts';
import { createEvaluator } from './evaluate-job.ts';
import type { ShardReply, ShardRequest } from './pool.ts';
import { saveMergedRun, type RunDraft } from './save-run.ts';
import type { Diagnostic, PackFile } from '../src/engine/types.ts';
import { isPackedShard, transferablesOf } from './shard-transfer.ts';

let database: Promise<SimulatorDatabase> | undefined;
const evaluator = createEvaluator(() => (database ??= openSimulatorDatabase()), boundEngine);

const api = {
  ...evaluator,
  async evaluate(request: ShardRequest): Promise<ShardReply<unknown>> {
    const reply = await evaluator.evaluate(request);
    return isPackedShard(reply.shard) ? Comlink.transfer(reply, transferablesOf(reply.shard)) : reply;
  },
  /** Merges the pool's shards and stores the run with its alerts from here, not from the page. */
  async mergeAndSave(
    files: PackFile[],
    datasetId: string,
    shards: unknown[],
    excludeRules: string[],
    draft: RunDraft,
    poolErrors: Diagnostic[],
  ) {
    const started = performance.now();
    const merged = (await evaluator.merge(files, datasetId, shards, excludeRules)) as Record<string, unknown>;
    const mergeMs = performance.now() - started;
    return saveMergedRun(await (database ??= openSimulatorDatabase()), draft, merged, poolErrors, mergeMs);
  },
};

export type EvaluateWorkerApi = typeof api;

Comlink.expose(api);
