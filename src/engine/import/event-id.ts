import type { EngineEvent } from '../types.ts';

/**
 * Alerts and ground truth refer to events by `event.id`, so every imported event needs one. A row
 * that brings its own keeps it (numbers become strings); otherwise the id names where the row came
 * from (`events.ndjson:12`), which is stable across re-imports of the same file.
 */
export function ensureEventId(event: EngineEvent, fallback: string): EngineEvent {
  const id = event['event.id'];
  if (typeof id === 'string' && id !== '') return event;
  event['event.id'] = typeof id === 'number' ? String(id) : fallback;
  return event;
}

/** The fallback id of a row: the file's own name (not its folder) and the line. */
export function rowId(file: string, line: number): string {
  return `${file.split(/[\\/]/).pop() ?? file}:${line}`;
}
