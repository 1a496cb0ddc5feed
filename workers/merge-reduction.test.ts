// Shards are reduced in the worker that evaluated them (matches → rule alerts + correlation
// occurrences carrying only the fields correlations read) before they cross to the merge. The run a
// user sees must not change: the reduced merge is compared, as JSON, with the merge as it was
// before the reduction (every match with its whole joined event, sorted, then correlated).
import { describe, it, expect, beforeAll } from 'vitest';
import { generateDataset } from '../src/engine/generate/generate-dataset.ts';
import { defaultPackFiles, shippedScenarios } from './shipped-files.test-support.ts';
import type { Scenario } from '../src/engine/scenario/schema.ts';
import { compilePack, type CompiledPack } from '../src/engine/pack.ts';
import { evaluateShard, type ShardResult } from '../src/engine/run/index.ts';
import { ruleAlert } from '../src/engine/run/rule-alerts.ts';
import { findUnmatchable } from '../src/engine/run/unmatchable.ts';
import { alertingIds } from '../src/engine/run/merge-shards.ts';
import { computeMetrics, computeRisk, referencedRules } from '../src/engine/run/integrations.ts';
import { compareAlerts, correlateOccurrences, correlationFields } from '../src/engine/correlate/index.ts';
import type { Alert, DatasetContext, PackFile, RuleMatch, TruthTally } from '../src/engine/types.ts';
import { engine } from './engine-binding.ts';
import type { PackedShard } from './shard-transfer.ts';

const packFiles: PackFile[] = defaultPackFiles();
const scenarios: Scenario[] = shippedScenarios();

/** The merge before shards were reduced: whole matches, whole joined events. */
function mergeWholeMatches(pack: CompiledPack, shards: readonly ShardResult[], context: DatasetContext) {
  const matches: RuleMatch[] = shards.flatMap((shard) => shard.matches);
  matches.sort((a, b) => a.time - b.time);
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  const ruleCounts: Record<string, number> = {};
  const fieldsSeen = new Set<string>();
  const categoriesSeen = new Set<string>();
  for (const shard of shards) {
    truth.benignEvents += shard.truth.benignEvents;
    truth.labelled.push(...shard.truth.labelled);
    for (const [rule, count] of Object.entries(shard.ruleCounts))
      ruleCounts[rule] = (ruleCounts[rule] ?? 0) + count;
    for (const field of shard.fieldsSeen) fieldsSeen.add(field);
    for (const category of shard.categoriesSeen) categoriesSeen.add(category);
  }
  const suppressed = referencedRules(pack.correlations);
  const rulesById = new Map(pack.rules.map((rule) => [rule.id, rule]));
  const alerts: Alert[] = [];
  for (const match of matches) {
    const rule = rulesById.get(match.rule);
    if (rule && !suppressed.has(rule.id)) alerts.push(ruleAlert(rule, match));
  }
  const occurrences = matches.map((m) => ({
    rule: m.rule,
    time: m.time,
    eventIds: [m.eventId],
    user: m.user,
    fields: m.event,
  }));
  alerts.push(...correlateOccurrences(pack.correlations, occurrences, context));
  alerts.sort(compareAlerts);
  return {
    alerts,
    metrics: computeMetrics(alerts, truth, context, alertingIds(pack)),
    risk: computeRisk(alerts, context),
    errors: shards.flatMap((shard) => shard.errors),
    unmatchable: findUnmatchable(pack.rules, fieldsSeen, categoriesSeen),
    ruleCounts,
    truth,
    eventCount: shards.reduce((n, shard) => n + shard.eventCount, 0),
  };
}

describe('shards reduced in the worker before the merge', () => {
  let pack: CompiledPack;
  let context: DatasetContext;
  let whole: ShardResult[];
  let packed: PackedShard[];

  beforeAll(() => {
    pack = compilePack(packFiles).pack;
    const dataset = generateDataset({ seed: 11, users: 40, days: 12, scenarios });
    const events = [...dataset.events];
    context = {
      manifest: dataset.manifest,
      directory: dataset.directory,
      resources: dataset.resources,
      entitlements: dataset.entitlements,
      scenarios: dataset.scenarios,
    };
    // Uneven shards, so correlations span shard boundaries.
    whole = [];
    packed = [];
    for (let at = 0, size = 700; at < events.length; at += size, size += 311) {
      const slice = events.slice(at, at + size);
      whole.push(evaluateShard(pack, slice, context, { firstIndex: at }));
      // What an evaluation worker sends, cloned as postMessage would.
      packed.push(structuredClone(engine.evaluateShard(pack, slice, context, { firstIndex: at })));
    }
  }, 120_000);

  it('give, as JSON, exactly the run that merging whole matches gives', () => {
    const expected = mergeWholeMatches(pack, whole, context);
    expect(expected.alerts.some((a) => a.kind === 'rule')).toBe(true);
    expect(expected.alerts.some((a) => a.kind !== 'rule')).toBe(true);
    const merged = engine.mergeShards(pack, packed, context);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(expected));
  });

  it('carry only the fields correlations read, not the joined events', () => {
    const allowed = new Set(correlationFields(pack.correlations));
    const carried = new Set(packed.flatMap((shard) => shard.occurrenceFields.columns.map((c) => c.field)));
    expect(carried.size).toBeGreaterThan(0);
    for (const field of carried) expect(allowed.has(field)).toBe(true);
    const matches = whole.reduce((n, shard) => n + shard.matches.length, 0);
    const occurrences = packed.reduce((n, shard) => n + shard.occurrenceHeads.count, 0);
    expect(occurrences).toBeGreaterThan(0);
    expect(occurrences).toBeLessThanOrEqual(matches);
  });
});
