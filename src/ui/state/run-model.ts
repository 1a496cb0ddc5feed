// What the UI keeps of a run. The engine's result crosses into these shapes through the normalisers
// below, so a screen never has to guess which optional keys a metrics or risk object carries.
import type { Alert, Diagnostic, Severity } from '../../engine/types.ts';
import type { RunRecord as StoredRun, RunStatus } from '../../store/records.ts';

export interface AlertRecord extends Alert {
  /** `<run id>-<index>`: the alert's address in `#/alerts/<id>`. */
  id: string;
}

export interface OverallMetrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  alerts: number;
  false_positive_alerts: number;
  benign_events: number;
}
export interface RuleMetrics {
  alerts: number;
  tp: number;
  fp: number;
  precision: number | null;
}
export interface ScenarioMetrics {
  detected: boolean;
  recall: number | null;
  first_detected_step: number | null;
  steps: number;
  steps_detected: number;
}
/** The metrics object of `evaluate --format json`, the same names on screen as on the command line. */
export interface MetricsView {
  overall: OverallMetrics;
  rules: Record<string, RuleMetrics>;
  scenarios: Record<string, ScenarioMetrics>;
}

export interface RiskPoint {
  time: number;
  score: number;
  rule?: string;
}
export interface RiskSeries {
  user: string;
  points: RiskPoint[];
}

export interface Unmatchable {
  rule: string;
  reason: string;
}

export interface RunRecord {
  id: string;
  label: string;
  /** Which saved version of the pack ran (1 = the default pack as shipped). */
  packVersion: number;
  datasetId: string;
  startedAt: string;
  durationMs: number;
  eventCount: number;
  alerts: AlertRecord[];
  metrics: MetricsView | null;
  risk: RiskSeries[];
  errors: Diagnostic[];
  unmatchable: Unmatchable[];
  /** False for a run made in memory (its dataset, or the browser's storage, could not be used). */
  stored?: boolean;
}

/** One row of the Runs screen: a stored run (this visit's or an earlier one's) or an in-memory one. */
export interface RunListItem {
  id: string;
  label: string;
  datasetId: string;
  /** The app's pack version number; null for a run stored without one. */
  packVersion: number | null;
  /** Epoch milliseconds when the run finished and was saved. */
  createdAt: number;
  durationMs: number | null;
  alertCount: number;
  status: RunStatus;
  precision: number | null;
  recall: number | null;
  /** Whether the run's dataset labels any scenario's events (`labelsScenarios`). */
  labelled: boolean;
  /** False: made in memory, gone after a reload. */
  stored: boolean;
  pinned: boolean;
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number => num(v) ?? 0;
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function metricsView(raw: unknown): MetricsView | null {
  if (raw === null || typeof raw !== 'object') return null;
  const m = record(raw);
  const o = record(m.overall);
  const rules: Record<string, RuleMetrics> = {};
  for (const [id, r] of Object.entries(record(m.rules))) {
    const v = record(r);
    rules[id] = { alerts: int(v.alerts), tp: int(v.tp), fp: int(v.fp), precision: num(v.precision) };
  }
  const scenarios: Record<string, ScenarioMetrics> = {};
  for (const [id, s] of Object.entries(record(m.scenarios))) {
    const v = record(s);
    scenarios[id] = {
      detected: v.detected === true,
      recall: num(v.recall),
      first_detected_step: num(v.first_detected_step),
      steps: int(v.steps),
      steps_detected: int(v.steps_detected),
    };
  }
  return {
    overall: {
      precision: num(o.precision),
      recall: num(o.recall),
      f1: num(o.f1),
      alerts: int(o.alerts),
      false_positive_alerts: int(o.false_positive_alerts),
      benign_events: int(o.benign_events),
    },
    rules,
    scenarios,
  };
}

function toTime(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function toPoints(raw: unknown): RiskPoint[] {
  if (!Array.isArray(raw)) return [];
  const points: RiskPoint[] = [];
  for (const p of raw) {
    const v = record(p);
    const time = toTime(v.time ?? v.timestamp);
    const score = num(v.score ?? v.risk);
    if (time === null || score === null) continue;
    const rule = typeof v.rule === 'string' ? v.rule : typeof v.alert === 'string' ? v.alert : undefined;
    points.push(rule === undefined ? { time, score } : { time, score, rule });
  }
  return points.sort((a, b) => a.time - b.time);
}

/** Accepts `{user: points[]}`, `{users: {user: points[]}}` or `[{user, points}]`. */
export function riskSeries(raw: unknown): RiskSeries[] {
  // The engine's shape is `{ users: UserRisk[] }`; older stored runs may hold the list itself.
  const users = record(raw).users;
  if (Array.isArray(users)) return riskSeries(users);
  if (Array.isArray(raw)) {
    return raw
      .map((entry) => record(entry))
      .filter((e) => typeof e.user === 'string')
      .map((e) => ({ user: e.user as string, points: toPoints(e.points ?? e.timeline) }));
  }
  const r = record(raw);
  const source = r.users !== undefined ? record(r.users) : r;
  return Object.entries(source).map(([user, value]) => {
    const v = record(value);
    return { user, points: toPoints(Array.isArray(value) ? value : (v.points ?? v.timeline)) };
  });
}

export function unmatchableList(raw: unknown): Unmatchable[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((entry) => record(entry))
    .map((e) => ({ rule: String(e.rule ?? e.id ?? '?'), reason: String(e.reason ?? e.message ?? '') }));
}

export function alertId(runId: string, index: number): string {
  return `${runId}-${index}`;
}

export function parseAlertId(id: string): { runId: string; index: number } | null {
  const m = /^(.+)-(\d+)$/.exec(id);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { runId: m[1], index: Number(m[2]) };
}

/** A label for runs stored without one (by an older build or another client of the store). */
function fallbackLabel(run: StoredRun): string {
  return run.packVersion ? `Pack version ${run.packVersion}` : `Run on ${run.datasetId}`;
}

/** Whether a run's metrics come from labelled events: some scenario's events carry `labels.scenario`. */
export function labelsScenarios(metrics: Pick<MetricsView, 'scenarios'> | null | undefined): boolean {
  return !!metrics && Object.keys(metrics.scenarios).length > 0;
}

/** The Runs screen's row for a stored run, read without its alerts. */
export function storedRunItem(run: StoredRun): RunListItem {
  const metrics = metricsView(record(run.result).metrics);
  const overall = metrics?.overall;
  return {
    id: run.id,
    label: run.label ?? fallbackLabel(run),
    datasetId: run.datasetId,
    packVersion: run.packVersion ?? null,
    createdAt: run.createdAt ?? 0,
    durationMs: run.timing ? Math.round(run.timing.wallMs) : null,
    alertCount: run.alertCount ?? 0,
    status: run.status ?? 'done',
    precision: overall?.precision ?? null,
    recall: overall?.recall ?? null,
    labelled: labelsScenarios(metrics),
    stored: true,
    pinned: run.pinned === true,
  };
}

/** The Runs screen's row for a run of this session that is not (or not yet) in the stored list. */
export function sessionRunItem(run: RunRecord): RunListItem {
  const createdAt = Date.parse(run.startedAt);
  return {
    id: run.id,
    label: run.label,
    datasetId: run.datasetId,
    packVersion: run.packVersion,
    createdAt: Number.isNaN(createdAt) ? 0 : createdAt,
    durationMs: run.durationMs,
    alertCount: run.alerts.length,
    status: 'done',
    precision: run.metrics?.overall.precision ?? null,
    recall: run.metrics?.overall.recall ?? null,
    labelled: labelsScenarios(run.metrics),
    stored: run.stored !== false,
    pinned: false,
  };
}

/** Stored runs and this session's runs in one list, newest first, each run once (the store's row wins). */
export function runListItems(stored: readonly StoredRun[], session: readonly RunRecord[]): RunListItem[] {
  const items = stored.map(storedRunItem);
  const seen = new Set(items.map((item) => item.id));
  for (const run of session) if (!seen.has(run.id)) items.push(sessionRunItem(run));
  return items.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id, 'en', { numeric: true }));
}

/** A stored run, reopened: the same record the page built when the run finished. */
export function runFromStore(run: StoredRun, alerts: readonly Alert[]): RunRecord {
  const result = record(run.result);
  return {
    id: run.id,
    label: run.label ?? fallbackLabel(run),
    packVersion: run.packVersion ?? 0,
    datasetId: run.datasetId,
    startedAt: new Date(run.createdAt ?? 0).toISOString(),
    durationMs: run.timing ? Math.round(run.timing.wallMs) : 0,
    eventCount: run.timing?.events ?? 0,
    alerts: alerts.map((alert, i) => ({ ...alert, id: alertId(run.id, i) })),
    metrics: metricsView(result.metrics),
    risk: riskSeries(result.risk),
    errors: run.errors ?? [],
    unmatchable: unmatchableList(result.unmatchable),
    stored: true,
  };
}
