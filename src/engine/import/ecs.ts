// Elastic / ECS exports: a search response (`hits.hits[]._source`), a list of hits, or one hit
// (or bare document) per line as elasticdump and Kibana write them. ECS keeps some fields as lists
// or objects where our vocabulary keeps one value (docs/data-model.md); those are folded here.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { importError, jsonErrorMessage, lineAndColumn } from './diagnostic.ts';
import { ensureEventId, rowId } from './event-id.ts';
import { flattenEvent, isEventObject } from './flatten.ts';
import { listElementOffsets } from './json-offsets.ts';
import { parseJsonText } from './json.ts';
import { describe } from './ndjson.ts';

export interface EcsEventsResult {
  events: EngineEvent[];
  errors: Diagnostic[];
}

const CATEGORIES = new Set([
  'authentication',
  'file',
  'email',
  'web',
  'device',
  'iam',
  'database',
  'print',
  'chat',
  'process',
  'erp',
  'hr',
]);

/** ECS names whose value our vocabulary keeps under a shorter name. */
const ECS_ALIASES: Record<string, string> = {
  'email.to.address': 'email.to',
  'email.from.address': 'email.from',
  'email.cc.address': 'email.cc',
  'email.bcc.address': 'email.bcc',
};

function single(value: EventValue | undefined): EventValue | undefined {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** Our `event.category` is one word; ECS gives a list (`["network","web"]`): keep the one we know. */
function foldCategory(value: EventValue | undefined): EventValue | undefined {
  if (!Array.isArray(value)) return value;
  return value.find((c) => typeof c === 'string' && CATEGORIES.has(c)) ?? value[0] ?? null;
}

/** ECS lists attachments as objects (`[{file:{name}}]`); our `email.attachments` is a list of names. */
function attachmentNames(source: Record<string, unknown>): Record<string, unknown> {
  const email = source.email;
  if (!isEventObject(email) || !Array.isArray(email.attachments)) return source;
  const names = email.attachments.map((a) =>
    isEventObject(a) && isEventObject(a.file) && typeof a.file.name === 'string'
      ? a.file.name
      : JSON.stringify(a),
  );
  return { ...source, email: { ...email, attachments: names } };
}

export function ecsToEvent(source: Record<string, unknown>, hitId?: string): EngineEvent {
  const event = flattenEvent(attachmentNames(source));
  for (const [from, to] of Object.entries(ECS_ALIASES)) {
    const value = event[from];
    if (value === undefined || event[to] !== undefined) continue;
    event[to] =
      to === 'email.from' ? (single(value) ?? null) : Array.isArray(value) ? value : [value as string];
    delete event[from];
  }
  if (event['email.to'] !== undefined && !Array.isArray(event['email.to']))
    event['email.to'] = [event['email.to'] as string];
  const category = foldCategory(event['event.category']);
  if (category !== undefined) event['event.category'] = category;
  for (const field of ['event.action', 'event.outcome', 'user.name', 'host.name']) {
    const value = single(event[field]);
    if (value !== undefined) event[field] = value;
  }
  if (event['event.id'] === undefined && hitId !== undefined) event['event.id'] = hitId;
  return event;
}

function fromHit(value: unknown): { source: Record<string, unknown>; id?: string } | undefined {
  if (!isEventObject(value)) return undefined;
  if (isEventObject(value._source)) {
    const id = typeof value._id === 'string' ? value._id : undefined;
    return id === undefined ? { source: value._source } : { source: value._source, id };
  }
  // elasticdump and plain `_source` exports also come as bare documents.
  if ('_index' in value || '_id' in value) return undefined;
  return { source: value };
}

function eventsFromHits(
  list: readonly unknown[],
  text: string,
  listOffset: number,
  file: string,
  path: string,
) {
  const offsets = listElementOffsets(text, listOffset);
  const result: EcsEventsResult = { events: [], errors: [] };
  list.forEach((item, index) => {
    const where = lineAndColumn(text, offsets[index] ?? listOffset);
    const hit = fromHit(item);
    if (!hit) {
      result.errors.push(
        importError(file, where.line, `${path}[${index}] is ${describe(item)} without a "_source" document`, {
          column: where.column,
          path: `${path}[${index}]`,
        }),
      );
      return;
    }
    result.events.push(ensureEventId(ecsToEvent(hit.source, hit.id), rowId(file, where.line)));
  });
  return result;
}

function hitsListOffset(text: string): number {
  const match = /"hits"\s*:\s*\{[\s\S]*?"hits"\s*:\s*\[/.exec(text);
  return match ? match.index + match[0].length - 1 : -1;
}

/**
 * Whether a first line starts a one-hit-per-line export: it holds a whole JSON object that is not
 * itself a search response (`curl` and `jq -c` write a whole response on one line, newline ended).
 */
function opensLineExport(firstLine: string): boolean {
  const value = tryParse(firstLine);
  return isEventObject(value) && !(isEventObject(value.hits) && Array.isArray(value.hits.hits));
}

export function parseEcsExport(text: string, file: string): EcsEventsResult {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  const firstBreak = head.indexOf('\n');
  const looksLikeLines = head.startsWith('{') && firstBreak > 0 && opensLineExport(head.slice(0, firstBreak));
  if (looksLikeLines) return parseEcsLines(text, file);
  const parsed = parseJsonText(text, file);
  if (parsed.error) return { events: [], errors: [parsed.error] };
  const value = parsed.value;
  if (Array.isArray(value)) return eventsFromHits(value, text, text.indexOf('['), file, '');
  if (isEventObject(value) && isEventObject(value.hits) && Array.isArray(value.hits.hits)) {
    return eventsFromHits(value.hits.hits, text, hitsListOffset(text), file, 'hits.hits');
  }
  if (isEventObject(value)) {
    const hit = fromHit(value);
    if (hit) return { events: [ensureEventId(ecsToEvent(hit.source, hit.id), rowId(file, 1))], errors: [] };
  }
  return {
    events: [],
    errors: [
      importError(
        file,
        1,
        'not an Elastic export: expected hits.hits[], a list of hits, or one document per line',
      ),
    ],
  };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseEcsLines(text: string, file: string): EcsEventsResult {
  const result: EcsEventsResult = { events: [], errors: [] };
  text.split('\n').forEach((raw, index) => readEcsLine(raw, index + 1, file, result));
  return result;
}

/** One line of a one-hit-per-line export: its event, or an error naming the line. */
function readEcsLine(raw: string, lineNumber: number, file: string, result: EcsEventsResult): void {
  const line = raw
    .replace(/\r$/, '')
    .replace(/^\uFEFF/, '')
    .trim();
  if (line === '') return;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    result.errors.push(
      importError(file, lineNumber, `line ${lineNumber} is not valid JSON: ${jsonErrorMessage(error)}`),
    );
    return;
  }
  const hit = fromHit(value);
  if (!hit) {
    result.errors.push(
      importError(file, lineNumber, `line ${lineNumber} is ${describe(value)} without a "_source" document`),
    );
    return;
  }
  result.events.push(ensureEventId(ecsToEvent(hit.source, hit.id), rowId(file, lineNumber)));
}

/**
 * An Elastic export arriving in pieces (the import worker streams files): one hit per line streams,
 * each line read as a piece completes it; a search response or a list of hits is gathered and read
 * whole at the end. Either way the same events and errors as `parseEcsExport` of the whole text:
 * the first line decides, as it does there.
 */
export class EcsReader {
  private mode: 'undecided' | 'lines' | 'whole' = 'undecided';
  private pending = '';
  private lineNumber = 0;
  /** Where the first document starts in the file (after white space and a BOM), once seen. */
  private start = -1;

  constructor(private readonly file: string) {}

  /** Each piece is searched on its own: a long first line costs no rescan of what came before. */
  push(chunk: string): EcsEventsResult {
    const offset = this.pending.length;
    this.pending += chunk;
    if (this.mode === 'undecided') {
      let from = 0;
      if (this.start < 0) {
        const found = /\S/.exec(chunk);
        if (!found) return { events: [], errors: [] };
        this.start = offset + found.index;
        // Only a document per line opens with `{` (a search response does too: its first line decides).
        if (chunk[found.index] !== '{') this.mode = 'whole';
        from = found.index;
      }
      if (this.mode === 'undecided') {
        const lineEnd = chunk.indexOf('\n', from);
        if (lineEnd < 0) return { events: [], errors: [] };
        const first = this.pending.slice(this.start, offset + lineEnd);
        this.mode = opensLineExport(first) ? 'lines' : 'whole';
      }
    }
    if (this.mode === 'whole') return { events: [], errors: [] };
    const lastBreak = chunk.lastIndexOf('\n');
    if (lastBreak < 0) return { events: [], errors: [] };
    const cut = offset + lastBreak;
    const block = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut + 1);
    return this.lines(block);
  }

  /** The last line of a line export (a file need not end with a newline), or the whole export. */
  end(): EcsEventsResult {
    const rest = this.pending;
    this.pending = '';
    if (this.mode !== 'lines') return parseEcsExport(rest, this.file);
    return this.lines(rest);
  }

  private lines(block: string): EcsEventsResult {
    const result: EcsEventsResult = { events: [], errors: [] };
    for (const raw of block.split('\n')) readEcsLine(raw, ++this.lineNumber, this.file, result);
    return result;
  }
}
