// The one place the workers meet the engine: the pack compiler (src/engine/pack.ts) and the run
// module (src/engine/run). `engine` below is what the evaluation worker uses; tests may hand
// `createEvaluator` a toy engine of the same shape instead.
//
// Shards cross thread boundaries twice (evaluation worker → page → merging worker), so the
// binding's shard is the compact `PackedShard` of workers/shard-transfer.ts, not the engine's
// object arrays: `evaluateShard` reduces (matches → rule alerts and correlation occurrences, in the
// evaluating worker) and packs, `mergeShards` unpacks and merges.
import { compilePack, type CompiledPack } from '../src/engine/pack.ts';
import { RuleIndex } from '../src/engine/evaluate/rule-index.ts';
import { evaluateShard, startShard, type EventSource, type RunResult } from '../src/engine/run/index.ts';
import { mergeReducedShards, occurrencesOnly, reduceShard } from '../src/engine/run/merge-shards.ts';
import type { DatasetContext, Diagnostic, PackFile } from '../src/engine/types.ts';
import { packShard, unpackShard, type PackedShard } from './shard-transfer.ts';

export interface ShardPosition {
  /** Position of the shard's first event in the dataset: ids of events that lack `event.id`. */
  firstIndex: number;
}

export interface EngineBinding<Pack = unknown, Shard = unknown, Run = unknown> {
  /** Compiles a pack's files; `ruleIds` lists every rule that can be stopped by the time budget. */
  compile(files: PackFile[]): { pack: Pack | null; ruleIds: string[]; errors: Diagnostic[] };
  /** The same pack with only `only` (when given) and without `exclude`. */
  restrict(pack: Pack, rules: { only?: readonly string[]; exclude: readonly string[] }): Pack;
  evaluateShard(pack: Pack, events: EventSource, context: DatasetContext, position?: ShardPosition): Shard;
  /** The same shard in parts (`add` each part's events in order, then `finish`). */
  startShard(
    pack: Pack,
    context: DatasetContext,
    position?: ShardPosition,
  ): { add(events: EventSource): void; finish(): Shard };
  mergeShards(pack: Pack, shards: Shard[], context: DatasetContext): Run;
}

/** Restricted packs are cached per pack: the pool asks for the same restriction on every task. */
const restrictions = new WeakMap<CompiledPack, Map<string, CompiledPack>>();

/**
 * The engine has no "compile only these rules": the compiled pack is narrowed here instead. Only
 * per-event rules run in a shard (correlations run in the merge, over whichever matches exist), so
 * narrowing the rule list and rebuilding its category/action index is all a restriction needs;
 * correlations that reference a stopped rule simply see none of its matches.
 */
export function restrictPack(
  pack: CompiledPack,
  { only, exclude }: { only?: readonly string[]; exclude: readonly string[] },
): CompiledPack {
  if (!only && exclude.length === 0) return pack;
  const key = `${only ? [...only].sort().join('\u0000') : '*'}\u0001${[...exclude].sort().join('\u0000')}`;
  let cache = restrictions.get(pack);
  if (!cache) restrictions.set(pack, (cache = new Map()));
  let restricted = cache.get(key);
  if (!restricted) {
    const keep = only ? new Set(only) : null;
    const drop = new Set(exclude);
    const rules = pack.rules.filter((rule) => (!keep || keep.has(rule.id)) && !drop.has(rule.id));
    const fields = new Set<string>();
    for (const rule of rules) for (const field of rule.fields) fields.add(field);
    restricted = { ...pack, rules, index: new RuleIndex(rules), referencedFields: [...fields].sort() };
    cache.set(key, restricted);
  }
  return restricted;
}

export const engine: EngineBinding<CompiledPack, PackedShard, RunResult> = {
  compile(files) {
    const { pack, errors } = compilePack(files);
    // A pack with errors still holds everything that compiled; the run-client refuses to run it.
    return { pack, ruleIds: pack.rules.map((rule) => rule.id), errors };
  },
  restrict: restrictPack,
  // Matches that only feed correlations are made as lean as the reduction keeps them.
  evaluateShard: (pack, events, context, position) =>
    packShard(
      reduceShard(
        pack,
        evaluateShard(pack, events, context, {
          firstIndex: position?.firstIndex ?? 0,
          occurrencesOnly: occurrencesOnly(pack),
        }),
      ),
    ),
  startShard: (pack, context, position) => {
    const shard = startShard(pack, context, {
      firstIndex: position?.firstIndex ?? 0,
      occurrencesOnly: occurrencesOnly(pack),
    });
    return { add: shard.add, finish: () => packShard(reduceShard(pack, shard.finish())) };
  },
  mergeShards: (pack, shards, context) => mergeReducedShards(pack, shards.map(unpackShard), context),
};

let bound: EngineBinding | null = engine as EngineBinding;

/** Replaces the engine (tests of the worker plumbing with a toy engine). */
export function bindEngine<Pack, Shard, Run>(replacement: EngineBinding<Pack, Shard, Run>): void {
  // The pool and the job only pass the binding's own values back to it, so erasing the types is safe.
  bound = replacement as unknown as EngineBinding;
}

export function boundEngine(): EngineBinding {
  if (!bound) throw new Error('No evaluation engine is bound (workers/engine-binding.ts).');
  return bound;
}
