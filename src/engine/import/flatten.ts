// Nested JSON → the flat, dotted event the engine speaks (docs/data-model.md):
// `{"user":{"name":"a"}}` → `user.name: "a"`. Lists of primitives stay lists; a list of objects
// becomes one list per leaf field (`email.attachments: [{name:a},{name:b}]` →
// `email.attachments.name: [a, b]`), which is how Elastic indexes them too.
import type { EngineEvent, EventValue, FieldValue } from '../types.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function primitive(value: unknown): FieldValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    default:
      return undefined;
  }
}

function add(out: Record<string, FieldValue[] | FieldValue>, key: string, value: FieldValue, asList: boolean) {
  const existing = out[key];
  if (asList) {
    if (Array.isArray(existing)) existing.push(value);
    else out[key] = existing === undefined ? [value] : [existing, value];
  } else {
    out[key] = value;
  }
}

function walk(value: unknown, key: string, out: Record<string, FieldValue[] | FieldValue>, inList: boolean) {
  if (Array.isArray(value)) {
    // An empty list is still a fact ("no recipients"), so it is kept as an empty list.
    if (value.length === 0 && key !== '' && out[key] === undefined) out[key] = [];
    for (const item of value) walk(item, key, out, true);
    return;
  }
  if (isPlainObject(value)) {
    for (const [child, childValue] of Object.entries(value)) {
      walk(childValue, key === '' ? child : `${key}.${child}`, out, inList);
    }
    return;
  }
  const leaf = primitive(value);
  if (leaf === undefined || key === '') return;
  add(out, key, leaf, inList);
}

/** Flattens one JSON object into an engine event. Keys that are already dotted stay as they are. */
export function flattenEvent(object: Record<string, unknown>): EngineEvent {
  const out: Record<string, FieldValue[] | FieldValue> = {};
  walk(object, '', out, false);
  return out as Record<string, EventValue>;
}

/** Whether a parsed JSON value can be an event at all (arrays and scalars cannot). */
export function isEventObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
