// The merge pass: all shards' matches together, so correlation windows are right across shard
// boundaries; then alerts, metrics against ground truth, the risk timeline and unmatchable rules.
import type { CompiledPack } from '../pack.ts';
import type { Alert, DatasetContext, Diagnostic, RuleMatch, TruthTally } from '../types.ts';
import type { ShardResult } from './evaluate-shard.ts';
import {
  computeMetrics,
  computeRisk,
  referencedRules,
  runCorrelations,
  type Metrics,
  type RiskTimeline,
} from './integrations.ts';
import { ruleAlert } from './rule-alerts.ts';
import { findUnmatchable, type UnmatchableRule } from './unmatchable.ts';
import { compareAlerts } from '../correlate/index.ts';

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

export function mergeShards(
  pack: CompiledPack,
  shards: readonly ShardResult[],
  context: DatasetContext,
): RunResult {
  const matches: RuleMatch[] = [];
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  const ruleCounts: Record<string, number> = {};
  const errors: Diagnostic[] = [];
  const fieldsSeen = new Set<string>();
  const categoriesSeen = new Set<string>();
  let eventCount = 0;
  for (const shard of shards) {
    for (const match of shard.matches) matches.push(match);
    truth.benignEvents += shard.truth.benignEvents;
    for (const labelled of shard.truth.labelled) truth.labelled.push(labelled);
    for (const [rule, count] of Object.entries(shard.ruleCounts))
      ruleCounts[rule] = (ruleCounts[rule] ?? 0) + count;
    errors.push(...shard.errors);
    for (const field of shard.fieldsSeen) fieldsSeen.add(field);
    for (const category of shard.categoriesSeen) categoriesSeen.add(category);
    eventCount += shard.eventCount;
  }
  matches.sort((a, b) => a.time - b.time);

  const suppressed = referencedRules(pack.correlations);
  const rulesById = new Map(pack.rules.map((rule) => [rule.id, rule]));
  const alerts: Alert[] = [];
  for (const match of matches) {
    const rule = rulesById.get(match.rule);
    if (rule && !suppressed.has(rule.id)) alerts.push(ruleAlert(rule, match));
  }
  alerts.push(...runCorrelations(pack.correlations, matches, context));
  alerts.sort(compareAlerts);

  return {
    alerts,
    metrics: computeMetrics(alerts, truth, context),
    risk: computeRisk(alerts, context),
    errors,
    unmatchable: findUnmatchable(pack.rules, fieldsSeen, categoriesSeen),
    ruleCounts,
    truth,
    eventCount,
  };
}
