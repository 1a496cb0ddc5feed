import type { CompiledPack } from '../pack.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { evaluateShard, type ShardOptions } from './evaluate-shard.ts';
import { mergeShards, type RunResult } from './merge-shards.ts';

/** A whole run in one shard: what the command line and the tests use. */
export function runPack(
  pack: CompiledPack,
  events: readonly EngineEvent[],
  context: DatasetContext,
  options?: ShardOptions,
): RunResult {
  return mergeShards(pack, [evaluateShard(pack, events, context, options)], context);
}
