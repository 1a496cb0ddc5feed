// Nested records → flat dotted fields (`{"user":{"name":"a"}}` → `user.name`). Lists of plain values
// stay lists (`email.to`); a list holding maps keeps each map as JSON text, searchable but flat.
import type { EngineEvent, EventValue, FieldValue } from '../types.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
    else if (Array.isArray(value)) into[name] = value.map(toFieldValue) as EventValue;
    else if (value !== undefined) into[name] = toFieldValue(value);
  }
  return into;
}
