// Nested records → flat dotted fields (`{"user":{"name":"a"}}` → `user.name`). Lists of plain values
// stay lists (`email.to`); a list holding maps keeps each map as JSON text, searchable but flat, and
// gives each of the maps' paths as a list of values too (`dns.answers.data`).
// Two things a record can hold that a flat event cannot, each told to `onProblem` when one is given:
// - two spellings of one field (`{"user.name": "a", "user": {"name": "b"}}`): the last one written
//   is kept, as before;
// - nesting deeper than MAX_NESTING levels (a hostile or broken export 100,000 lists deep): the value
//   that goes too deep is dropped, so flattening and the JSON text of lists never recurse without limit.
import type { EngineEvent, EventValue, FieldValue } from '../types.ts';
import { setField } from './set-field.ts';

/** How many levels of maps and lists below the record are read; a value nesting deeper is dropped. */
export const MAX_NESTING = 100;

export type FlattenProblem =
  { kind: 'duplicate'; field: string } | { kind: 'too-deep'; field: string; limit: number };

export interface FlattenOptions {
  /** Told of each field given twice and each value nested too deep (the event is flattened anyway). */
  onProblem?: (problem: FlattenProblem) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isList = (value: EventValue): value is readonly FieldValue[] => Array.isArray(value);

function toFieldValue(value: unknown): FieldValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value === undefined) return null;
  return JSON.stringify(value);
}

/**
 * Levels of maps and lists in `value` (a plain value: 0, `[1]`: 1, `[[1]]`: 2), counted without
 * recursion and only up to `limit + 1`: a value 100,000 levels deep costs no more than one at the limit.
 */
function nestingOf(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, level] = stack.pop()!;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    const children = Array.isArray(item) ? item : Object.values(item as object);
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push([child, level + 1]);
  }
  return deepest;
}

/** Whether `value` holds more than `limit` levels of maps and lists (without recursing). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  return nestingOf(value, limit) > limit;
}

interface Walk {
  into: EngineEvent;
  /** Names given by a list's projection (`dns.answers.data`), which a field of the record replaces. */
  projected: Set<string>;
  onProblem: ((problem: FlattenProblem) => void) | undefined;
}

function set(walk: Walk, name: string, value: EventValue): void {
  const { into, projected } = walk;
  if (Object.hasOwn(into, name)) {
    if (projected.has(name)) projected.delete(name);
    else walk.onProblem?.({ kind: 'duplicate', field: name });
  }
  setField(into, name, value);
}

/** `record`'s fields under `prefix`; `level` is how deep `record` itself sits (the event: 0). */
function walkRecord(record: Record<string, unknown>, prefix: string, level: number, walk: Walk): void {
  for (const key of Object.keys(record)) {
    const value = record[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) {
      if (level + 1 > MAX_NESTING) walk.onProblem?.({ kind: 'too-deep', field: name, limit: MAX_NESTING });
      else walkRecord(value, name, level + 1, walk);
    } else if (Array.isArray(value)) {
      if (level + nestingOf(value, MAX_NESTING - level) > MAX_NESTING) {
        walk.onProblem?.({ kind: 'too-deep', field: name, limit: MAX_NESTING });
        continue;
      }
      set(walk, name, value.map(toFieldValue) as EventValue);
      if (value.some(isRecord)) projectObjects(value, name, level + 1, walk);
    } else if (value !== undefined) set(walk, name, toFieldValue(value));
  }
}

export function flattenRecord(
  record: Record<string, unknown>,
  prefix = '',
  into: EngineEvent = {},
  options: FlattenOptions = {},
): EngineEvent {
  walkRecord(record, prefix, 0, { into, projected: new Set(), onProblem: options.onProblem });
  return into;
}

/**
 * A list of objects (ECS `dns.answers`, `threat.enrichments`) also gives each of its leaf paths as
 * the list of that path's values, so a rule on `dns.answers.data` reads every answer's data (a
 * list matches when one item does). A field the record names itself is kept as it is.
 */
function projectObjects(list: readonly unknown[], name: string, level: number, walk: Walk): void {
  const projected = new Map<string, FieldValue[]>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    // The list was measured: its items nest no deeper than the limit (nothing is dropped here).
    const flat: EngineEvent = {};
    walkRecord(item, '', level, { into: flat, projected: new Set(), onProblem: undefined });
    for (const [path, value] of Object.entries(flat)) {
      const key = `${name}.${path}`;
      let values = projected.get(key);
      if (!values) projected.set(key, (values = []));
      if (isList(value)) for (const one of value) values.push(one);
      else values.push(value);
    }
  }
  for (const [key, values] of projected) {
    if (Object.hasOwn(walk.into, key)) continue;
    setField(walk.into, key, values);
    walk.projected.add(key);
  }
}
