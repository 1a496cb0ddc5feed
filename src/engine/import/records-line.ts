// A line that holds a list of records rather than one event. An Azure Event Hub message (what a
// diagnostic setting streams Entra, Activity, Key Vault, Defender… logs as) is `{"records": […]}`,
// and a dump of an Event Hub writes one message per line; CloudTrail's files are `{"Records": […]}`,
// and concatenating them (`zcat *.json.gz`) gives one file per line. Each record is one event, read
// as a record of a JSON list is, and located by its line, its column and its index in the list.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';
import { elementRowIds, ensureEventId, type LargeEventIds } from './event-id.ts';
import type { EventTimes } from './event-time.ts';
import { describe, isEventObject, type FieldProblems } from './flatten.ts';
import { listElementOffsets, topLevelKeyListOffset } from './json-offsets.ts';

/** The names a wrapper line's one key may have: Azure's and CloudTrail's. */
const RECORD_LIST_KEYS = new Set(['records', 'Records']);

/**
 * The key of a line that is only a list of records (`{"records": […]}`): the object's one key, named
 * `records` or `Records`, holding a list. An object with other keys is an event of its own.
 */
export function recordListKey(value: Record<string, unknown>): string | undefined {
  let key: string | undefined;
  for (const name in value) {
    if (key !== undefined || !RECORD_LIST_KEYS.has(name)) return undefined;
    key = name;
  }
  return key !== undefined && Array.isArray(value[key]) ? key : undefined;
}

export interface RecordsLineReaders {
  fields: FieldProblems;
  times: EventTimes;
  largeIds: LargeEventIds;
}

/**
 * The events of line `lineNumber`, whose text is `lineText` (trimmed; `indent` characters of white
 * space before it in the file) and whose records sit under `key`. Each record's problems (times,
 * fields given twice) are located at its column, their path naming its index (`records[2].@timestamp`).
 */
export function readRecordsLine(
  value: Record<string, unknown>,
  key: string,
  lineText: string,
  indent: number,
  file: string,
  lineNumber: number,
  readers: RecordsLineReaders,
): { events: EngineEvent[]; errors: Diagnostic[] } {
  const list = value[key] as unknown[];
  const events: EngineEvent[] = [];
  const errors: Diagnostic[] = [];
  const offsets = listElementOffsets(lineText, topLevelKeyListOffset(lineText, key));
  const located = offsets.length === list.length;
  const places = list.map((_, index) => ({
    line: lineNumber,
    column: indent + 1 + (located ? offsets[index]! : 0),
  }));
  const ids = elementRowIds(file, places);
  list.forEach((item, index) => {
    const column = places[index]!.column;
    const at = `${key}[${index}]`;
    if (!isEventObject(item)) {
      errors.push(
        importError(file, lineNumber, `line ${lineNumber}: ${at} is ${describe(item)}, not a record object`, {
          column,
          path: at,
        }),
      );
      return;
    }
    const own = located ? lineText.slice(offsets[index], offsets[index + 1]) : undefined;
    const found: Diagnostic[] = [];
    const large = readers.largeIds.check(item, own, lineNumber);
    if (large) found.push(large);
    const flat = readers.fields.flatten(item, lineNumber, own);
    for (const warning of flat.warnings) found.push(warning);
    const event = ensureEventId(flat.event, ids[index]!);
    const problem = readers.times.check(event, lineNumber);
    if (problem) found.push(problem);
    for (const diagnostic of found) errors.push(atElement(diagnostic, column, at));
    events.push(event);
  });
  return { events, errors };
}

/**
 * A list element's diagnostic placed at the element: its column, and its path under the element's
 * index (`records[2].@timestamp`). A path naming several fields (a format's note of the fields it
 * gives) is the file's, not the element's, and is left as it is.
 */
export function atElement(diagnostic: Diagnostic, column: number, at: string): Diagnostic {
  const path = diagnostic.path;
  if (path.includes(', ')) return { ...diagnostic, column };
  return { ...diagnostic, column, path: path === '' ? at : `${at}.${path}` };
}
