// A JSON export of events: a list of event objects, or an object holding them under `events` (or
// under another one key, as CloudTrail's `Records` and Splunk's `results`). A list of Elastic hits
// or a search response is handed to the Elastic reader.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';
import { eventsFromHits, hitsListOffset, isHitList, isSearchResponse, wrappedListNote } from './ecs.ts';
import { elementRowIds, ensureEventId, LargeEventIds } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { describe, FieldProblems, isEventObject, wrappedListKey } from './flatten.ts';
import { listElementOffsets, parseJsonText, placesOf, topLevelKeyListOffset } from './json-offsets.ts';
import { atElement } from './records-line.ts';

export interface JsonEventsResult {
  events: EngineEvent[];
  errors: Diagnostic[];
  /**
   * Items not imported: every item of a list whose document does not parse (the whole file is
   * lost), and items that are not event objects. What a "rows skipped" summary should say.
   */
  rowsSkipped?: number;
}

export { parseJsonText };

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
  const places =
    offsets.length === list.length
      ? placesOf(text, offsets)
      : list.map(() => placesOf(text, [listOffset])[0]!);
  // Elements alone on their line keep `<file>:<line>`; elements sharing one get the column too.
  const ids = elementRowIds(file, places);
  const sharedLines = new Set<number>();
  for (let i = 1; i < places.length; i++)
    if (places[i]!.line === places[i - 1]!.line) sharedLines.add(places[i]!.line);
  const events: EngineEvent[] = [];
  const errors: Diagnostic[] = [];
  const times = new EventTimes(file);
  const fields = new FieldProblems(file);
  const largeIds = new LargeEventIds(file);
  let skipped = 0;
  list.forEach((item, index) => {
    const where = places[index]!;
    if (!isEventObject(item)) {
      skipped++;
      errors.push(
        importError(file, where.line, `${path}[${index}] is ${describe(item)}, not an event object`, {
          column: where.column,
          path: `${path}[${index}]`,
        }),
      );
      return;
    }
    // An id past 2^53 − 1 is put back as the digits its element wrote (JSON numbers round it).
    const own = offsets.length === list.length ? text.slice(offsets[index], offsets[index + 1]) : undefined;
    const large = largeIds.check(item, own, where.line);
    if (large) errors.push(large);
    const flat = fields.flatten(item, where.line, own);
    const event = ensureEventId(flat.event, ids[index]!);
    events.push(event);
    // On a line of its own an element is found by its line; on a shared line, by column and index.
    const place = (diagnostic: Diagnostic) =>
      sharedLines.has(where.line) ? atElement(diagnostic, where.column, `${path}[${index}]`) : diagnostic;
    for (const warning of flat.warnings) errors.push(place(warning));
    const problem = times.check(event, where.line);
    if (problem) errors.push(place(problem));
  });
  const summary = times.summary();
  if (summary) errors.push(summary);
  const fieldSummary = fields.summary();
  if (fieldSummary) errors.push(fieldSummary);
  return { events, errors, rowsSkipped: skipped };
}

export function parseJsonEvents(text: string, file: string): JsonEventsResult {
  const parsed = parseJsonText(text, file, { events: true });
  if (parsed.error) {
    const start = text.search(/\S/);
    const items = start >= 0 && text[start] === '[' ? listElementOffsets(text, start).length : 0;
    return { events: [], errors: [parsed.error], rowsSkipped: Math.max(items, 1) };
  }
  const value = parsed.value;
  if (Array.isArray(value)) {
    const read = isHitList(value) ? eventsFromHits : eventsFromList;
    return read(value, text, text.indexOf('['), file, '');
  }
  if (isSearchResponse(value)) {
    return eventsFromHits(value.hits.hits, text, hitsListOffset(text), file, 'hits.hits');
  }
  if (isEventObject(value) && Array.isArray(value.events)) {
    return eventsFromList(value.events, text, topLevelKeyListOffset(text, 'events'), file, 'events');
  }
  const key = isEventObject(value) ? wrappedListKey(value) : undefined;
  if (key !== undefined) {
    const list = (value as Record<string, unknown>)[key] as unknown[];
    const read = isHitList(list) ? eventsFromHits : eventsFromList;
    const result = read(list, text, topLevelKeyListOffset(text, key), file, key);
    result.errors.unshift(importError(file, 1, wrappedListNote(key), { severity: 'warning' }));
    return result;
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
