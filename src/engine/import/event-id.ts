import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';

/**
 * Alerts and ground truth refer to events by `event.id`, so every imported event needs one. A row
 * that brings its own keeps it (numbers become strings); otherwise the id names where the row came
 * from (`events.ndjson:12`, `d1/proxy.ndjson:3`), which is stable across re-imports of the same file.
 */
export function ensureEventId(event: EngineEvent, fallback: string): EngineEvent {
  const id = event['event.id'];
  if (typeof id === 'string' && id !== '') return event;
  event['event.id'] = typeof id === 'number' ? String(id) : fallback;
  return event;
}

/**
 * The fallback id of a row: the file's name and the line. A name is cut to the file's own name
 * (`logs/proxy.ndjson` → `proxy.ndjson:3`), except one written `./<path>`: that is the file's path
 * within its dataset folder and is kept whole (`./d1/proxy.ndjson` → `d1/proxy.ndjson:3`), so
 * same-named files in different subfolders of one dataset get different ids (events sharing an id
 * are one event to the engine).
 */
export function rowId(file: string, line: number): string {
  const name = file.split('\\').join('/');
  const inDataset = name.startsWith('./') ? name.replace(/^(\.\/)+/, '') : undefined;
  return `${inDataset ?? name.split('/').pop() ?? name}:${line}`;
}

/**
 * The fallback ids of the elements of one JSON list, from where each starts: `<file>:<line>` for an
 * element alone on its line (one per line, or pretty-printed), `<file>:<line>:<column>` for elements
 * sharing a line (a list written on one line, as `jq -c` and `curl` write it), so no two share an id.
 */
export function elementRowIds(file: string, places: readonly { line: number; column: number }[]): string[] {
  const perLine = new Map<number, number>();
  for (const { line } of places) perLine.set(line, (perLine.get(line) ?? 0) + 1);
  return places.map(({ line, column }) =>
    (perLine.get(line) ?? 0) > 1 ? `${rowId(file, line)}:${column}` : rowId(file, line),
  );
}

/** The largest integer a JSON number holds exactly (2^53 − 1): past it, digits are lost. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** The simple shapes of a numeric id in a line's text: `"event.id": 123…`, `"event": {"id": 123…}`. */
const ID_SHAPES = [
  /"event\.id"\s*:\s*(-?\d+)(?![\d.eE])/g,
  /"event"\s*:\s*\{\s*"id"\s*:\s*(-?\d+)(?![\d.eE])/g,
];

/**
 * The digits a numeric `event.id` was written with, read from the text it was parsed from, when
 * that text writes it in one of the simple shapes and only one number there parses to `id`.
 */
export function writtenDigits(text: string, id: number): string | undefined {
  const found = new Set<string>();
  for (const shape of ID_SHAPES)
    for (const match of text.matchAll(shape)) if (Number(match[1]) === id) found.add(match[1]!);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * One file's numeric `event.id`s past 2^53 − 1 (snowflake ids, 64-bit record ids): JSON parsing
 * rounds them (1234567890123456789 → 1234567890123456800), so distinct events would share an id
 * and be one event to alerts and correlations. `check` puts the id back as the digits its text
 * wrote (a string), and warns at the file's first such line.
 */
export class LargeEventIds {
  private seen = 0;

  constructor(private readonly file: string) {}

  /** Checks the raw (unflattened) object of line `line`, whose JSON text is `text`. */
  check(object: Record<string, unknown>, text: string | undefined, line: number): Diagnostic | undefined {
    const nested = object.event;
    const holder =
      typeof object['event.id'] === 'number'
        ? { at: object, key: 'event.id' }
        : typeof nested === 'object' && nested !== null && !Array.isArray(nested)
          ? { at: nested as Record<string, unknown>, key: 'id' }
          : undefined;
    const id = holder?.at[holder.key];
    if (holder === undefined || typeof id !== 'number' || !Number.isInteger(id) || Math.abs(id) <= MAX_EXACT)
      return undefined;
    const digits = text === undefined ? undefined : writtenDigits(text, id);
    if (digits !== undefined) holder.at[holder.key] = digits;
    if (++this.seen > 1) return undefined;
    const shown = digits ?? String(id);
    const outcome =
      digits !== undefined
        ? `kept as the text "${digits}" read from the line`
        : `read as "${String(id)}": its last digits are lost, so distinct ids may become one`;
    return importError(
      this.file,
      line,
      `line ${line} has a numeric event.id ${shown} beyond 2^53 − 1 (${MAX_EXACT}), which JSON numbers cannot hold exactly: ${outcome} (the first such line of this file)`,
      {
        path: 'event.id',
        severity: 'warning',
        suggestion: `write event.id as a string: "event.id": "${shown}"`,
      },
    );
  }
}
