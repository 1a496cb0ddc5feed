// Nested records → flat dotted fields (`{"user":{"name":"a"}}` → `user.name`). Lists of plain values
// stay lists (`email.to`); a list holding maps keeps each map as JSON text, searchable but flat, and
// gives each of the maps' paths as a list of values too (`dns.answers.data`).
import type { EngineEvent, EventValue, FieldValue } from '../types.ts';

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

export function flattenRecord(
  record: Record<string, unknown>,
  prefix = '',
  into: EngineEvent = {},
): EngineEvent {
  for (const key of Object.keys(record)) {
    const value = record[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) flattenRecord(value, name, into);
    else if (Array.isArray(value)) {
      into[name] = value.map(toFieldValue) as EventValue;
      if (value.some(isRecord)) projectObjects(value, name, into);
    } else if (value !== undefined) into[name] = toFieldValue(value);
  }
  return into;
}

/**
 * A list of objects (ECS `dns.answers`, `threat.enrichments`) also gives each of its leaf paths as
 * the list of that path's values, so a rule on `dns.answers.data` reads every answer's data (a
 * list matches when one item does). A field the record names itself is kept as it is.
 */
function projectObjects(list: readonly unknown[], name: string, into: EngineEvent): void {
  const projected = new Map<string, FieldValue[]>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    for (const [path, value] of Object.entries(flattenRecord(item))) {
      const key = `${name}.${path}`;
      let values = projected.get(key);
      if (!values) projected.set(key, (values = []));
      if (isList(value)) for (const one of value) values.push(one);
      else values.push(value);
    }
  }
  for (const [key, values] of projected) if (!(key in into)) into[key] = values;
}
