// value_sum, value_avg, value_percentile: a statistic of the numeric values of the condition's
// `field` in the window. Non-numeric or missing values are left out; a window with no numeric
// value has no average or percentile (and never matches).
import { fieldOf, numberOf } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import type { WindowMetric } from './window.ts';

function numericValue(correlation: CompiledCorrelation, item: Occurrence): number | null {
  const field = correlation.condition.fields[0];
  return field === undefined ? null : numberOf(fieldOf(correlation, item, field));
}

export function valueSum(correlation: CompiledCorrelation): WindowMetric {
  let sum = 0;
  return {
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
  };
}

export function valuePercentile(correlation: CompiledCorrelation): WindowMetric {
  const p = correlation.condition.percentile ?? 50;
  return {
    add() {},
    remove() {},
    value(items, start, end) {
      const values: number[] = [];
      for (let i = start; i <= end; i++) {
        const v = numericValue(correlation, items[i]!);
        if (v !== null) values.push(v);
      }
      return percentile(values, p);
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
