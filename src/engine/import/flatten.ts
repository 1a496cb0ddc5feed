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
