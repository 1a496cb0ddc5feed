// Pre-aggregated views of a run for the Runs screen: alert filters, chart series, the coverage
// heatmap. Pure functions, so the charts stay thin wrappers and the numbers are unit-tested.
import type { Severity } from '../../engine/types.ts';
// (The Run and Compare screens read ratios as the command line writes them.)
export { formatRatio } from '../../engine/score/format-ratio.ts';
import type { DatasetManifest } from '../../engine/types.ts';
import { SEVERITY_ORDER, type AlertRecord, type RiskSeries } from './run-model.ts';
import { isTruePositive, scenariosOf, type TruthIndex } from './truth-index.ts';

export interface AlertFilter {
  severity?: Severity | '';
  rule?: string;
  user?: string;
  owner?: string;
  action?: string;
  truth?: 'tp' | 'fp' | '';
  scenario?: string;
  text?: string;
}

export function filterAlerts(
  alerts: readonly AlertRecord[],
  filter: AlertFilter,
  truth: TruthIndex,
): AlertRecord[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return alerts.filter((a) => {
    if (filter.severity && a.severity !== filter.severity) return false;
    if (filter.rule && a.rule !== filter.rule) return false;
    if (filter.user && a.user !== filter.user) return false;
    if (filter.owner && a.owner !== filter.owner) return false;
    if (filter.action && a.action !== filter.action) return false;
    if (filter.truth) {
      const tp = isTruePositive(a.events, truth);
      if ((filter.truth === 'tp') !== tp) return false;
    }
    if (filter.scenario && !scenariosOf(a.events, truth).includes(filter.scenario)) return false;
    if (text && !`${a.title} ${a.rule} ${a.user ?? ''}`.toLowerCase().includes(text)) return false;
    return true;
  });
}

/** Distinct values of a key over the alerts, sorted, for filter drop-downs. */
export function distinct(
  alerts: readonly AlertRecord[],
  key: 'rule' | 'user' | 'owner' | 'action',
): string[] {
  const out = new Set<string>();
  for (const a of alerts) {
    const v = a[key];
    if (typeof v === 'string' && v !== '') out.add(v);
  }
  return [...out].sort();
}

const day = (iso: string): string => iso.slice(0, 10);

export interface StackedSeries {
  labels: string[];
  series: { name: string; data: number[] }[];
}

/** Alerts per day, one series per severity (most severe first), days without alerts included. */
export function alertsOverTimeBySeverity(alerts: readonly AlertRecord[]): StackedSeries {
  const days = daysBetween(alerts.map((a) => day(a.timestamp)).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)));
  const position = new Map(days.map((d, i) => [d, i]));
  const series = SEVERITY_ORDER.map((severity) => ({ name: severity, data: days.map(() => 0) }));
  for (const a of alerts) {
    const i = position.get(day(a.timestamp));
    const s = series.find((x) => x.name === a.severity);
    if (i !== undefined && s) s.data[i] = (s.data[i] ?? 0) + 1;
  }
  return { labels: days, series: series.filter((s) => s.data.some((n) => n > 0)) };
}

function daysBetween(days: string[]): string[] {
  if (days.length === 0) return [];
  const sorted = [...days].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
  const out: string[] = [];
  // A year of days at most: a wider spread is compressed to the days that have alerts.
  if ((last - first) / 86_400_000 > 366) return [...new Set(sorted)];
  for (let t = first; t <= last; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface TpFpPerRule {
  labels: string[];
  tp: number[];
  fp: number[];
  /** Rules with at least one alert in the run; `labels.length` of them are shown. */
  totalRules: number;
  /** Rules with at least one false positive; every one of them is among `labels`. */
  fpRules: number;
}

/**
 * True and false positives per rule, rules with most alerts first. At most `limit` rules, except
 * that every rule with a false positive is always shown: a run's only false positive must not hide
 * behind 25 busier rules while the headline says "False positives 1".
 */
export function truePositivesPerRule(
  alerts: readonly AlertRecord[],
  truth: TruthIndex,
  limit = 25,
): TpFpPerRule {
  const counts = new Map<string, { tp: number; fp: number }>();
  for (const a of alerts) {
    const c = counts.get(a.rule) ?? { tp: 0, fp: 0 };
    if (isTruePositive(a.events, truth)) c.tp++;
    else c.fp++;
    counts.set(a.rule, c);
  }
  const rows = [...counts].sort(
    (x, y) => y[1].tp + y[1].fp - (x[1].tp + x[1].fp) || x[0].localeCompare(y[0]),
  );
  const withFp = rows.filter(([, c]) => c.fp > 0);
  const room = Math.max(0, limit - withFp.length);
  const chosen = new Set([...withFp, ...rows.filter(([, c]) => c.fp === 0).slice(0, room)]);
  const shown = rows.filter((row) => chosen.has(row));
  return {
    labels: shown.map(([r]) => r),
    tp: shown.map(([, c]) => c.tp),
    fp: shown.map(([, c]) => c.fp),
    totalRules: rows.length,
    fpRules: withFp.length,
  };
}

/** The chart's caption: says when rules are left out, and that no rule with a false positive is. */
export function tpFpCaption(
  view: Pick<TpFpPerRule, 'labels' | 'totalRules' | 'fpRules'>,
  judged = true,
): string {
  const title = judged ? 'True and false positives per rule' : 'Alerts per rule';
  const shown = view.labels.length;
  if (shown >= view.totalRules) return title;
  if (!judged) return `${title}: the ${shown} of ${view.totalRules} rules with most alerts`;
  const which =
    view.fpRules === 0
      ? 'the ones with most alerts (no rule has a false positive)'
      : `${view.fpRules === 1 ? 'the rule' : `all ${view.fpRules} rules`} with a false positive, then the ones with most alerts`;
  return `${title}: ${shown} of ${view.totalRules} rules with alerts, ${which}`;
}

/** Risk per day for the users whose risk peaks highest: the score at the end of each day, carried forward. */
export function riskOverTime(risk: readonly RiskSeries[], top = 5): StackedSeries {
  const peak = (s: RiskSeries) => Math.max(0, ...s.points.map((p) => p.score));
  const chosen = [...risk]
    .filter((s) => s.points.length > 0)
    .sort((a, b) => peak(b) - peak(a) || a.user.localeCompare(b.user))
    .slice(0, top);
  const labels = daysBetween(
    chosen.flatMap((s) => s.points.map((p) => new Date(p.time).toISOString().slice(0, 10))),
  );
  const series = chosen.map((s) => {
    let i = 0;
    let current = 0;
    const data = labels.map((d) => {
      const end = Date.parse(`${d}T00:00:00Z`) + 86_400_000;
      while (i < s.points.length && (s.points[i]?.time ?? Infinity) < end)
        current = s.points[i++]?.score ?? current;
      return current;
    });
    return { name: s.user, data };
  });
  return { labels, series };
}

export interface CoverageMatrix {
  scenarios: string[];
  rules: string[];
  /** cells[s][r]: alerts of rule r on events of scenario s. */
  cells: number[][];
  max: number;
}

/**
 * Scenario × rule, like an ATT&CK Navigator layer: which rules catch which scenario, and how often.
 * Rule columns follow the rows: the first scenario's rules (most alerts first), then the next
 * scenario's new ones, and so on, so the cells fall along a diagonal a class can read from a
 * projector instead of being scattered across an alphabetical row of 40 columns.
 */
export function coverageMatrix(
  alerts: readonly AlertRecord[],
  truth: TruthIndex,
  allScenarios: readonly string[] = [],
): CoverageMatrix {
  const counts = new Map<string, Map<string, number>>();
  for (const s of allScenarios) counts.set(s, new Map());
  for (const a of alerts) {
    for (const s of scenariosOf(a.events, truth)) {
      const row = counts.get(s) ?? new Map<string, number>();
      row.set(a.rule, (row.get(a.rule) ?? 0) + 1);
      counts.set(s, row);
    }
  }
  const scenarios = [...counts.keys()].sort();
  const rules = [
    ...new Set(
      scenarios.flatMap((s) =>
        [...(counts.get(s) ?? new Map<string, number>())]
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .map(([rule]) => rule),
      ),
    ),
  ];
  const cells = scenarios.map((s) => rules.map((r) => counts.get(s)?.get(r) ?? 0));
  const max = Math.max(0, ...cells.flat());
  return { scenarios, rules, cells, max };
}

/** 0 = none, 1..4 = quartiles of the busiest cell: the heatmap's colour classes. */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

export interface CatchingRule {
  rule: string;
  title: string;
  alerts: number;
  /** The earliest scenario step among the rule's alerts. */
  firstStep: number | null;
  firstAlertId: string;
}

/** Which rules catch a scenario, the ones that fire on its earliest step first. */
export function rulesCatching(
  alerts: readonly AlertRecord[],
  truth: TruthIndex,
  scenario: string,
): CatchingRule[] {
  const byRule = new Map<string, CatchingRule>();
  for (const a of alerts) {
    const steps = a.events
      .map((id) => truth.get(id))
      .filter((l) => l?.scenario === scenario)
      .map((l) => l?.step ?? null);
    if (steps.length === 0) continue;
    const first = steps.reduce<number | null>(
      (m, s) => (s === null ? m : m === null ? s : Math.min(m, s)),
      null,
    );
    const row = byRule.get(a.rule) ?? {
      rule: a.rule,
      title: a.title,
      alerts: 0,
      firstStep: null,
      firstAlertId: a.id,
    };
    row.alerts++;
    if (first !== null && (row.firstStep === null || first < row.firstStep)) {
      row.firstStep = first;
      row.firstAlertId = a.id;
    }
    byRule.set(a.rule, row);
  }
  return [...byRule.values()].sort(
    (x, y) => (x.firstStep ?? Infinity) - (y.firstStep ?? Infinity) || x.rule.localeCompare(y.rule),
  );
}

/** Alerts per event id, so an event list can say which rules hit each event. */
export function alertsByEvent(alerts: readonly AlertRecord[]): Map<string, AlertRecord[]> {
  const out = new Map<string, AlertRecord[]>();
  for (const a of alerts) {
    for (const id of a.events) {
      const list = out.get(id);
      if (list) list.push(a);
      else out.set(id, [a]);
    }
  }
  return out;
}

/** How many labelled malicious events no alert names (the Why-not screen lists them). */
export function missedCount(alerts: readonly { events: readonly string[] }[], truth: TruthIndex): number {
  const caught = new Set<string>();
  for (const alert of alerts) for (const id of alert.events) if (truth.has(id)) caught.add(id);
  return truth.size - caught.size;
}

/**
 * Whether a run can be judged: its dataset labels some scenario's events (`labelled`, from
 * `labelsScenarios`), or the generator made it, so an unlabelled event is benign by construction (a
 * benign-only generated dataset is how a trainer counts false positives). Logs imported without
 * labels have no ground truth: precision, recall and false positives say nothing there (every alert
 * would count as a false positive), and the screens say so instead.
 */
export function hasGroundTruth(
  labelled: boolean,
  dataset?: { context: { manifest: Pick<DatasetManifest, 'generator'> } } | null,
): boolean {
  return labelled || dataset?.context.manifest.generator !== undefined;
}
