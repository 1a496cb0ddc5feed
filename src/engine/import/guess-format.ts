// Which importer a lone file needs, by its name and a look at its text: used by the command line
// and by the app's import worker for a file it was not told the format of.
import { isBundleObject } from './bundle.ts';
import { isElasticHit, isSearchResponse } from './ecs.ts';
import { isEventObject, wrappedListKey } from './flatten.ts';
import type { ImporterFormat } from './importers.ts';
import { isZeekTsv } from './zeek-tsv.ts';

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Which importer a lone file needs: by extension, and for JSON by a look at its shape. */
export function guessFileFormat(path: string, text: string): ImporterFormat | 'bundle' {
  const ext = extensionOf(path);
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (isZeekTsv(text)) return 'csv'; // `conn.log`: the CSV reader reads Zeek's own format
  const head = text.replace(/^\uFEFF/, '').trim();
  if (head.startsWith('[')) return 'json';
  if (!head.startsWith('{')) return 'ndjson';
  if (!head.includes('\n')) {
    // One line, with or without a trailing newline (`curl`, `jq -c`): the document's shape decides.
    const value = safeParse(head);
    if (isBundleObject(value)) return 'bundle';
    if (!isEventObject(value)) return 'json'; // not valid JSON: the JSON reader says where
    if (Array.isArray(value.events)) return 'json';
    if (isSearchResponse(value) || isElasticHit(value)) return 'ecs';
    if (wrappedListKey(value) !== undefined) return 'json'; // `{"Records": [ … ]}`
    return 'ndjson'; // a single event
  }
  // Two or more lines: one object per line is NDJSON (or ECS `_source` lines); otherwise a
  // pretty-printed bundle, JSON export or Elastic search response.
  const firstLine = head.slice(0, head.indexOf('\n'));
  if (/"_source"\s*:/.test(head.slice(0, 4096))) return 'ecs';
  if (safeParse(firstLine) !== undefined) return 'ndjson';
  if (isBundleObject(safeParse(head))) return 'bundle';
  return 'json';
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
