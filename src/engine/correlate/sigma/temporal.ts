// temporal: how many of the referenced rules matched in the window (default condition: all of
// them). temporal_ordered: how many of them matched in the order the `rules` list gives, counted
// along the longest in-order chain from the first rule (ties in time are taken in list order).
import type { CompiledCorrelation, Occurrence } from '../model.ts';
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
  // The chain found so far from one anchor: asking again with a later end (as the search for the
  // firing point does, one occurrence at a time) goes on from where the last answer stopped.
  let chain = { items: [] as readonly Occurrence[], start: -1, scanned: -1, next: 0 };
  return {
    add() {},
    remove() {},
    value(items, start, end) {
      // The window starts at its anchor; a chain that does not start with the first rule is
      // found from a later anchor.
      if (items[start]?.rule !== order[0]) return 0;
      if (chain.items !== items || chain.start !== start || chain.scanned > end)
        chain = { items, start, scanned: start - 1, next: 0 };
      for (let i = chain.scanned + 1; i <= end && chain.next < order.length; i++) {
        if (items[i]!.rule === order[chain.next]) chain.next += 1;
        chain.scanned = i;
      }
      return chain.next;
    },
  };
}
