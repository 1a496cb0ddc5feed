// The one place the workers meet the engine's run module. The engine (src/engine/run, being
// written alongside) exposes `evaluateShard(pack, events, ctx)` and `mergeShards(pack, shards, ctx)`
// and a pack compiler; until they land, `bindEngine` is called by whoever wires them
// (LEAD: import them here and call bindEngine at module load — see docs/storage-and-workers.md).
import type { DatasetContext, Diagnostic, EngineEvent, PackFile } from '../src/engine/types.ts';

export interface EngineBinding<Pack = unknown, Shard = unknown, Run = unknown> {
  /** Compiles a pack's files; `ruleIds` lists every rule, correlation and baseline that can be stopped. */
  compile(files: PackFile[]): { pack: Pack | null; ruleIds: string[]; errors: Diagnostic[] };
  /** The same pack with only `only` (when given) and without `exclude`. */
  restrict(pack: Pack, rules: { only?: readonly string[]; exclude: readonly string[] }): Pack;
  evaluateShard(pack: Pack, events: EngineEvent[], context: DatasetContext): Shard;
  mergeShards(pack: Pack, shards: Shard[], context: DatasetContext): Run;
}

let bound: EngineBinding | null = null;

export function bindEngine(engine: EngineBinding<any, any, any>): void {
  bound = engine;
}

export function boundEngine(): EngineBinding {
  if (!bound)
    throw new Error('The evaluation engine is not wired into the workers yet (workers/engine-binding.ts).');
  return bound;
}
