// The evaluation worker: one per core, driven by workers/pool.ts through src/store/run-client.ts.
// Shard results leave as packed columns whose buffers are transferred, not cloned.
import * as Comlink from 'comlink';
import { openSimulatorDatabase, type SimulatorDatabase } from '../src/store/db.ts';
import { boundEngine } from './engine-binding.ts';
import { createEvaluator } from './evaluate-job.ts';
import type { ShardReply, ShardRequest } from './pool.ts';
import { isPackedShard, transferablesOf } from './shard-transfer.ts';

let database: Promise<SimulatorDatabase> | undefined;
const evaluator = createEvaluator(() => (database ??= openSimulatorDatabase()), boundEngine);

const api = {
  ...evaluator,
  async evaluate(request: ShardRequest): Promise<ShardReply<unknown>> {
    const reply = await evaluator.evaluate(request);
    return isPackedShard(reply.shard) ? Comlink.transfer(reply, transferablesOf(reply.shard)) : reply;
  },
};

export type EvaluateWorkerApi = typeof api;

Comlink.expose(api);
