// The compiled form of correlation documents: Sigma correlations (v2.1) and our behavioural
// baselines, which are correlation types of our own with the same `rules`, `group-by` and
// `response` keys. Plain data so a compiled pack crosses a worker boundary unchanged.
import type { EngineEvent, OwnerTeam, ResponseAction, Severity, ThreatCategory } from '../types.ts';

export const SIGMA_CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const;
export type SigmaCorrelationType = (typeof SIGMA_CORRELATION_TYPES)[number];

export const BASELINE_TYPES = [
  'first_seen',
  'user_deviation',
  'peer_deviation',
  'off_hours',
  'sequence',
  'cumulative_exfiltration',
] as const;
export type BaselineType = (typeof BASELINE_TYPES)[number];

export type CorrelationType = SigmaCorrelationType | BaselineType;

export const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A metric condition: every criterion must hold ("gt: 100, lte: 200" is a range). */
export interface MetricCondition {
  criteria: { op: ConditionOperator; value: number }[];
  /** value_count / value_sum / value_avg / value_percentile: the field(s) the metric reads. */
  fields: string[];
  /** value_percentile: which percentile (0–100) of the field's values is compared. */
  percentile?: number;
}

export interface CorrelationResponse {
  severity: Severity;
  action: ResponseAction;
  owner?: OwnerTeam;
  category?: ThreatCategory;
  playbook?: string;
}

/** Settings of the baseline types (each optional key has a documented default). */
export interface BaselineSettings {
  /** Field(s) whose values are counted, summed or remembered. */
  fields: string[];
  /** first_seen, off_hours: how long we only learn before alerting (ms). */
  learningMs: number;
  /** user_deviation, off_hours: how many days of the user's own history are compared (days). */
  historyDays: number;
  /** Deviation types: threshold = mean + k·σ. */
  k: number;
  /** Deviation types: the least value worth an alert, whatever the statistics say. */
  minValue: number;
  /** user_deviation: days of history needed before judging. off_hours: prior events needed. */
  minHistory: number;
  /** peer_deviation, cumulative_exfiltration: the directory field that forms peer groups. */
  peer: string;
  /** off_hours: share of the user's past activity that makes an hour "usual". */
  minShare: number;
  /** off_hours: hours either side of a usual hour that still count as usual. */
  toleranceHours: number;
  /** sequence: ordered steps, each one or more rule keys. */
  steps: { name: string; rules: string[] }[];
  /** sequence: fields that link steps (a rename links the old and the new name). */
  link: string[];
  /** sequence: how many distinct steps make an alert (default: all). */
  minSteps: number;
  /** cumulative_exfiltration: whether the total must exceed both norms or either. */
  exceeds: 'both' | 'either';
}

export interface CompiledCorrelation {
  /** The correlation's id, else its name, else its title: what alerts carry as `rule`. */
  key: string;
  id?: string;
  name?: string;
  title: string;
  description?: string;
  file: string;
  type: CorrelationType;
  /** Resolved keys of the referenced rules or correlations, in the document's order. */
  rules: string[];
  generate: boolean;
  groupBy: string[];
  /** alias → (rule key → field in that rule's events). */
  aliases: Record<string, Record<string, string>>;
  timespanMs: number;
  timespan: string;
  condition: MetricCondition;
  response: CorrelationResponse;
  baseline?: BaselineSettings;
}

export interface CompiledCorrelations {
  /** In evaluation order: every correlation comes after the correlations it references. */
  correlations: CompiledCorrelation[];
}

/**
 * What correlations consume: a rule match, or an alert of an inner correlation (correlations over
 * correlations). `fields` holds the event's fields (for an inner alert: the fields all its events
 * share), so group-by works the same at every level of a chain.
 */
export interface Occurrence {
  rule: string;
  time: number;
  eventIds: string[];
  user: string | null;
  fields: EngineEvent;
}
