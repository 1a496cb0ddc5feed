// Two runs side by side — typically before and after a threshold change: which alerts appeared,
// which vanished, how precision and recall moved, and who the extra false positives would hit.
import type { DirectoryUser } from '../../engine/types.ts';
import type { AlertRecord, RunRecord } from './run-model.ts';
import { isTruePositive, type TruthIndex } from './truth-index.ts';

/** Same rule, same events: the same alert, whichever run produced it. */
export function alertKey(a: Pick<AlertRecord, 'rule' | 'events'>): string {
  return `${a.rule}\u0000${[...a.events].sort().join(',')}`;
}

export interface RunComparison {
  gained: AlertRecord[];
  lost: AlertRecord[];
  unchanged: number;
  deltas: { precision: number | null; recall: number | null; f1: number | null; alerts: number };
  scenarios: { id: string; before: number | null; after: number | null }[];
  /** False-positive alerts per department, before and after ("who would this block?"). */
  falsePositivesByDepartment: { department: string; before: number; after: number; blockedAfter: number }[];
}

const delta = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : b - a;

export function compareRuns(
  before: RunRecord,
  after: RunRecord,
  truth: TruthIndex,
  directory: readonly DirectoryUser[],
): RunComparison {
  const beforeKeys = new Set(before.alerts.map(alertKey));
  const afterKeys = new Set(after.alerts.map(alertKey));
  const gained = after.alerts.filter((a) => !beforeKeys.has(alertKey(a)));
  const lost = before.alerts.filter((a) => !afterKeys.has(alertKey(a)));
  const unchanged = after.alerts.length - gained.length;

  const mb = before.metrics?.overall;
  const ma = after.metrics?.overall;
  const scenarioIds = [
    ...new Set([
      ...Object.keys(before.metrics?.scenarios ?? {}),
      ...Object.keys(after.metrics?.scenarios ?? {}),
    ]),
  ].sort();
  const scenarios = scenarioIds.map((id) => ({
    id,
    before: before.metrics?.scenarios[id]?.recall ?? null,
    after: after.metrics?.scenarios[id]?.recall ?? null,
  }));

  const departmentOf = new Map(directory.map((u) => [u.name, u.department ?? 'unknown']));
  const byDept = new Map<string, { before: number; after: number; blockedAfter: number }>();
  const tally = (alerts: readonly AlertRecord[], side: 'before' | 'after') => {
    for (const a of alerts) {
      if (isTruePositive(a.events, truth)) continue;
      const dept = (a.user && departmentOf.get(a.user)) || 'unknown';
      const row = byDept.get(dept) ?? { before: 0, after: 0, blockedAfter: 0 };
      row[side]++;
      if (side === 'after' && (a.action === 'block' || a.action === 'quarantine')) row.blockedAfter++;
      byDept.set(dept, row);
    }
  };
  tally(before.alerts, 'before');
  tally(after.alerts, 'after');
  const falsePositivesByDepartment = [...byDept]
    .map(([department, row]) => ({ department, ...row }))
    .sort((x, y) => y.after - x.after || y.before - x.before || x.department.localeCompare(y.department));

  return {
    gained,
    lost,
    unchanged,
    deltas: {
      precision: delta(mb?.precision, ma?.precision),
      recall: delta(mb?.recall, ma?.recall),
      f1: delta(mb?.f1, ma?.f1),
      alerts: after.alerts.length - before.alerts.length,
    },
    scenarios,
    falsePositivesByDepartment,
  };
}

export function formatDelta(v: number | null): string {
  if (v === null) return '—';
  if (Math.abs(v) < 0.005) return '±0.00';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
}
