// value_count: how many distinct values the condition's `field` took in the window (a list of
// fields counts distinct combinations). Events without the field add no value. A field holding a
// list holds several values, as Sigma matching treats it (a rule matches if any element does), so
// each element is a value of its own: one event with `[x, y]` adds two, and `[y, x]` adds none
// after it. With several fields, a list contributes each combination of the elements.
import type { EventValue } from '../../types.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { fieldOf } from '../group-by.ts';
import type { WindowMetric } from './window.ts';

function elementsOf(value: EventValue): readonly unknown[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [value];
}

export function valueCount(correlation: CompiledCorrelation): WindowMetric {
  const counts = new Map<string, number>();
  const keysOf = (item: Occurrence): string[] => {
    let combinations: unknown[][] = [[]];
    for (const field of correlation.condition.fields) {
      const value = fieldOf(correlation, item, field);
      if (value === undefined) return [];
      const elements = elementsOf(value);
      combinations = combinations.flatMap((prefix) => elements.map((e) => [...prefix, e]));
    }
    return [...new Set(combinations.map((c) => JSON.stringify(c)))];
  };
  return {
    add(item) {
      for (const key of keysOf(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(item) {
      for (const key of keysOf(item)) {
        const n = (counts.get(key) ?? 0) - 1;
        if (n <= 0) counts.delete(key);
        else counts.set(key, n);
      }
    },
    value: () => counts.size,
  };
}
