// The merge pass: all shards' matches together, so correlation windows are right across shard
// boundaries; then alerts, metrics against ground truth, the risk timeline and unmatchable rules.
//
// A shard is first reduced (`reduceShard`, in the worker that evaluated it): its matches become
// the rule alerts they make and the correlation occurrences they feed, each occurrence carrying only
// the fields correlations read. The merge then works on those: it never sees a match's joined
// event or explanation. `mergeShards` does both steps, for callers that hold whole shards.
import type { CompiledPack } from '../pack.ts';
import type { Alert, DatasetContext, Diagnostic, TruthTally } from '../types.ts';
import type { Occurrence } from '../correlate/model.ts';
import type { ShardResult } from './evaluate-shard.ts';
import {
  computeMetrics,
  computeRisk,
  referencedRules,
  type Metrics,
  type RiskTimeline,
} from './integrations.ts';
import { ruleAlert } from './rule-alerts.ts';
import { findUnmatchable, type UnmatchableRule } from './unmatchable.ts';
import {
  compareAlerts,
  correlateOccurrences,
  correlatedRules,
  correlationFields,
  occurrenceOf,
} from '../correlate/index.ts';

export interface RunResult {
  alerts: Alert[];
  metrics: Metrics;
  risk: RiskTimeline;
  errors: Diagnostic[];
  unmatchable: UnmatchableRule[];
  ruleCounts: Record<string, number>;
  eventCount: number;
  /** Benign event count and every labelled event: what metrics and exercise scores are computed from. */
  truth: TruthTally;
}

/** A shard as the merge needs it: everything but its matches, which became alerts and occurrences. */
export interface ReducedShard extends Omit<ShardResult, 'matches'> {
  /** Alerts of the rules that report their own matches, in the shard's match order. */
  ruleAlerts: Alert[];
  /** Epoch ms of each rule alert's match (its sort key in the merge). */
  ruleAlertTimes: number[];
  /** Matches of the rules correlations read, in match order, with `correlationFields` only. */
  occurrences: Occurrence[];
}

/** What a pack's merge needs to know about its rules; computed once per pack. */
interface MergePlan {
  rulesById: Map<string, CompiledPack['rules'][number]>;
  suppressed: ReadonlySet<string>;
  correlated: ReadonlySet<string>;
  fields: string[];
}

const plans = new WeakMap<CompiledPack, MergePlan>();

function planOf(pack: CompiledPack): MergePlan {
  let plan = plans.get(pack);
  if (!plan) {
    plan = {
      rulesById: new Map(pack.rules.map((rule) => [rule.id, rule])),
      suppressed: referencedRules(pack.correlations),
      correlated: correlatedRules(pack.correlations),
      fields: correlationFields(pack.correlations),
    };
    plans.set(pack, plan);
  }
  return plan;
}

/**
 * The rules whose matches `reduceShard` turns into correlation occurrences only (a correlation
 * suppresses their alerts), and the fields an occurrence keeps: what `evaluateShard` may make such
 * matches of (`occurrencesOnly`).
 */
export function occurrencesOnly(pack: CompiledPack): {
  rules: ReadonlySet<string>;
  fields: readonly string[];
} {
  const { suppressed, fields } = planOf(pack);
  return { rules: suppressed, fields };
}

/** Every rule and correlation that raises alerts of its own (a correlation suppresses those it reads, unless it generates them). */
export function alertingIds(pack: CompiledPack): string[] {
  const { suppressed } = planOf(pack);
  const ids = [...pack.rules.map((rule) => rule.id), ...pack.correlations.correlations.map((c) => c.key)];
  return [...new Set(ids)].filter((id) => !suppressed.has(id));
}

/** A shard's matches → its rule alerts and correlation occurrences (what crosses to the merge). */
export function reduceShard(pack: CompiledPack, shard: ShardResult): ReducedShard {
  const { rulesById, suppressed, correlated, fields } = planOf(pack);
  const { matches, ...rest } = shard;
  const ruleAlerts: Alert[] = [];
  const ruleAlertTimes: number[] = [];
  const occurrences: Occurrence[] = [];
  const correlating = pack.correlations.correlations.length > 0;
  for (const match of matches) {
    const rule = rulesById.get(match.rule);
    if (rule && !suppressed.has(rule.id)) {
      ruleAlerts.push(ruleAlert(rule, match));
      ruleAlertTimes.push(match.time);
    }
    if (correlating && correlated.has(match.rule)) occurrences.push(occurrenceOf(match, fields));
  }
  return { ...rest, ruleAlerts, ruleAlertTimes, occurrences };
}

/** Indexes 0…n-1 in stable time order (ties keep shard order, then match order). */
function timeOrder(times: Float64Array): Uint32Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Times that are not numbers (events without a readable time) come first, as 0 did.
  return order.sort((a, b) => {
    const ta = times[a]!;
    const tb = times[b]!;
    const untimed = Number(Number.isNaN(tb)) - Number(Number.isNaN(ta));
    return untimed !== 0 ? untimed : ta - tb || a - b;
  });
}

/**
 * A matched event without a readable `@timestamp` is dated 0 (1970-01-01) by `timeOf`: its alert is
 * kept, but no correlation or baseline counts it: it has no place in a time window (counted, every such
 * event fell into one window at 1970-01-01, and unrelated events made a burst). Said once per run, with the
 * first such event (its id names the file and line when the importer gave it one).
 */
function untimedWarning(
  alerts: readonly Alert[],
  alertTimes: Float64Array,
  occurrences: readonly Occurrence[],
  occurrenceTimes: Float64Array,
): Diagnostic | undefined {
  const ids = new Set<string>();
  alertTimes.forEach((time, i) => {
    if (Number.isNaN(time)) for (const id of alerts[i]!.events) ids.add(id);
  });
  occurrenceTimes.forEach((time, i) => {
    if (Number.isNaN(time)) for (const id of occurrences[i]!.eventIds) ids.add(id);
  });
  const first = ids.values().next().value;
  if (first === undefined) return undefined;
  const where = /^(.*):(\d+)$/.exec(first);
  return {
    file: where?.[1] ?? '',
    line: where ? Number(where[2]) : 0,
    column: 1,
    path: '@timestamp',
    severity: 'warning',
    message: `${ids.size} matched event(s) have no readable @timestamp (first: "${first}"): their alerts come first, with the time as written (1970-01-01 when there is none), and correlations and baselines leave them out`,
    suggestion: 'give every event an ISO 8601 @timestamp with a zone, e.g. "2026-03-02T09:14:05Z"',
  };
}

export function mergeReducedShards(
  pack: CompiledPack,
  shards: readonly ReducedShard[],
  context: DatasetContext,
): RunResult {
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  const ruleCounts: Record<string, number> = Object.create(null);
  const errors: Diagnostic[] = [];
  const fieldsSeen = new Set<string>();
  const categoriesSeen = new Set<string>();
  let eventCount = 0;
  let alertTotal = 0;
  let occurrenceTotal = 0;
  for (const shard of shards) {
    truth.benignEvents += shard.truth.benignEvents;
    for (const labelled of shard.truth.labelled) truth.labelled.push(labelled);
    for (const [rule, count] of Object.entries(shard.ruleCounts))
      ruleCounts[rule] = (ruleCounts[rule] ?? 0) + count;
    for (const item of shard.errors) errors.push(item);
    for (const field of shard.fieldsSeen) fieldsSeen.add(field);
    for (const category of shard.categoriesSeen) categoriesSeen.add(category);
    eventCount += shard.eventCount;
    alertTotal += shard.ruleAlerts.length;
    occurrenceTotal += shard.occurrences.length;
  }

  // Every match in time order (stable: shard order, then match order), as one sorted list of
  // matches gave before shards were reduced; alerts and occurrences keep that order.
  const alertTimes = new Float64Array(alertTotal);
  const occurrenceTimes = new Float64Array(occurrenceTotal);
  let a = 0;
  let o = 0;
  for (const shard of shards) {
    for (const time of shard.ruleAlertTimes) alertTimes[a++] = time;
    for (const occurrence of shard.occurrences) occurrenceTimes[o++] = occurrence.time;
  }
  const alertsInShardOrder = shards.flatMap((shard) => shard.ruleAlerts);
  const alerts: Alert[] = [];
  for (const index of timeOrder(alertTimes)) alerts.push(alertsInShardOrder[index]!);
  const occurrencesInShardOrder = shards.flatMap((shard) => shard.occurrences);
  const occurrences: Occurrence[] = [];
  for (const index of timeOrder(occurrenceTimes)) occurrences.push(occurrencesInShardOrder[index]!);
  const untimed = untimedWarning(alertsInShardOrder, alertTimes, occurrencesInShardOrder, occurrenceTimes);
  if (untimed) errors.push(untimed);
  // (An event without a readable time has no place in a window: `untimedWarning` says so.)
  const timed = untimed ? occurrences.filter((occurrence) => Number.isFinite(occurrence.time)) : occurrences;
  for (const alert of correlateOccurrences(pack.correlations, timed, context)) alerts.push(alert);
  alerts.sort(compareAlerts);

  return {
    alerts,
    metrics: computeMetrics(alerts, truth, context, alertingIds(pack)),
    risk: computeRisk(alerts, context),
    errors,
    unmatchable: findUnmatchable(pack.rules, fieldsSeen, categoriesSeen),
    ruleCounts,
    truth,
    eventCount,
  };
}

export function mergeShards(
  pack: CompiledPack,
  shards: readonly ShardResult[],
  context: DatasetContext,
): RunResult {
  return mergeReducedShards(
    pack,
    shards.map((shard) => reduceShard(pack, shard)),
    context,
  );
}
