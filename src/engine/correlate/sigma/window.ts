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
//
// That holds for metrics that only grow as events join a window (counts, a sum of values of at
// least 0). An average or a percentile (or a sum with a negative value) can fall: judged on the whole
// window, a window whose first events met "gte" would be lost to the events after them. For those,
// an "at least" condition is judged where a streaming engine judges it, as pySigma's reference
// matcher (`sigma/matching/correlation_matcher.py`) does: as each event arrives, over the unused
// events of the timespan that ends at it. For counts that is the same alert as above: the same
// firing event, the same first event. The alert then lists that window as a count's alert does,
// with the events up to one timespan after its first, and the value that met the condition.
import { holds } from '../condition.ts';
import type { MetricCondition, Occurrence } from '../model.ts';

export interface WindowMetric {
  /** Called once with the group's items before the scan (for metrics that index them up front). */
  prepare?(items: readonly Occurrence[]): void;
  add(item: Occurrence): void;
  remove(item: Occurrence): void;
  /** The metric over items[start..end] (inclusive); null when it cannot be computed. */
  value(items: readonly Occurrence[], start: number, end: number): number | null;
  /**
   * Whether the metric can only grow as events join a window (asked after `prepare`); absent: it
   * can (a count). An average, a percentile or a sum of negative values answers false.
   */
  growsOnly?(): boolean;
}

export interface WindowHit {
  start: number;
  end: number;
  /** The metric: over the whole window, or over start..fired when `fired` is given. */
  value: number;
  /** Where the condition was met, when the scan judged the window as its events arrived. */
  fired?: number;
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
  const atLeast = isAtLeast(condition);
  metric.prepare?.(items);
  if (atLeast && metric.growsOnly?.() === false)
    return scanAsEventsArrive(items, timespanMs, condition, metric);
  const hits: WindowHit[] = [];
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

/**
 * An "at least" condition on a metric that can fall: judged as each event arrives, over the unused
 * events of the timespan ending at it. The first event at which it holds fires; the alert lists
 * the window from that timespan's first unused event, up to one timespan after it (as a count's
 * alert does), and the scan resumes after it. `metric` has been prepared.
 */
function scanAsEventsArrive(
  items: readonly Occurrence[],
  timespanMs: number,
  condition: MetricCondition,
  metric: WindowMetric,
): WindowHit[] {
  const hits: WindowHit[] = [];
  let start = 0;
  for (let fired = 0; fired < items.length; fired++) {
    const time = items[fired]!.time;
    metric.add(items[fired]!);
    while (time - items[start]!.time > timespanMs) metric.remove(items[start++]!);
    const value = metric.value(items, start, fired);
    if (value === null || !holds(condition, value)) continue;
    let end = fired;
    while (end + 1 < items.length && items[end + 1]!.time - items[start]!.time <= timespanMs) end += 1;
    hits.push({ start, end, value, fired });
    for (let i = start; i <= fired; i++) metric.remove(items[i]!);
    start = end + 1;
    fired = end;
  }
  return hits;
}
