import type { EngineEvent } from '../types.ts';
import { timeValue } from './event-time.ts';

function timeOf(event: EngineEvent): number {
  return timeValue(event['@timestamp']);
}

/**
 * Correlations walk events in time order, and a bundle promises its events sorted, but merged
 * sources (CERT's five files) and hand-made exports are not. Sorts in place, stably, only when
 * needed; events without a readable time keep their place after the timed ones.
 */
export function sortByTimestamp(events: EngineEvent[]): EngineEvent[] {
  let previous = -Infinity;
  let sorted = true;
  for (const event of events) {
    const time = timeOf(event);
    if (!(time >= previous)) {
      sorted = false;
      break;
    }
    previous = time;
  }
  if (sorted) return events;
  const keyed = events.map((event, index) => ({ event, index, time: timeOf(event) }));
  keyed.sort((a, b) => {
    const aBad = Number.isNaN(a.time);
    const bBad = Number.isNaN(b.time);
    if (aBad || bBad) return aBad === bBad ? a.index - b.index : aBad ? 1 : -1;
    return a.time - b.time || a.index - b.index;
  });
  keyed.forEach((k, i) => (events[i] = k.event));
  return events;
}
