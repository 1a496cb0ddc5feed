// temporal: how many of the referenced rules matched in the window (default condition: all of
// them). temporal_ordered: how many of them matched in the order the `rules` list gives, counted
// along the longest in-order chain from the first rule (ties in time are taken in list order).
import type { CompiledCorrelation } from '../model.ts';
import type { WindowMetric } from './window.ts';

export function temporal(): WindowMetric {
  const counts = new Map<string, number>();
  return {
    add(item) {
      counts.set(item.rule, (counts.get(item.rule) ?? 0) + 1);
    },
    remove(item) {
      const n = (counts.get(item.rule) ?? 0) - 1;
      if (n <= 0) counts.delete(item.rule);
      else counts.set(item.rule, n);
    },
    value: () => counts.size,
  };
}

export function temporalOrdered(correlation: CompiledCorrelation): WindowMetric {
  const order = correlation.rules;
  return {
    add() {},
    remove() {},
    value(items, start, end) {
      // The window starts at its anchor; a chain that does not start with the first rule is
      // found from a later anchor.
      if (items[start]?.rule !== order[0]) return 0;
      let next = 0;
      for (let i = start; i <= end && next < order.length; i++) {
        if (items[i]!.rule === order[next]) next += 1;
      }
      return next;
    },
  };
}
