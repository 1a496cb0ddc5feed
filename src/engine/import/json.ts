// A JSON export of events: a list of event objects, or an object holding them under `events`.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError, jsonErrorLocation, jsonErrorMessage, lineAndColumn } from './diagnostic.ts';
import { ensureEventId, rowId } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { flattenEvent, isEventObject } from './flatten.ts';
import { listElementOffsets, topLevelKeyListOffset } from './json-offsets.ts';
import { describe } from './ndjson.ts';

export interface JsonEventsResult {
  events: EngineEvent[];
  errors: Diagnostic[];
}

/** Parses the whole text; a syntax error is one diagnostic at the place JSON.parse stopped. */
export function parseJsonText(text: string, file: string): { value?: unknown; error?: Diagnostic } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    return {
      error: importError(file, where.line, `not valid JSON: ${jsonErrorMessage(error)}`, {
        column: where.column,
      }),
    };
  }
}

/**
 * Turns a list of parsed elements into events, reporting each element that is not an object with
 * its own line. `listOffset` is where the list's `[` sits in `text` (for line numbers).
 */
export function eventsFromList(
  list: readonly unknown[],
  text: string,
  listOffset: number,
  file: string,
  path: string,
): JsonEventsResult {
  const offsets = listElementOffsets(text, listOffset);
  const events: EngineEvent[] = [];
  const errors: Diagnostic[] = [];
  const times = new EventTimes(file);
  list.forEach((item, index) => {
    const where = lineAndColumn(text, offsets[index] ?? listOffset);
    if (!isEventObject(item)) {
      errors.push(
        importError(file, where.line, `${path}[${index}] is ${describe(item)}, not an event object`, {
          column: where.column,
          path: `${path}[${index}]`,
        }),
      );
      return;
    }
    const event = ensureEventId(flattenEvent(item), rowId(file, where.line));
    events.push(event);
    const problem = times.check(event, where.line);
    if (problem) errors.push(problem);
  });
  const summary = times.summary();
  if (summary) errors.push(summary);
  return { events, errors };
}

export function parseJsonEvents(text: string, file: string): JsonEventsResult {
  const parsed = parseJsonText(text, file);
  if (parsed.error) return { events: [], errors: [parsed.error] };
  const value = parsed.value;
  if (Array.isArray(value)) return eventsFromList(value, text, text.indexOf('['), file, '');
  if (isEventObject(value) && Array.isArray(value.events)) {
    return eventsFromList(value.events, text, topLevelKeyListOffset(text, 'events'), file, 'events');
  }
  return {
    events: [],
    errors: [
      importError(file, 1, `expected a list of events or an object with "events", found ${describe(value)}`, {
        suggestion: 'wrap the events in [ … ] or { "events": [ … ] }',
      }),
    ],
  };
}
