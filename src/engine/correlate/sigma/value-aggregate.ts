// value_sum, value_avg, value_percentile: a statistic of the numeric values of the condition's
// `field` in the window. Non-numeric or missing values are left out; a window with no numeric
// value has no average or percentile (and never matches). An average and a percentile can fall as
// events join a window, and so can a sum of negative values (see window.ts for what that changes).
import { fieldOf, numberOf } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import type { WindowMetric } from './window.ts';

function numericValue(correlation: CompiledCorrelation, item: Occurrence): number | null {
  const field = correlation.condition.fields[0];
  return field === undefined ? null : numberOf(fieldOf(correlation, item, field));
}

export function valueSum(correlation: CompiledCorrelation): WindowMetric {
  let sum = 0;
  let growsOnly = true;
  return {
    prepare(items) {
      growsOnly = items.every((item) => (numericValue(correlation, item) ?? 0) >= 0);
    },
    growsOnly: () => growsOnly,
    add(item) {
      sum += numericValue(correlation, item) ?? 0;
    },
    remove(item) {
      sum -= numericValue(correlation, item) ?? 0;
    },
    value: () => sum,
  };
}

export function valueAvg(correlation: CompiledCorrelation): WindowMetric {
  let sum = 0;
  let count = 0;
  return {
    add(item) {
      const v = numericValue(correlation, item);
      if (v !== null) {
        sum += v;
        count += 1;
      }
    },
    remove(item) {
      const v = numericValue(correlation, item);
      if (v !== null) {
        sum -= v;
        count -= 1;
      }
    },
    value: () => (count === 0 ? null : sum / count),
    growsOnly: () => false,
  };
}

/**
 * The window's values live in a Fenwick tree over the group's distinct values (ranked once, up
 * front), so adding, removing and finding the k-th smallest are O(log n) each: O(n log n) for the
 * whole scan, where sorting every window was quadratic (40k events in one window: minutes).
 */
export function valuePercentile(correlation: CompiledCorrelation): WindowMetric {
  const p = correlation.condition.percentile ?? 50;
  let distinct: number[] = [];
  let tree = new Int32Array(1);
  let count = 0;
  let step = 1; // highest power of two ≤ distinct.length
  const rankOf = new Map<number, number>();
  const update = (value: number | null, delta: number) => {
    if (value === null) return;
    count += delta;
    for (let i = rankOf.get(value)! + 1; i < tree.length; i += i & -i) tree[i]! += delta;
  };
  /** The k-th smallest value in the window (k from 0). */
  const kth = (k: number): number => {
    let position = 0;
    let remaining = k + 1;
    for (let bit = step; bit > 0; bit >>= 1) {
      const next = position + bit;
      if (next < tree.length && tree[next]! < remaining) {
        position = next;
        remaining -= tree[next]!;
      }
    }
    return distinct[position]!;
  };
  return {
    growsOnly: () => false,
    prepare(items) {
      const values = new Set<number>();
      for (const item of items) {
        const v = numericValue(correlation, item);
        if (v !== null) values.add(v);
      }
      distinct = [...values].sort((a, b) => a - b);
      rankOf.clear();
      distinct.forEach((v, i) => rankOf.set(v, i));
      tree = new Int32Array(distinct.length + 1);
      count = 0;
      step = 1;
      while (step * 2 <= distinct.length) step *= 2;
    },
    add(item) {
      update(numericValue(correlation, item), 1);
    },
    remove(item) {
      update(numericValue(correlation, item), -1);
    },
    value() {
      if (count === 0) return null;
      const rank = (p / 100) * (count - 1);
      const lower = Math.floor(rank);
      const upper = Math.ceil(rank);
      const low = kth(lower);
      const high = upper === lower ? low : kth(upper);
      return low + (high - low) * (rank - lower);
    },
  };
}

/** Linear interpolation between closest ranks (the common "inclusive" definition). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (rank - lower);
}
