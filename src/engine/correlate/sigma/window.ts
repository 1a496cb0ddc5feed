// Sliding windows for Sigma correlations. The spec asks that windows not be cut at fixed
// boundaries ("the time frame should not be restricted to boundaries"), so every occurrence in
// turn anchors a window [t, t + timespan] (both ends inclusive). When the condition holds the
// window becomes one alert and scanning resumes after it, so alerts never share events. The input
// is sorted first, so the result does not depend on the order matches arrived in or on how the
// dataset was split into shards.
//
// A condition that is not "at least" (lt, lte, eq, neq, or a range) would otherwise be met by the
// tail of every burst ("eq: 2" by the last two of three events), so for those only windows that
// are not part of a larger one are compared: a window is skipped when all its occurrences also lie
// in the window of the unused occurrence just before it. An earlier occurrence that cannot share a
// window with the rest does not hide it: with a 5m timespan and events at 0, 4m, 6m and 8m,
// "eq: 3" and "gte: 3, lte: 5" fire on 4m–8m as "gte: 3" does. ("At least" conditions compare
// every window: one contained in a larger window never meets them unless that one did first.)
import { holds } from '../condition.ts';
import type { MetricCondition, Occurrence } from '../model.ts';

export interface WindowMetric {
  /** Called once with the group's items before the scan (for metrics that index them up front). */
  prepare?(items: readonly Occurrence[]): void;
  add(item: Occurrence): void;
  remove(item: Occurrence): void;
  /** The metric over items[start..end] (inclusive); null when it cannot be computed. */
  value(items: readonly Occurrence[], start: number, end: number): number | null;
}

export interface WindowHit {
  start: number;
  end: number;
  value: number;
}

/** Whether the condition only asks for "at least" (gt, gte): met once, it stays met as events arrive. */
export function isAtLeast(condition: MetricCondition): boolean {
  return condition.criteria.every((c) => c.op === 'gt' || c.op === 'gte');
}

/**
 * The occurrence at which an alerting window first met its condition: where a streaming engine
 * fires. An "at least" condition is known to hold as soon as that occurrence arrives, while the
 * window goes on collecting events up to its timespan; dating the alert at the window's last event
 * would put it after events that followed the real firing point (an outer temporal_ordered
 * correlation would then see "many failed logins" after the success that followed them). Other
 * conditions (eq, lt, ranges) can only be judged once the window is complete: its last occurrence.
 * `metric` must be fresh (nothing added yet).
 */
export function firingIndex(
  items: readonly Occurrence[],
  hit: WindowHit,
  condition: MetricCondition,
  metric: WindowMetric,
): number {
  if (!isAtLeast(condition)) return hit.end;
  metric.prepare?.(items.slice(hit.start, hit.end + 1));
  for (let k = hit.start; k < hit.end; k++) {
    metric.add(items[k]!);
    const value = metric.value(items, hit.start, k);
    if (value !== null && holds(condition, value)) return k;
  }
  return hit.end;
}

export function scanWindows(
  items: readonly Occurrence[],
  timespanMs: number,
  condition: MetricCondition,
  metric: WindowMetric,
): WindowHit[] {
  const hits: WindowHit[] = [];
  const atLeast = isAtLeast(condition);
  metric.prepare?.(items);
  let end = -1;
  let start = 0;
  let free = 0; // first occurrence not used by an alert
  while (start < items.length) {
    const anchor = items[start]!.time;
    const previousEnd = end; // the end of the window anchored at items[start - 1]
    while (end + 1 < items.length && items[end + 1]!.time - anchor <= timespanMs) {
      end += 1;
      metric.add(items[end]!);
    }
    // Not "at least": a window whose occurrences all lie in the previous unused anchor's window is
    // the tail of that larger window, not a window of its own.
    const contained = !atLeast && start > free && end === previousEnd;
    const value = contained ? null : metric.value(items, start, end);
    if (value !== null && holds(condition, value)) {
      hits.push({ start, end, value });
      for (let i = start; i <= end; i++) metric.remove(items[i]!);
      start = end + 1;
      free = start;
    } else {
      metric.remove(items[start]!);
      start += 1;
    }
  }
  return hits;
}
