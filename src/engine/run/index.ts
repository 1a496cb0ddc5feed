export {
  evaluateShard,
  startShard,
  type EventSource,
  type ShardInProgress,
  type ShardResult,
  type ShardOptions,
} from './evaluate-shard.ts';
export { mergeShards, type RunResult } from './merge-shards.ts';
export { runPack } from './run-pack.ts';
export type { UnmatchableRule } from './unmatchable.ts';
