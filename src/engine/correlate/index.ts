// The correlation pass: runs after the per-event scan, over the rule matches of every shard at
// once, so windows are right across segment and worker boundaries. Sigma correlations (v2.1) and
// our behavioural baselines share one table of evaluators.
import type { Alert, DatasetContext, Diagnostic, EngineEvent, LoadedDocument, RuleMatch } from '../types.ts';
import { evaluateCumulativeExfiltration } from './baselines/cumulative-exfiltration.ts';
import { evaluateFirstSeen } from './baselines/first-seen.ts';
import { evaluateOffHours } from './baselines/off-hours.ts';
import { evaluatePeerDeviation } from './baselines/peer-deviation.ts';
import { evaluateSequence } from './baselines/sequence.ts';
import { evaluateUserDeviation } from './baselines/user-deviation.ts';
import { compileCorrelation, correlationKey, type ReferenceTable } from './compile.ts';
import { toAlert, toOccurrence, type Detection } from './detection.ts';
import { documentError } from './diagnostic.ts';
import type { CompiledCorrelation, CompiledCorrelations, CorrelationType, Occurrence } from './model.ts';
import { evaluateSigmaCorrelation } from './sigma/evaluate-sigma.ts';
import { ownValue, setField } from '../event/join.ts';
import { timeValue } from '../import/event-time.ts';

export type { CompiledCorrelation, CompiledCorrelations } from './model.ts';

type Evaluator = (
  c: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
) => Detection[];

const EVALUATORS: Record<CorrelationType, Evaluator> = {
  event_count: evaluateSigmaCorrelation,
  value_count: evaluateSigmaCorrelation,
  temporal: evaluateSigmaCorrelation,
  temporal_ordered: evaluateSigmaCorrelation,
  value_sum: evaluateSigmaCorrelation,
  value_avg: evaluateSigmaCorrelation,
  value_percentile: evaluateSigmaCorrelation,
  first_seen: evaluateFirstSeen,
  user_deviation: evaluateUserDeviation,
  peer_deviation: evaluatePeerDeviation,
  off_hours: evaluateOffHours,
  sequence: evaluateSequence,
  cumulative_exfiltration: evaluateCumulativeExfiltration,
};

export function compileCorrelations(
  docs: LoadedDocument[],
  ruleIds: ReadonlySet<string>,
  ruleNames: ReadonlyMap<string, string>,
): { correlations: CompiledCorrelations; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const correlationDocs = docs.filter((d) => d.kind === 'correlation');
  const byReference = new Map<string, string>();
  const keys = new Map<string, LoadedDocument>();
  for (const doc of correlationDocs) {
    const key = correlationKey(doc);
    const other = keys.get(key);
    if (other) {
      errors.push(
        documentError(
          doc,
          ['id'],
          `correlation "${key}" is defined twice (also in ${other.file})`,
          'give each correlation its own id',
        ),
      );
      continue;
    }
    if (ruleIds.has(key)) {
      errors.push(
        documentError(
          doc,
          ['id'],
          `correlation "${key}" has the same id as a rule`,
          'give it an id of its own',
        ),
      );
      continue;
    }
    keys.set(key, doc);
    for (const ref of [doc.data.id, doc.data.name]) {
      if (typeof ref === 'string' && ref !== '') byReference.set(ref, key);
    }
  }
  const refs: ReferenceTable = { ruleIds, ruleNames, correlations: byReference };
  const compiled: CompiledCorrelation[] = [];
  for (const doc of keys.values()) {
    const correlation = compileCorrelation(doc, refs, errors);
    if (correlation) compiled.push(correlation);
  }
  return { correlations: { correlations: evaluationOrder(compiled, keys, errors) }, errors };
}

/** Inner correlations before the correlations that reference them; a cycle is an error. */
function evaluationOrder(
  compiled: CompiledCorrelation[],
  docs: ReadonlyMap<string, LoadedDocument>,
  errors: Diagnostic[],
): CompiledCorrelation[] {
  const byKey = new Map(compiled.map((c) => [c.key, c]));
  const ordered: CompiledCorrelation[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'broken'>();
  const visit = (c: CompiledCorrelation, path: string[]): boolean => {
    const s = state.get(c.key);
    if (s === 'done') return true;
    if (s === 'broken') return false;
    if (s === 'visiting') {
      const doc = docs.get(c.key);
      if (doc) {
        const cycle = [...path.slice(path.indexOf(c.key)), c.key].join(' → ');
        errors.push(
          documentError(
            doc,
            ['correlation', 'rules'],
            `correlations reference each other in a cycle: ${cycle}`,
          ),
        );
      }
      return false;
    }
    state.set(c.key, 'visiting');
    let ok = true;
    for (const rule of c.rules) {
      const inner = byKey.get(rule);
      if (inner && !visit(inner, [...path, c.key])) ok = false;
    }
    state.set(c.key, ok ? 'done' : 'broken');
    if (ok) ordered.push(c);
    return ok;
  };
  for (const c of compiled) visit(c, []);
  return ordered;
}

/**
 * Rules (and inner correlations) whose own alerts are not reported: the Sigma specification makes
 * referenced rules building blocks unless a correlation referencing them sets `generate: true`.
 * A rule referenced by several correlations is suppressed when any of them does not generate it.
 */
export function referencedRules(c: CompiledCorrelations): ReadonlySet<string> {
  const suppressed = new Set<string>();
  for (const correlation of c.correlations) {
    if (correlation.generate) continue;
    for (const rule of correlation.rules) suppressed.add(rule);
  }
  return suppressed;
}

/** Rules (and inner correlations) some correlation reads the occurrences of. */
export function correlatedRules(c: CompiledCorrelations): ReadonlySet<string> {
  return new Set(c.correlations.flatMap((x) => x.rules));
}

/**
 * Every event field a correlation can read from an occurrence: group-by, condition and baseline
 * fields, sequence links, alias targets and the peer's `user.<field>`. A match's joined event holds
 * ~40 fields and correlations read a handful, so occurrences carry only these (sorted, so two
 * threads agree on them). An evaluator that reads another field must add it here.
 */
export function correlationFields(c: CompiledCorrelations): string[] {
  const fields = new Set<string>();
  for (const correlation of c.correlations) {
    for (const field of correlation.groupBy) fields.add(field);
    for (const field of correlation.condition.fields) fields.add(field);
    for (const [alias, targets] of Object.entries(correlation.aliases)) {
      fields.add(alias);
      for (const field of Object.values(targets)) fields.add(field);
    }
    const baseline = correlation.baseline;
    if (baseline) {
      for (const field of baseline.fields) fields.add(field);
      for (const field of baseline.link) fields.add(field);
      fields.add(`user.${baseline.peer}`);
    }
  }
  return [...fields].sort();
}

/** A rule match as correlations see it: its event reduced to `fields` (see correlationFields). */
export function occurrenceOf(match: RuleMatch, fields: readonly string[]): Occurrence {
  const event = match.event;
  const kept: EngineEvent = {};
  for (const field of fields) {
    const value = ownValue(event, field);
    if (value !== undefined) setField(kept, field, value);
  }
  return { rule: match.rule, time: match.time, eventIds: [match.eventId], user: match.user, fields: kept };
}

export function runCorrelations(c: CompiledCorrelations, matches: RuleMatch[], ctx: DatasetContext): Alert[] {
  if (c.correlations.length === 0) return [];
  const wanted = correlatedRules(c);
  const fields = correlationFields(c);
  const occurrences: Occurrence[] = [];
  for (const match of matches) if (wanted.has(match.rule)) occurrences.push(occurrenceOf(match, fields));
  return correlateOccurrences(c, occurrences, ctx);
}

/**
 * The correlation pass over rule-match occurrences (one event each, in the order the merge gives
 * them: time order, shard order for ties). Occurrences of rules no correlation reads are ignored,
 * and so are occurrences whose time is not a number (NaN: an event without a readable time).
 */
export function correlateOccurrences(
  c: CompiledCorrelations,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
): Alert[] {
  if (c.correlations.length === 0) return [];
  const wanted = correlatedRules(c);
  const byRule = new Map<string, Occurrence[]>();
  const seen = new Set<string>();
  for (const occurrence of occurrences) {
    if (!wanted.has(occurrence.rule)) continue;
    // No readable time (NaN), no place in a window. Epoch 0 (1970-01-01T00:00:00Z) is a time.
    if (!Number.isFinite(occurrence.time)) continue;
    // Shards may overlap at their edges; one event matched by one rule counts once.
    const key = `${occurrence.rule}\u0000${occurrence.eventIds[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byRule.get(occurrence.rule);
    if (list) list.push(occurrence);
    else byRule.set(occurrence.rule, [occurrence]);
  }
  const suppressed = referencedRules(c);
  const alerts: Alert[] = [];
  for (const correlation of c.correlations) {
    const occurrences = correlation.rules.flatMap((rule) => byRule.get(rule) ?? []);
    const detections = EVALUATORS[correlation.type](correlation, occurrences, ctx);
    if (wanted.has(correlation.key)) {
      byRule.set(
        correlation.key,
        detections.map((d) => toOccurrence(correlation, d)),
      );
    }
    if (suppressed.has(correlation.key)) continue;
    for (const detection of detections) alerts.push(toAlert(correlation, detection));
  }
  return alerts.sort(compareAlerts);
}

/**
 * Alerts in time order, then by rule id: the order every run reports them in. By the instant, not
 * the text (`…09:40:00.500Z` is after `…09:40:00Z`); a time no reader understands comes first.
 */
export function compareAlerts(a: Alert, b: Alert): number {
  if (a.timestamp !== b.timestamp) {
    // Two times written alike (`isoTime`, both with or both without milliseconds) sort as text.
    if (a.timestamp.length === b.timestamp.length) return a.timestamp < b.timestamp ? -1 : 1;
    const at = instant(a.timestamp);
    const bt = instant(b.timestamp);
    if (at !== bt) return at < bt ? -1 : 1;
    return a.timestamp < b.timestamp ? -1 : 1;
  }
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

function instant(timestamp: string): number {
  const time = timeValue(timestamp);
  return Number.isFinite(time) ? time : -Infinity;
}
