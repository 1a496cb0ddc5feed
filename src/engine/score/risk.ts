// Per-user risk: each alert adds points by severity; corporate security's HR facts multiply what
// follows them and appear on the timeline as triggers. A dated fact (resignation, termination)
// counts from its date — the "departing user" policy of insider-risk products starts there; a
// flag without a date (performance plan, conflict report, financial stress, anonymous complaint)
// counts for the whole period. Multipliers multiply. No decay: the timeline shows accumulation
// over the dataset's period. Weights are documented in docs/behaviour-and-access.md.
import { directoryNames } from '../event/identity.ts';
import type { Alert, DatasetContext, DirectoryUser, Severity } from '../types.ts';
import { timeValue } from '../import/event-time.ts';

export const SEVERITY_POINTS: Record<Severity, number> = {
  informational: 1,
  low: 5,
  medium: 15,
  high: 30,
  critical: 50,
};

interface HrFactor {
  fact: string;
  label: string;
  multiplier: number;
  /** Points added when the fact takes effect (a trigger on the timeline). */
  trigger: number;
}

export const HR_FACTORS: readonly HrFactor[] = [
  { fact: 'resignation_date', label: 'departing user (resignation)', multiplier: 2, trigger: 10 },
  { fact: 'termination_date', label: 'departing user (termination)', multiplier: 2, trigger: 10 },
  { fact: 'performance_plan', label: 'performance improvement plan', multiplier: 1.5, trigger: 5 },
  { fact: 'financial_stress', label: 'financial stress', multiplier: 1.5, trigger: 5 },
  { fact: 'conflict_report', label: 'conflict report', multiplier: 1.3, trigger: 5 },
  { fact: 'anonymous_complaint', label: 'anonymous complaint', multiplier: 1.2, trigger: 5 },
];

export interface RiskPoint {
  time: string;
  /** The user's score after this point. */
  score: number;
  added: number;
  /** The alert's rule, or `hr:<fact>` for an HR trigger. */
  rule: string;
  title: string;
  severity?: Severity;
  multiplier: number;
  reason: string;
}

export interface UserRisk {
  user: string;
  score: number;
  alerts: number;
  factors: { fact: string; label: string; multiplier: number; since: string | null }[];
  points: RiskPoint[];
}

export interface RiskTimeline {
  /** Highest final score first. */
  users: UserRisk[];
}

interface ActiveFactor extends HrFactor {
  since: number | null;
}

export function computeRisk(alerts: Alert[], ctx: DatasetContext): RiskTimeline {
  const directory = new Map(ctx.directory.map((u) => [u.name, u]));
  // One score per account: an alert counts under the directory's spelling of its user's name.
  const names = directoryNames(ctx.directory);
  const byUser = new Map<string, Alert[]>();
  for (const alert of alerts) {
    if (alert.user === null) continue;
    const user = names(alert.user);
    const list = byUser.get(user) ?? [];
    list.push(alert);
    byUser.set(user, list);
  }
  const periodStart = Date.parse(ctx.manifest.period?.start ?? '');
  const users = new Set([
    ...byUser.keys(),
    ...ctx.directory.filter((u) => factorsOf(u, periodStart).length > 0).map((u) => u.name),
  ]);
  const result: UserRisk[] = [];
  for (const user of users) {
    const factors = factorsOf(directory.get(user), periodStart);
    type Step = { time: number; alert?: Alert; factor?: ActiveFactor };
    const steps: Step[] = [
      ...(byUser.get(user) ?? []).map((alert) => ({ time: timeValue(alert.timestamp), alert })),
      ...factors.filter((f) => f.since !== null).map((factor) => ({ time: factor.since!, factor })),
    ];
    if (steps.length === 0) continue;
    // Triggers before alerts at the same instant, so an alert on the resignation day is multiplied.
    steps.sort(
      (a, b) =>
        a.time - b.time ||
        (a.factor ? -1 : 0) - (b.factor ? -1 : 0) ||
        (a.alert?.rule ?? '').localeCompare(b.alert?.rule ?? ''),
    );
    let score = 0;
    const points: RiskPoint[] = [];
    for (const step of steps) {
      const active = factors.filter((f) => f.since === null || f.since <= step.time);
      const multiplier = round(active.reduce((m, f) => m * f.multiplier, 1));
      if (step.factor) {
        score = round(score + step.factor.trigger);
        points.push({
          time: new Date(step.time).toISOString(),
          score,
          added: step.factor.trigger,
          rule: `hr:${step.factor.fact}`,
          title: step.factor.label,
          multiplier,
          reason: `${step.factor.label} takes effect: later alerts count ×${step.factor.multiplier}`,
        });
        continue;
      }
      const alert = step.alert!;
      const base = SEVERITY_POINTS[alert.severity];
      const added = round(base * multiplier);
      score = round(score + added);
      const why = active.map((f) => `${f.label} ×${f.multiplier}`).join(', ');
      points.push({
        time: alert.timestamp,
        score,
        added,
        rule: alert.rule,
        title: alert.title,
        severity: alert.severity,
        multiplier,
        reason: `${alert.severity} alert: ${base} points${why ? ` × ${multiplier} (${why})` : ''}`,
      });
    }
    result.push({
      user,
      score,
      alerts: byUser.get(user)?.length ?? 0,
      factors: factors.map((f) => ({
        fact: f.fact,
        label: f.label,
        multiplier: f.multiplier,
        since: f.since === null ? null : new Date(f.since).toISOString(),
      })),
      points,
    });
  }
  result.sort((a, b) => b.score - a.score || (a.user < b.user ? -1 : 1));
  return { users: result };
}

/** HR facts in effect for a user: dated ones from their date, flags for the whole period. */
function factorsOf(user: DirectoryUser | undefined, periodStart: number): ActiveFactor[] {
  const hr = user?.hr;
  if (!hr) return [];
  const active: ActiveFactor[] = [];
  for (const factor of HR_FACTORS) {
    const value = hr[factor.fact];
    if (value === undefined || value === null || value === false || value === '') continue;
    if (typeof value === 'string') {
      const date = Date.parse(value);
      if (Number.isFinite(date)) {
        active.push({ ...factor, since: date });
        continue;
      }
    }
    // A flag without a date: in effect from the period's start (shown there on the timeline).
    active.push({ ...factor, since: Number.isFinite(periodStart) ? periodStart : null });
  }
  return active;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
