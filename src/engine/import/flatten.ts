// Nested JSON → the flat, dotted event the engine speaks. The flattening itself is the event
// module's (one behaviour for imported events and joined directory facts alike); this file adds
// what importers need around it.
import { flattenRecord } from '../event/flatten.ts';
import type { EngineEvent } from '../types.ts';

export function flattenEvent(object: Record<string, unknown>): EngineEvent {
  return flattenRecord(object);
}

/** Whether a parsed JSON value can be an event at all (arrays and scalars cannot). */
export function isEventObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value that is not an event is named in a diagnostic. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** Names of a wrapper's lists that usually hold the events, when a document has several lists. */
const USUAL_LIST_KEYS = ['records', 'Records', 'results', 'events', 'logs', 'items', 'data'];

/**
 * The key of a top-level object holding its events under one key (`{"records": […]}`, CloudTrail's
 * `Records`, Splunk's `results`): the one property whose value is a non-empty list of objects (or,
 * when several are, the one of those with a usual name), provided the object itself does not look
 * like an event (no `@timestamp`, no `event`/`event.*`). Undefined otherwise.
 */
export function wrappedListKey(value: Record<string, unknown>): string | undefined {
  if ('@timestamp' in value || 'event' in value) return undefined;
  if (Object.keys(value).some((key) => key.startsWith('event.'))) return undefined;
  const lists = Object.keys(value).filter((key) => {
    const list = value[key];
    return Array.isArray(list) && list.length > 0 && list.every(isEventObject);
  });
  if (lists.length === 1) return lists[0];
  const usual = lists.filter((key) => USUAL_LIST_KEYS.includes(key));
  return usual.length === 1 ? usual[0] : undefined;
}
