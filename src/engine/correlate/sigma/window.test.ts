// Sliding windows: a condition with an upper bound (eq, a range, lt, lte) must find the windows
// "at least" finds, and not be hidden by an earlier event that can never share a window with them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CompiledCorrelation, ConditionOperator, MetricCondition, Occurrence } from '../model.ts';
import type { EngineEvent } from '../../types.ts';
import { holds } from '../condition.ts';
import { eventCount } from './event-count.ts';
import { valueAvg, valuePercentile, valueSum } from './value-aggregate.ts';
import { firingIndex, scanWindows, type WindowMetric } from './window.ts';

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

describe('metrics that can fall (value_avg, value_percentile, a value_sum with negatives)', () => {
  // Sigma v2.1 says only that the condition applies "within the time frame"; pySigma's reference
  // matcher judges each event's arrival over the timespan ending at it, and so do we for "at least"
  // conditions, which for counts is the same alert as the anchored windows above.
  const sized = (pairs: [minute: number, size: number | null][]): Occurrence[] =>
    pairs.map(([minute, size], i) => ({
      rule: 'r',
      time: minute * MIN,
      eventIds: [`e${i}`],
      user: 'u',
      fields: size === null ? ({} as EngineEvent) : { 'file.size': size },
    }));
  const hits = (
    metric: (c: CompiledCorrelation) => WindowMetric,
    pairs: [number, number | null][],
    criteria: Partial<Record<ConditionOperator, number>>,
    percentile?: number,
  ) => {
    // (The metrics read the condition's field and the aliases only.)
    const c = {
      aliases: {},
      condition: {
        ...condition(criteria),
        fields: ['file.size'],
        ...(percentile === undefined ? {} : { percentile }),
      },
    } as Partial<CompiledCorrelation> as CompiledCorrelation;
    return scanWindows(sized(pairs), 60 * MIN, c.condition, metric(c));
  };

  it('value_avg: a window whose first events met "gt" is not lost to the smaller events after them', () => {
    // The whole hour averages 333; when the first upload arrived, the hour's average was 1000.
    expect(
      hits(
        valueAvg,
        [
          [0, 1000],
          [10, 0],
          [20, 0],
        ],
        { gt: 500 },
      ),
    ).toEqual([{ start: 0, end: 2, value: 1000, fired: 0 }]);
  });

  it('value_avg: the average is of the unused events of the timespan ending at each event', () => {
    // At 70m the hour back to 10m holds 0 and 2000 (1000); the upload at 0 is an hour and more before.
    expect(
      hits(
        valueAvg,
        [
          [0, 0],
          [10, 0],
          [70, 2000],
        ],
        { gte: 1000 },
      ),
    ).toEqual([{ start: 1, end: 2, value: 1000, fired: 2 }]);
    expect(
      hits(
        valueAvg,
        [
          [0, 0],
          [10, 0],
          [70, 2000],
        ],
        { gt: 1000 },
      ),
    ).toEqual([]);
  });

  it('value_percentile: judged as events arrive', () => {
    expect(
      hits(
        valuePercentile,
        [
          [0, 900],
          [1, 10],
          [2, 10],
          [3, 10],
        ],
        { gte: 500 },
        95,
      ),
    ).toEqual([{ start: 0, end: 3, value: 900, fired: 0 }]);
  });

  it('value_sum: a sum of values of at least 0 only grows, and keeps the anchored windows', () => {
    expect(
      hits(
        valueSum,
        [
          [0, 600],
          [10, 500],
          [20, 1],
        ],
        { gt: 1000 },
      ),
    ).toEqual([{ start: 0, end: 2, value: 1101 }]);
  });

  it('value_sum: a negative value can lower it, so it is judged as events arrive', () => {
    expect(
      hits(
        valueSum,
        [
          [0, 1000],
          [5, -900],
        ],
        { gte: 1000 },
      ),
    ).toEqual([{ start: 0, end: 1, value: 1000, fired: 0 }]);
  });

  it('an upper bound still needs a whole window of its own (not judged as events arrive)', () => {
    // Each upload alone averages 100 < 300; the only window of its own averages 366.
    expect(
      hits(
        valueAvg,
        [
          [0, 100],
          [1, 100],
          [2, 900],
        ],
        { lt: 300 },
      ),
    ).toEqual([]);
    expect(
      hits(
        valueAvg,
        [
          [0, 100],
          [1, 100],
          [2, 900],
        ],
        { lt: 400 },
      ),
    ).toHaveLength(1);
  });

  it('an event without a number neither raises nor lowers the average', () => {
    expect(
      hits(
        valueAvg,
        [
          [0, null],
          [1, 600],
          [2, null],
        ],
        { gte: 600 },
      ),
    ).toEqual([{ start: 0, end: 2, value: 600, fired: 1 }]);
  });

  it('for counts, judging as events arrive gives the anchored alert: same first, last and firing event', () => {
    const arriving = (): WindowMetric => ({ ...eventCount(), growsOnly: () => false });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (raw, low, strict) => {
          const items = occurrences([...raw].sort((a, b) => a - b).map((m) => m * MIN));
          const atLeast = condition(strict ? { gt: low } : { gte: low });
          const anchored = scanWindows(items, 5 * MIN, atLeast, eventCount()).map((hit) => [
            hit.start,
            hit.end,
            firingIndex(items, hit, atLeast, eventCount()),
          ]);
          const asArriving = scanWindows(items, 5 * MIN, atLeast, arriving()).map((hit) => [
            hit.start,
            hit.end,
            hit.fired,
          ]);
          expect(asArriving).toEqual(anchored);
        },
      ),
    );
  });
});
