// event_count: how many events the referenced rules matched in the window.
import type { WindowMetric } from './window.ts';

export function eventCount(): WindowMetric {
  return {
    add() {},
    remove() {},
    value: (_items, start, end) => end - start + 1,
  };
}
