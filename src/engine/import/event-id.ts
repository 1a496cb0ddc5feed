import type { EngineEvent } from '../types.ts';

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
