// Columnar encoding of a segment of events: the unit stored in IndexedDB and read by the evaluation
// workers. Pure (no Dexie, no DOM) so workers, Node benchmarks and tests share it.
//
// Why columnar: one IndexedDB row per event costs a structured clone and a B-tree insert per event
// (200k events ≈ 14 s in Chromium); a segment is one row of a few ArrayBuffers and small string
// dictionaries, which IndexedDB clones at memory speed. Repeated strings (user names, categories,
// actions, hosts) become small integer codes; times and sizes become typed arrays; long text
// (`content`) becomes one UTF-8 buffer with offsets.
import type { EngineEvent, EventValue } from '../engine/types.ts';

/** How one field is stored. Index 0 of every coded column means "field absent on this event". */
export type EncodedColumn =
  /** Strings from a small vocabulary: codes into `dictionary` (code - 1). */
  | { field: string; kind: 'dictionary'; codes: ArrayBuffer; codeBytes: 1 | 2 | 4; dictionary: string[] }
  /** Any values (booleans, lists, null, mixed types): codes into JSON texts of the distinct values. */
  | { field: string; kind: 'json-dictionary'; codes: ArrayBuffer; codeBytes: 1 | 2 | 4; dictionary: string[] }
  /** Finite numbers; NaN marks an absent value. */
  | { field: string; kind: 'number'; values: ArrayBuffer }
  /** ISO 8601 instants that round-trip exactly through epoch milliseconds; NaN marks absence. */
  | { field: string; kind: 'time'; values: ArrayBuffer; format: TimeFormat }
  /**
   * Long, mostly distinct strings: one UTF-8 buffer; `offsets` are UTF-16 positions in the decoded
   * text (count + 1 of them), `present` one byte per event.
   */
  | { field: string; kind: 'text'; bytes: ArrayBuffer; offsets: ArrayBuffer; present: ArrayBuffer }
  /** Values nothing else can hold exactly (non-finite numbers): kept as a plain array. */
  | { field: string; kind: 'raw'; values: (EventValue | undefined)[] };

/** `seconds`: `2026-03-02T09:14:05Z`; `milliseconds`: `Date.prototype.toISOString` output. */
export type TimeFormat = 'seconds' | 'milliseconds';

/** What the store keeps next to a segment so a run can skip it without reading it. */
export interface SegmentSummary {
  count: number;
  /** Epoch milliseconds of the first and last `@timestamp` (NaN when no event has one). */
  start: number;
  end: number;
  users: string[];
  categories: string[];
  /** Bytes of the encoded columns, for storage estimates. */
  bytes: number;
}

/** The columns of a segment: what decoding needs (stored rows carry more). */
export interface SegmentColumns {
  count: number;
  columns: EncodedColumn[];
}

export interface EncodedSegment extends SegmentColumns {
  summary: SegmentSummary;
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const ISO_MILLISECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** Below this many distinct values per event a string field pays as a dictionary. */
const TEXT_MIN_AVERAGE_LENGTH = 48;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeSegment(events: readonly EngineEvent[]): EncodedSegment {
  const fields = fieldsInOrder(events);
  const columns = fields.map((field) => encodeColumn(field, events));
  return { count: events.length, columns, summary: summarise(events, columns) };
}

function fieldsInOrder(events: readonly EngineEvent[]): string[] {
  const seen = new Set<string>();
  for (const event of events) for (const key in event) seen.add(key);
  return [...seen];
}

function encodeColumn(field: string, events: readonly EngineEvent[]): EncodedColumn {
  let strings = 0;
  let numbers = 0;
  let others = 0;
  let nonFinite = false;
  let textLength = 0;
  for (const event of events) {
    const value = event[field];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      strings++;
      textLength += value.length;
    } else if (typeof value === 'number') {
      numbers++;
      // JSON (the json-dictionary) cannot carry these: NaN, ±Infinity, and -0 (which it writes as 0).
      if (!Number.isFinite(value) || Object.is(value, -0)) nonFinite = true;
    } else others++;
  }
  if (nonFinite) return { field, kind: 'raw', values: events.map((e) => e[field]) };
  if (numbers > 0 && strings === 0 && others === 0) return encodeNumbers(field, events);
  if (strings > 0 && numbers === 0 && others === 0) {
    const time = encodeTimes(field, events);
    if (time) return time;
    if (textLength / strings >= TEXT_MIN_AVERAGE_LENGTH) return encodeText(field, events);
    return encodeDictionary(field, events, 'dictionary');
  }
  return encodeDictionary(field, events, 'json-dictionary');
}

function encodeNumbers(field: string, events: readonly EngineEvent[]): EncodedColumn {
  const values = new Float64Array(events.length);
  events.forEach((event, i) => {
    const value = event[field];
    values[i] = typeof value === 'number' ? value : NaN;
  });
  return { field, kind: 'number', values: values.buffer };
}

function encodeTimes(field: string, events: readonly EngineEvent[]): EncodedColumn | null {
  const first = events.find((e) => typeof e[field] === 'string')?.[field] as string;
  const format: TimeFormat | null = ISO_SECONDS.test(first)
    ? 'seconds'
    : ISO_MILLISECONDS.test(first)
      ? 'milliseconds'
      : null;
  if (format === null) return null;
  const values = new Float64Array(events.length);
  const days = new Map<string, number>();
  const pattern = format === 'seconds' ? ISO_SECONDS : ISO_MILLISECONDS;
  for (let i = 0; i < events.length; i++) {
    const value = events[i]![field];
    if (value === undefined) {
      values[i] = NaN;
      continue;
    }
    if (typeof value !== 'string' || !pattern.test(value)) return null;
    const ms = instantOf(value, days);
    // Only exact round trips qualify; anything else keeps its original text in a dictionary.
    if (Number.isNaN(ms)) return null;
    values[i] = ms;
  }
  return { field, kind: 'time', values: values.buffer, format };
}

/**
 * Epoch milliseconds of an ISO instant already matched by ISO_SECONDS/ISO_MILLISECONDS, NaN when it
 * would not print back the same (Feb 30, hour 24). The calendar day is checked once per distinct
 * day (a segment holds few), the clock by arithmetic: Date.parse per event was the codec's hot spot.
 */
function instantOf(value: string, days: Map<string, number>): number {
  const day = value.slice(0, 10);
  let dayMs = days.get(day);
  if (dayMs === undefined) {
    dayMs = Date.parse(`${day}T00:00:00Z`);
    if (!Number.isFinite(dayMs) || new Date(dayMs).toISOString().slice(0, 10) !== day) dayMs = NaN;
    days.set(day, dayMs);
  }
  const hours = digits(value, 11);
  const minutes = digits(value, 14);
  const seconds = digits(value, 17);
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  const millis = value.length === 24 ? digits(value, 20) * 10 + value.charCodeAt(22) - 48 : 0;
  return dayMs + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis;
}

function digits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

function formatTime(ms: number, format: TimeFormat): string {
  const iso = new Date(ms).toISOString();
  return format === 'milliseconds' ? iso : `${iso.slice(0, 19)}Z`;
}

function encodeText(field: string, events: readonly EngineEvent[]): EncodedColumn {
  const offsets = new Uint32Array(events.length + 1);
  const present = new Uint8Array(events.length);
  const parts: string[] = [];
  let position = 0;
  events.forEach((event, i) => {
    const value = event[field];
    offsets[i] = position;
    if (typeof value === 'string') {
      present[i] = 1;
      parts.push(value);
      position += value.length;
    }
  });
  offsets[events.length] = position;
  const bytes = encoder.encode(parts.join(''));
  return {
    field,
    kind: 'text',
    bytes: bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer,
    offsets: offsets.buffer,
    present: present.buffer,
  };
}

function encodeDictionary(
  field: string,
  events: readonly EngineEvent[],
  kind: 'dictionary' | 'json-dictionary',
): EncodedColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const raw = new Uint32Array(events.length);
  events.forEach((event, i) => {
    const value = event[field];
    if (value === undefined) return;
    const key = kind === 'dictionary' ? (value as string) : JSON.stringify(value);
    let code = index.get(key);
    if (code === undefined) {
      dictionary.push(key);
      code = dictionary.length;
      index.set(key, code);
    }
    raw[i] = code;
  });
  const codeBytes = dictionary.length < 0xff ? 1 : dictionary.length < 0xffff ? 2 : 4;
  const codes = codeBytes === 1 ? Uint8Array.from(raw) : codeBytes === 2 ? Uint16Array.from(raw) : raw;
  return { field, kind, codes: codes.buffer as ArrayBuffer, codeBytes, dictionary };
}

function summarise(events: readonly EngineEvent[], columns: EncodedColumn[]): SegmentSummary {
  let start = NaN;
  let end = NaN;
  const users = new Set<string>();
  const categories = new Set<string>();
  for (const event of events) {
    const ms = timeOf(event);
    if (!Number.isNaN(ms)) {
      if (!(ms >= start)) start = ms;
      if (!(ms <= end)) end = ms;
    }
    const user = event['user.name'];
    if (typeof user === 'string') users.add(user);
    const category = event['event.category'];
    if (typeof category === 'string') categories.add(category);
  }
  return {
    count: events.length,
    start,
    end,
    users: [...users].sort(),
    categories: [...categories].sort(),
    bytes: columns.reduce((sum, column) => sum + columnBytes(column), 0),
  };
}

function timeOf(event: EngineEvent): number {
  const value = event['@timestamp'];
  return typeof value === 'string' ? Date.parse(value) : typeof value === 'number' ? value : NaN;
}

function columnBytes(column: EncodedColumn): number {
  switch (column.kind) {
    case 'dictionary':
    case 'json-dictionary':
      return column.codes.byteLength + column.dictionary.reduce((sum, s) => sum + s.length * 2, 0);
    case 'number':
    case 'time':
      return column.values.byteLength;
    case 'text':
      return column.bytes.byteLength + column.offsets.byteLength + column.present.byteLength;
    case 'raw':
      return column.values.length * 8;
  }
}

/** Read access to one column without building event objects (for scans that need few fields). */
export interface ColumnReader {
  field: string;
  /** The value of this field on event `i`, or undefined when the event lacks it. */
  get(i: number): EventValue | undefined;
}

export function columnReader(column: EncodedColumn): ColumnReader {
  const { field } = column;
  switch (column.kind) {
    case 'dictionary': {
      const codes = codesView(column.codes, column.codeBytes);
      const dictionary = column.dictionary;
      return { field, get: (i) => (codes[i] ? dictionary[codes[i]! - 1] : undefined) };
    }
    case 'json-dictionary': {
      const codes = codesView(column.codes, column.codeBytes);
      const values = column.dictionary.map((text) => JSON.parse(text) as EventValue);
      return { field, get: (i) => (codes[i] ? values[codes[i]! - 1] : undefined) };
    }
    case 'number': {
      const values = new Float64Array(column.values);
      return { field, get: (i) => (Number.isNaN(values[i]) ? undefined : values[i]) };
    }
    case 'time': {
      const values = new Float64Array(column.values);
      const format = column.format;
      return {
        field,
        get: (i) => (Number.isNaN(values[i]) ? undefined : formatTime(values[i]!, format)),
      };
    }
    case 'text': {
      const text = decoder.decode(column.bytes);
      const offsets = new Uint32Array(column.offsets);
      const present = new Uint8Array(column.present);
      return { field, get: (i) => (present[i] ? text.slice(offsets[i], offsets[i + 1]) : undefined) };
    }
    case 'raw': {
      const values = column.values;
      return { field, get: (i) => values[i] };
    }
  }
}

function codesView(buffer: ArrayBuffer, codeBytes: 1 | 2 | 4): ArrayLike<number> {
  return codeBytes === 1
    ? new Uint8Array(buffer)
    : codeBytes === 2
      ? new Uint16Array(buffer)
      : new Uint32Array(buffer);
}

/** A lazy view of a segment: columns decode when first asked for. */
export interface SegmentReader {
  count: number;
  fields: string[];
  column(field: string): ColumnReader | undefined;
}

export function segmentReader(segment: SegmentColumns): SegmentReader {
  const readers = new Map<string, ColumnReader>();
  const byField = new Map(segment.columns.map((c) => [c.field, c]));
  return {
    count: segment.count,
    fields: [...byField.keys()],
    column(field) {
      let reader = readers.get(field);
      if (!reader) {
        const column = byField.get(field);
        if (!column) return undefined;
        reader = columnReader(column);
        readers.set(field, reader);
      }
      return reader;
    },
  };
}

/** Materialises the events of a segment (what the engine's `evaluateShard` takes). */
export function decodeSegment(segment: SegmentColumns): EngineEvent[] {
  const events: EngineEvent[] = new Array(segment.count);
  for (let i = 0; i < segment.count; i++) events[i] = {};
  for (const column of segment.columns) {
    const reader = columnReader(column);
    const field = column.field;
    for (let i = 0; i < segment.count; i++) {
      const value = reader.get(i);
      if (value !== undefined) events[i]![field] = value;
    }
  }
  return events;
}
