// Sliding windows: a condition with an upper bound (eq, a range, lt, lte) must find the windows
// "at least" finds, and not be hidden by an earlier event that can never share a window with them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConditionOperator, MetricCondition, Occurrence } from '../model.ts';
import { holds } from '../condition.ts';
import { eventCount } from './event-count.ts';
import { scanWindows } from './window.ts';

const MIN = 60_000;
const occurrences = (times: number[]): Occurrence[] =>
  times.map((time, i) => ({ rule: 'r', time, eventIds: [`e${i}`], user: 'u', fields: {} }));
const condition = (criteria: Partial<Record<ConditionOperator, number>>): MetricCondition => ({
  criteria: Object.entries(criteria).map(([op, value]) => ({ op: op as ConditionOperator, value })),
  fields: [],
});
const scan = (times: number[], criteria: Partial<Record<ConditionOperator, number>>, span = 5 * MIN) =>
  scanWindows(occurrences(times), span, condition(criteria), eventCount()).map((h) => [h.start, h.end]);

describe('windows for conditions with an upper bound', () => {
  // The probe's repro (p09): 5m timespan; no 5m window holds more than 3 events.
  const w1 = [0, 4 * MIN, 6 * MIN, 8 * MIN];
  const w3 = [0, 4 * MIN + 59_000, 9 * MIN, 9 * MIN + 30_000, 10 * MIN];

  it.each([
    ['gte: 3', { gte: 3 }],
    ['eq: 3', { eq: 3 }],
    ['gte: 3, lte: 5', { gte: 3, lte: 5 }],
    ['gt: 2, lt: 4', { gt: 2, lt: 4 }],
  ])('%s fires on 4m, 6m, 8m although an event at 0 lies within 5m before them', (_name, criteria) => {
    expect(scan(w1, criteria)).toEqual([[1, 3]]);
  });

  it.each([
    ['gte: 3', { gte: 3 }],
    ['eq: 3', { eq: 3 }],
    ['gte: 3, lte: 5', { gte: 3, lte: 5 }],
  ])('%s fires on 4m59, 9m, 9m30 (second repro group)', (_name, criteria) => {
    expect(scan(w3, criteria)).toEqual([[1, 3]]);
  });

  it('the tail of a larger window still does not count', () => {
    // Three events within seconds: the only window of its own holds 3, so eq: 2 and lte: 2 stay quiet.
    expect(scan([0, 1000, 2000], { eq: 2 })).toEqual([]);
    expect(scan([0, 1000, 2000], { lte: 2 })).toEqual([]);
    expect(scan([0, 1000, 2000], { gte: 2, lte: 2 })).toEqual([]);
  });

  it('an upper-bounded window may start after an alert', () => {
    expect(scan([0, 4 * MIN, 6 * MIN, 8 * MIN], { lte: 2 })).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  // Reference: the windows that are not contained in a larger one are those anchored at each
  // event whose window reaches an event the previous anchor's window does not.
  const maximalCounts = (times: number[], span: number): number[] => {
    const counts: number[] = [];
    let previousEnd = -1;
    times.forEach((t, i) => {
      let end = i;
      while (end + 1 < times.length && times[end + 1]! - t <= span) end += 1;
      if (i === 0 || end > previousEnd) counts.push(end - i + 1);
      previousEnd = end;
    });
    return counts;
  };

  it('a range or eq fires exactly when some window of its own meets it, and gte alone finds it too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (raw, low, width) => {
          const times = [...raw].sort((a, b) => a - b).map((m) => m * MIN);
          const span = 5 * MIN;
          const range = { gte: low, lte: low + width };
          const expected = maximalCounts(times, span).some((n) => holds(condition(range), n));
          expect(scan(times, range, span).length > 0).toBe(expected);
          if (width === 0) expect(scan(times, { eq: low }, span).length > 0).toBe(expected);
          // Adding an upper bound never finds a window that "at least" misses.
          if (expected) expect(scan(times, { gte: low }, span).length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
