// value_count: how many distinct values the condition's `field` took in the window (a list of
// fields counts distinct combinations). Events without the field add no value.
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { fieldOf } from '../group-by.ts';
import type { WindowMetric } from './window.ts';

export function valueCount(correlation: CompiledCorrelation): WindowMetric {
  const counts = new Map<string, number>();
  const keyOf = (item: Occurrence): string | null => {
    const values = correlation.condition.fields.map((f) => fieldOf(correlation, item, f));
    if (values.some((v) => v === undefined)) return null;
    return JSON.stringify(values);
  };
  return {
    add(item) {
      const key = keyOf(item);
      if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(item) {
      const key = keyOf(item);
      if (key === null) return;
      const n = (counts.get(key) ?? 0) - 1;
      if (n <= 0) counts.delete(key);
      else counts.set(key, n);
    },
    value: () => counts.size,
  };
}
