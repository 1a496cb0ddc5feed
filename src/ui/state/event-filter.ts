// The event explorer's filters: field contains value (or `field=value`), user, category, label, time
// range. One definition (src/store/event-match.ts) serves events in memory (an exercise's, a dataset
// that could not be stored) and stored segments, so both answer the same.
import type { EngineEvent } from '../../engine/types.ts';
import { eventPredicate, type EventFilter } from '../../store/event-match.ts';

export { eventPredicate, type EventFilter };

export function filterEvents(events: readonly EngineEvent[], filter: EventFilter): EngineEvent[] {
  const keep = eventPredicate(filter);
  return events.filter(keep);
}

/** Field names seen in the events (a sample is enough), for filter and editor completion. */
export function fieldNames(events: readonly EngineEvent[], sample = 5000): string[] {
  const names = new Set<string>();
  const step = Math.max(1, Math.floor(events.length / sample));
  for (let i = 0; i < events.length; i += step) for (const k of Object.keys(events[i] ?? {})) names.add(k);
  return [...names].sort();
}

export function distinctValues(events: readonly EngineEvent[], field: string, limit = 500): string[] {
  const out = new Set<string>();
  for (const e of events) {
    const v = e[field];
    if (typeof v === 'string' && v) out.add(v);
    if (out.size >= limit) break;
  }
  return [...out].sort();
}
