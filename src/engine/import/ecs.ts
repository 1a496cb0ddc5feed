// Elastic / ECS exports: a search response (`hits.hits[]._source`), a list of hits, or one hit
// (or bare document) per line as elasticdump and Kibana write them. ECS keeps some fields as lists
// or objects where our vocabulary keeps one value (docs/data-model.md); those are folded here.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { importError, jsonErrorMessage } from './diagnostic.ts';
import { elementRowIds, ensureEventId, LargeEventIds, rowId } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { nestsDeeperThan, MAX_NESTING } from '../event/flatten.ts';
import { describe, FieldProblems, flattenEvent, isEventObject, wrappedListKey } from './flatten.ts';
import { listElementOffsets, parseJsonText, placesOf, topLevelKeyListOffset } from './json-offsets.ts';

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

/**
 * ECS gives `event.category` as a list (`["network","web"]`). One item is its value; several stay a
 * list, as a plain NDJSON line keeps them (the event meets the rules of each category it lists),
 * the one our vocabulary knows first, so a reader of one category reads that one.
 */
function foldCategory(value: EventValue | undefined): EventValue | undefined {
  if (!Array.isArray(value)) return value;
  if (value.length <= 1) return value[0] ?? null;
  const known = value.findIndex((c) => typeof c === 'string' && CATEGORIES.has(c));
  return known <= 0 ? value : [value[known]!, ...value.filter((_, i) => i !== known)];
}

/** ECS lists attachments as objects (`[{file:{name}}]`); our `email.attachments` is a list of names. */
function attachmentNames(source: Record<string, unknown>): Record<string, unknown> {
  const email = source.email;
  if (!isEventObject(email) || !Array.isArray(email.attachments)) return source;
  // An attachment nested too deep for its JSON text stays as it is: flattening drops it, and says so.
  const names = email.attachments.map((a) =>
    isEventObject(a) && isEventObject(a.file) && typeof a.file.name === 'string'
      ? a.file.name
      : nestsDeeperThan(a, MAX_NESTING)
        ? a
        : JSON.stringify(a),
  );
  return { ...source, email: { ...email, attachments: names } };
}

/**
 * A hit's `_source` as an event. `flatten` is the importer's (`FieldProblems.flatten` to hear of
 * fields given twice and values nested too deep, at the hit's line).
 */
export function ecsToEvent(
  source: Record<string, unknown>,
  hitId?: string,
  flatten: (object: Record<string, unknown>) => EngineEvent = flattenEvent,
): EngineEvent {
  const event = flatten(attachmentNames(source));
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

/** The keys of an Elastic hit: an object with any other key is an event that has such a field. */
const HIT_KEYS = new Set([
  '_index',
  '_id',
  '_score',
  '_type',
  '_routing',
  '_source',
  'fields',
  'sort',
  '_version',
  '_seq_no',
  '_primary_term',
  'highlight',
  'inner_hits',
  'matched_queries',
  '_ignored',
  '_explanation',
  '_shard',
  '_node',
  '_nested',
]);
/** The keys of a search response (an event with `hits.hits` and its own fields is an event). */
const RESPONSE_KEYS = new Set([
  'took',
  'timed_out',
  '_shards',
  'hits',
  'aggregations',
  '_scroll_id',
  'pit_id',
  'terminated_early',
  'num_reduce_phases',
  'profile',
  'suggest',
  'status',
  '_clusters',
]);

const onlyKeys = (value: Record<string, unknown>, keys: ReadonlySet<string>) =>
  Object.keys(value).every((key) => keys.has(key));

/**
 * Whether a value is an Elastic hit: a `_source` document, or `fields` (Kibana with `_source`
 * filtered), with nothing but hit metadata beside it.
 */
export function isElasticHit(value: unknown): value is Record<string, unknown> {
  if (!isEventObject(value) || !onlyKeys(value, HIT_KEYS)) return false;
  if (isEventObject(value._source)) return true;
  return isEventObject(value.fields) && ('_id' in value || '_index' in value);
}

/** Whether a list is one of Elastic hits (its first object is one), not of plain events. */
export function isHitList(list: readonly unknown[]): boolean {
  return isElasticHit(list.find(isEventObject));
}

/** Whether a value is a search response (`hits.hits[]`). */
export function isSearchResponse(
  value: unknown,
): value is Record<string, unknown> & { hits: { hits: unknown[] } } {
  const is =
    isEventObject(value) &&
    onlyKeys(value, RESPONSE_KEYS) &&
    isEventObject(value.hits) &&
    Array.isArray(value.hits.hits);
  // Its hits remember the response, so `eventsFromHits` can tell when they are not all of it.
  if (is) RESPONSES.set((value.hits as { hits: unknown[] }).hits, value);
  return is;
}

/** The search response each `hits.hits` list recognised by `isSearchResponse` came from. */
const RESPONSES = new WeakMap<readonly unknown[], Record<string, unknown>>();

/** How complete a search response (or a scroll dump's pages, added up) is. */
interface Completeness {
  held: number;
  total?: number;
  atLeast: boolean;
  timedOut: boolean;
  failedShards: number;
  shards?: number;
}

function completenessOf(response: Record<string, unknown>): Completeness {
  const hits = response.hits as { hits: unknown[]; total?: unknown };
  const total = hits.total;
  const value = typeof total === 'number' ? total : isEventObject(total) ? total.value : undefined;
  const shards = isEventObject(response._shards) ? response._shards : {};
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const known = count(value);
  return {
    held: hits.hits.length,
    ...(known === undefined ? {} : { total: known }),
    atLeast: isEventObject(total) && total.relation === 'gte',
    timedOut: response.timed_out === true,
    failedShards: count(shards.failed) ?? 0,
    ...(count(shards.total) === undefined ? {} : { shards: count(shards.total)! }),
  };
}

/**
 * A warning when a search response is not the whole result: it timed out, shards failed, or
 * `hits.total` counts more hits than it holds (one page: `_search` returns 10 by default).
 */
function partialWarning(c: Completeness, file: string): Diagnostic | undefined {
  const reasons: string[] = [];
  if (c.total !== undefined && c.total > c.held)
    reasons.push('hits.total counts more hits than the response holds: it is one page of the result');
  if (c.timedOut) reasons.push('the search timed out (timed_out: true)');
  if (c.failedShards > 0)
    reasons.push(`${c.failedShards}${c.shards === undefined ? '' : ` of ${c.shards}`} shards failed`);
  if (reasons.length === 0) return undefined;
  const of = c.total === undefined ? '' : ` of ${c.atLeast ? 'at least ' : ''}${c.total}`;
  return importError(
    file,
    1,
    `a partial Elastic search response: ${c.held}${of} hits (${reasons.join('; ')}): events outside it are not read`,
    {
      severity: 'warning',
      suggestion:
        'export every hit (scroll, search_after with a point in time, or elasticdump), and check the search completed on every shard',
    },
  );
}

/** A hit's `fields`: each value a list; one-item lists are the value. */
function unwrapFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return out;
}

function fromHit(value: unknown): { source: Record<string, unknown>; id?: string } | undefined {
  if (!isEventObject(value)) return undefined;
  const id = typeof value._id === 'string' ? value._id : undefined;
  const source = isEventObject(value._source)
    ? value._source
    : isElasticHit(value)
      ? unwrapFields(value.fields as Record<string, unknown>)
      : undefined;
  if (source) return id === undefined ? { source } : { source, id };
  // elasticdump and plain `_source` exports also come as bare documents.
  if ('_index' in value || '_id' in value) return undefined;
  return { source: value };
}

/**
 * The events of a list of hits. `listOffset` is where the list's `[` sits in `text`, and
 * `firstLine` the line `text` starts on (a line of a file of search responses). A hit without an id
 * gets `<file>:<line>`, or `<file>:<line>:<column>` when hits share a line.
 */
export function eventsFromHits(
  list: readonly unknown[],
  text: string,
  listOffset: number,
  file: string,
  path: string,
  firstLine = 1,
  largeIds = new LargeEventIds(file),
  // (The NDJSON reader checks every line's events itself: it passes null.)
  times: EventTimes | null = new EventTimes(file),
): EcsEventsResult {
  const offsets = listElementOffsets(text, listOffset);
  const located = offsets.length === list.length;
  const places = located
    ? placesOf(text, offsets, firstLine)
    : list.map(() => placesOf(text, [listOffset], firstLine)[0]!);
  const ids = elementRowIds(file, places);
  const result: EcsEventsResult = { events: [], errors: [] };
  const fields = new FieldProblems(file);
  list.forEach((item, index) => {
    const where = places[index]!;
    const hit = fromHit(item);
    if (!hit) {
      result.errors.push(
        importError(
          file,
          where.line,
          `${path}[${index}] is ${describeHit(item)} without a "_source" document`,
          {
            column: where.column,
            path: `${path}[${index}]`,
          },
        ),
      );
      return;
    }
    const own = located ? text.slice(offsets[index], offsets[index + 1] ?? text.length) : text;
    const large = largeIds.check(hit.source, own, where.line);
    if (large) result.errors.push(large);
    const flatten = locatedFlatten(fields, where.line, result.errors, own);
    const event = ensureEventId(ecsToEvent(hit.source, hit.id, flatten), ids[index]!);
    // Times as every importer reads them: epoch seconds, µs and ns, zone-less text as UTC.
    const problem = times?.check(event, where.line);
    if (problem) result.errors.push(problem);
    result.events.push(event);
  });
  const summary = fields.summary();
  if (summary) result.errors.push(summary);
  const timeSummary = times?.summary();
  if (timeSummary) result.errors.push(timeSummary);
  const response = RESPONSES.get(list);
  const partial = response && partialWarning(completenessOf(response), file);
  if (partial) result.errors.unshift(partial);
  return result;
}

/** What a value that is no hit is, with its article ("an object", "a string"). */
function describeHit(value: unknown): string {
  return isEventObject(value) ? 'an object' : describe(value);
}

/**
 * A flattener that reports its problems at `line` into `errors`; `text`, the JSON the object was
 * parsed from, gives back the digits of numbers past 2^53 − 1.
 */
function locatedFlatten(fields: FieldProblems, line: number, errors: Diagnostic[], text?: string) {
  return (object: Record<string, unknown>): EngineEvent => {
    const { event, warnings } = fields.flatten(object, line, text);
    for (const warning of warnings) errors.push(warning);
    return event;
  };
}

/** Offset of the `[` of a search response's `hits.hits`, or -1. */
export function hitsListOffset(text: string): number {
  const match = /"hits"\s*:\s*\{[\s\S]*?"hits"\s*:\s*\[/.exec(text);
  return match ? match.index + match[0].length - 1 : -1;
}

/** The note said when a document's events are read from the list under one key. */
export function wrappedListNote(key: string): string {
  return `read the events listed under "${key}"`;
}

/**
 * Whether a first line starts a one-document-per-line export: it holds a whole JSON object (a hit,
 * a bare document, a bulk action, or a whole search response: `curl` and `jq -c` write one on one
 * line, and a scroll dump writes one per line).
 */
function opensLineExport(firstLine: string): boolean {
  return isEventObject(tryParse(firstLine));
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
  if (isSearchResponse(value)) {
    return eventsFromHits(value.hits.hits, text, hitsListOffset(text), file, 'hits.hits');
  }
  if (isEventObject(value)) {
    const key = isElasticHit(value) ? undefined : wrappedListKey(value);
    if (key !== undefined) {
      const list = value[key] as unknown[];
      const result = eventsFromHits(list, text, topLevelKeyListOffset(text, key), file, key);
      result.errors.unshift(importError(file, 1, wrappedListNote(key), { severity: 'warning' }));
      return result;
    }
    const hit = fromHit(value);
    if (hit) {
      const errors: Diagnostic[] = [];
      const large = new LargeEventIds(file).check(hit.source, text, 1);
      if (large) errors.push(large);
      const flatten = locatedFlatten(new FieldProblems(file), 1, errors, text);
      const event = ensureEventId(ecsToEvent(hit.source, hit.id, flatten), rowId(file, 1));
      const problem = new EventTimes(file).check(event, 1);
      if (problem) errors.push(problem);
      return { events: [event], errors };
    }
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

/** The actions of Elastic's `_bulk` format: an action line, then (but for `delete`) its document. */
const BULK_ACTIONS = new Set(['index', 'create', 'update', 'delete']);
/** What an action line's object may hold besides `_index`, `_id` and other `_` names. */
const BULK_PARAMETERS = new Set([
  'routing',
  'pipeline',
  'require_alias',
  'version',
  'version_type',
  'if_seq_no',
  'if_primary_term',
  'retry_on_conflict',
  'dynamic_templates',
]);

/** `{"index": {"_index": "logs", "_id": "b1"}}` → `index`; anything else → undefined. */
export function bulkActionOf(value: Record<string, unknown>): string | undefined {
  let action: string | undefined;
  for (const key in value) {
    if (action !== undefined || !BULK_ACTIONS.has(key)) return undefined;
    action = key;
  }
  if (action === undefined) return undefined;
  const meta = value[action];
  if (!isEventObject(meta)) return undefined;
  for (const key in meta) if (!key.startsWith('_') && !BULK_PARAMETERS.has(key)) return undefined;
  return action;
}

/** The keys of a line of Splunk's JSON export (`{"preview":false,"offset":0,"result":{…}}`). */
const SPLUNK_LINE_KEYS = new Set(['preview', 'offset', 'lastrow', 'result', 'messages', 'init_offset']);

/** A Splunk JSON export line's `result` (the event), or undefined. */
function splunkResult(value: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!isEventObject(value.result) || !('preview' in value || 'offset' in value || 'lastrow' in value))
    return undefined;
  return onlyKeys(value, SPLUNK_LINE_KEYS) ? value.result : undefined;
}

/** The keys of an object of a Kibana saved-objects export (and of its closing summary line). */
const SAVED_OBJECT_KEYS = new Set([
  'id',
  'type',
  'attributes',
  'references',
  'migrationVersion',
  'coreMigrationVersion',
  'typeMigrationVersion',
  'managed',
  'namespaces',
  'originId',
  'updated_at',
  'created_at',
  'updated_by',
  'created_by',
  'version',
  'sort',
]);
const EXPORT_SUMMARY_KEYS = new Set([
  'exportedCount',
  'missingRefCount',
  'missingReferences',
  'excludedObjects',
  'excludedObjectsCount',
]);

/**
 * A Kibana saved object (an index pattern, a search, a dashboard…): its type; `''` for the export's
 * closing summary line; undefined for anything else.
 */
function kibanaSavedObject(value: Record<string, unknown>): string | undefined {
  if ('exportedCount' in value && onlyKeys(value, EXPORT_SUMMARY_KEYS)) return '';
  if (typeof value.type !== 'string' || !isEventObject(value.attributes)) return undefined;
  if (
    !Array.isArray(value.references) &&
    !('migrationVersion' in value) &&
    !('coreMigrationVersion' in value)
  )
    return undefined;
  return onlyKeys(value, SAVED_OBJECT_KEYS) ? value.type : undefined;
}

/** What one line of a one-document-per-line file is, as far as Elastic's formats go. */
export type ElasticLine =
  /** A search response (its hits) or a hit: events already made. */
  | { kind: 'events'; events: EngineEvent[]; errors: Diagnostic[] }
  /** A bulk action line, a `delete`, or an `update` that cannot be replayed. */
  | { kind: 'skip'; errors: Diagnostic[] }
  /** A plain document: the caller makes the event (`id`: a bulk action's `_id`, for want of its own). */
  | { kind: 'document'; document: Record<string, unknown>; id?: string; bulk: boolean; errors: Diagnostic[] };

/**
 * Reads the Elastic shapes a file of one JSON object per line may hold: a search response per line
 * (a scroll dump), one hit per line (elasticdump), and `_bulk` bodies (an action line, then the
 * document for `index`/`create`, `{"doc": …}` for `update`, nothing for `delete`). Keeps the bulk
 * action awaiting its document from one line to the next.
 */
export class ElasticLines {
  private pending: { action: string; id?: string; line: number } | undefined;
  private deletes = 0;
  private readonly fields: FieldProblems;
  private readonly largeIds: LargeEventIds;
  /** Whether a Splunk export line was read (said once). */
  private splunk = false;
  /** Kibana saved objects skipped, by type: said at the end. */
  private readonly savedObjects = new Map<string, number>();
  /** The search responses of a scroll dump (one per line), added up: warned about at the end. */
  private pages: Completeness | undefined;

  constructor(private readonly file: string) {
    this.fields = new FieldProblems(file);
    this.largeIds = new LargeEventIds(file);
  }

  /** A document of line `line` about to become an event: a numeric event.id past 2^53 − 1 checked. */
  private checkIds(document: Record<string, unknown>, lineText: string, line: number, errors: Diagnostic[]) {
    const large = this.largeIds.check(document, lineText, line);
    if (large) errors.push(large);
  }

  /** A hit of line `line` (whose JSON is `lineText`) as an event, its flattening problems added to `errors`. */
  toEvent(
    hit: { source: Record<string, unknown>; id?: string },
    line: number,
    errors: Diagnostic[],
    lineText?: string,
  ) {
    const flatten = locatedFlatten(this.fields, line, errors, lineText);
    return ensureEventId(ecsToEvent(hit.source, hit.id, flatten), rowId(this.file, line));
  }

  read(value: Record<string, unknown>, lineText: string, lineNumber: number): ElasticLine {
    const errors: Diagnostic[] = [];
    const { file } = this;
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      if (pending.action !== 'update') {
        this.checkIds(value, lineText, lineNumber, errors);
        return this.document(value, pending.id, errors);
      }
      const doc = isEventObject(value.doc)
        ? value.doc
        : isEventObject(value.upsert)
          ? value.upsert
          : undefined;
      if (doc) {
        this.checkIds(doc, lineText, lineNumber, errors);
        return this.document(doc, pending.id, errors);
      }
      errors.push(
        importError(
          file,
          lineNumber,
          `the update of line ${pending.line} has no "doc" (a scripted update cannot be replayed); skipped`,
        ),
      );
      return { kind: 'skip', errors };
    }
    const result = splunkResult(value);
    if (result) {
      if (!this.splunk) {
        this.splunk = true;
        errors.push(
          importError(file, lineNumber, 'read each line\'s "result" (a Splunk JSON export) as its event', {
            severity: 'warning',
          }),
        );
      }
      this.checkIds(result, lineText, lineNumber, errors);
      return { kind: 'document', document: result, bulk: false, errors };
    }
    const saved = kibanaSavedObject(value);
    if (saved !== undefined) {
      if (saved !== '') this.savedObjects.set(saved, (this.savedObjects.get(saved) ?? 0) + 1);
      return { kind: 'skip', errors };
    }
    const action = bulkActionOf(value);
    if (action !== undefined) {
      const meta = value[action] as Record<string, unknown>;
      const id = typeof meta._id === 'string' || typeof meta._id === 'number' ? String(meta._id) : undefined;
      if (action === 'delete') this.deletes++;
      else this.pending = id === undefined ? { action, line: lineNumber } : { action, id, line: lineNumber };
      return { kind: 'skip', errors };
    }
    if (isSearchResponse(value)) {
      // A scroll dump's pages are each partial; only all of them together may be the whole.
      RESPONSES.delete(value.hits.hits);
      this.addPage(completenessOf(value));
      const result = eventsFromHits(
        value.hits.hits,
        lineText,
        hitsListOffset(lineText),
        file,
        'hits.hits',
        lineNumber,
        this.largeIds,
        null,
      );
      return { kind: 'events', ...result };
    }
    if (isElasticHit(value)) {
      const hit = fromHit(value)!;
      this.checkIds(hit.source, lineText, lineNumber, errors);
      return {
        kind: 'events',
        events: [this.toEvent(hit, lineNumber, errors, lineText)],
        errors,
      };
    }
    this.checkIds(value, lineText, lineNumber, errors);
    return { kind: 'document', document: value, bulk: false, errors };
  }

  private document(
    document: Record<string, unknown>,
    id: string | undefined,
    errors: Diagnostic[],
  ): ElasticLine {
    return id === undefined
      ? { kind: 'document', document, bulk: true, errors }
      : { kind: 'document', document, id, bulk: true, errors };
  }

  private addPage(page: Completeness): void {
    const sum = this.pages;
    if (!sum) {
      this.pages = page;
      return;
    }
    sum.held += page.held;
    if (page.total !== undefined) sum.total = Math.max(sum.total ?? 0, page.total);
    sum.atLeast ||= page.atLeast;
    sum.timedOut ||= page.timedOut;
    sum.failedShards = Math.max(sum.failedShards, page.failedShards);
    if (page.shards !== undefined) sum.shards = Math.max(sum.shards ?? 0, page.shards);
  }

  /** The end of the file: a bulk action still awaiting its document, and the deletes ignored. */
  finish(): Diagnostic[] {
    const errors: Diagnostic[] = [];
    const partial = this.pages && partialWarning(this.pages, this.file);
    if (partial) errors.push(partial);
    this.pages = undefined;
    if (this.savedObjects.size > 0) {
      const count = [...this.savedObjects.values()].reduce((a, b) => a + b, 0);
      const types = [...this.savedObjects.keys()].join(', ');
      errors.push(
        importError(
          this.file,
          1,
          `a Kibana saved-objects export (${count} object${count > 1 ? 's' : ''}: ${types}), not a log: its objects are not events and were skipped`,
          {
            suggestion:
              'export the events themselves (Discover → Share → CSV, or a _search / elasticdump of the index)',
          },
        ),
      );
      this.savedObjects.clear();
    }
    const fieldSummary = this.fields.summary();
    if (fieldSummary) errors.push(fieldSummary);
    if (this.pending) {
      errors.push(
        importError(
          this.file,
          this.pending.line,
          `the ${this.pending.action} action of line ${this.pending.line} has no document after it`,
        ),
      );
      this.pending = undefined;
    }
    if (this.deletes > 0) {
      errors.push(
        importError(
          this.file,
          1,
          `${this.deletes} bulk delete action${this.deletes > 1 ? 's' : ''} ignored (they carry no event)`,
          { severity: 'warning' },
        ),
      );
      this.deletes = 0;
    }
    return errors;
  }
}

function parseEcsLines(text: string, file: string): EcsEventsResult {
  const result: EcsEventsResult = { events: [], errors: [] };
  const elastic = new ElasticLines(file);
  text.split('\n').forEach((raw, index) => readEcsLine(raw, index + 1, file, elastic, result));
  for (const error of elastic.finish()) result.errors.push(error);
  return result;
}

/** One line of a one-hit-per-line export: its events, or an error naming the line. */
function readEcsLine(
  raw: string,
  lineNumber: number,
  file: string,
  elastic: ElasticLines,
  result: EcsEventsResult,
): void {
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
  const read = isEventObject(value) ? elastic.read(value, line, lineNumber) : undefined;
  for (const error of read?.errors ?? []) result.errors.push(error);
  if (read?.kind === 'skip') return;
  if (read?.kind === 'events') {
    for (const event of read.events) result.events.push(event);
    return;
  }
  const hit = read?.bulk ? { source: read.document, id: read.id } : fromHit(value);
  if (!hit) {
    result.errors.push(
      importError(
        file,
        lineNumber,
        `line ${lineNumber} is ${describeHit(value)} without a "_source" document`,
      ),
    );
    return;
  }
  result.events.push(elastic.toEvent(hit, lineNumber, result.errors, line));
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

  private readonly elastic: ElasticLines;

  constructor(private readonly file: string) {
    this.elastic = new ElasticLines(file);
  }

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
    const last = this.lines(rest);
    for (const error of this.elastic.finish()) last.errors.push(error);
    return last;
  }

  private lines(block: string): EcsEventsResult {
    const result: EcsEventsResult = { events: [], errors: [] };
    for (const raw of block.split('\n')) readEcsLine(raw, ++this.lineNumber, this.file, this.elastic, result);
    return result;
  }
}
