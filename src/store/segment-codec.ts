// Columnar encoding of a segment of events: the unit stored in IndexedDB and read by the evaluation
// workers. Pure (no Dexie, no DOM) so workers, Node benchmarks and tests share it.
//
// Why columnar: one IndexedDB row per event costs a structured clone and a B-tree insert per event
// (200k events ≈ 14 s in Chromium); a segment is one row of a few ArrayBuffers and small string
// dictionaries, which IndexedDB clones at memory speed. Repeated strings (user names, categories,
// actions, hosts) become small integer codes; times and sizes become typed arrays; long text
// (`content`) stays each event's own string (see the `strings` column).
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
   * Long, mostly distinct strings (`content`): each event's own string, null where absent. Stored as
   * strings, IndexedDB hands them back by copying their characters, and a text of only Latin-1
   * characters stays one byte per character for the scanner. (Written since run K; see `text`.)
   */
  | { field: string; kind: 'strings'; values: (string | null)[] }
  /**
   * The earlier layout of long strings, still read (segments already in users' browsers), no longer
   * written: one UTF-8 buffer; `offsets` are UTF-16 positions in the decoded text (count + 1 of
   * them), `present` one byte per event. Decoding it was a tenth of a pool worker's time in
   * Chromium, and one character outside ASCII made the whole segment's text two bytes a character.
   */
  | { field: string; kind: 'text'; bytes: ArrayBuffer; offsets: ArrayBuffer; present: ArrayBuffer }
  /** Values nothing else can hold exactly (non-finite numbers): kept as a plain array. */
  | { field: string; kind: 'raw'; values: (EventValue | undefined)[] }
  /**
   * `number` of a field most events lack (a size, a page count, an amount): the present values
   * only, with their rows (`rowBytes` each, ascending). Written since run Q.
   */
  | { field: string; kind: 'sparse-number'; rows: ArrayBuffer; rowBytes: 2 | 4; values: ArrayBuffer }
  /**
   * `strings` of a field most events lack: the present strings only, with their rows. A stored
   * array of 5,000 mostly null slots cost IndexedDB's deserialiser as much per null as per string
   * (measured: `database.statement` 50 ms per 1M events, sparse 8). Written since run Q.
   */
  | { field: string; kind: 'sparse-strings'; rows: ArrayBuffer; rowBytes: 2 | 4; values: string[] }
  /**
   * Short strings nearly all distinct (event ids): one text of them all, each event's value ending
   * at `ends[i]` (Uint32, UTF-16 units) and starting where the one before ends; `absent` (one byte
   * per event, 1 = no value) only when some event lacks one. A dictionary of 5,000 distinct ids
   * was 5,000 strings for IndexedDB to deserialise (47 ms per 1M events in Node, packed 7).
   * Written since run Q.
   */
  | { field: string; kind: 'packed-strings'; text: string; ends: ArrayBuffer; absent?: ArrayBuffer };

/** The layouts every event has a slot in: what the sparse ones expand to when read (`denseColumn`). */
export type DenseColumn = Exclude<EncodedColumn, { kind: 'sparse-number' | 'sparse-strings' }>;

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
/** A number or long-string column is stored sparse when at most this share of events hold it. */
const SPARSE_MAX_SHARE = 0.4;
/** A string column whose distinct values are at least this share of its values is packed. */
const PACKED_MIN_DISTINCT_SHARE = 0.9;
/** Below this many values a dictionary costs too little to be worth packing. */
const PACKED_MIN_VALUES = 64;

const decoder = new TextDecoder();

/**
 * One pass over the events, each visiting only its own keys, gathers every field's present values;
 * each column is then built from its own values. Reading every field of every event (`event[field]`
 * for each of ~50 fields on events that hold ~12) was most of the encoding time.
 */
export function encodeSegment(events: readonly EngineEvent[]): EncodedSegment {
  const gathered = gatherFields(events);
  const count = events.length;
  const columns = gathered.map((values) => encodeColumn(values, count));
  return { count, columns, summary: summarise(events, gathered, columns) };
}

/** The present values of one field, with the positions of the events that hold them. */
interface FieldValues {
  field: string;
  rows: number[];
  values: EventValue[];
}

/** Fields in the order they are first seen, each with its values in event order. */
function gatherFields(events: readonly EngineEvent[]): FieldValues[] {
  const byField = new Map<string, FieldValues>();
  const fields: FieldValues[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    for (const field in event) {
      let gathered = byField.get(field);
      if (gathered === undefined) {
        gathered = { field, rows: [], values: [] };
        byField.set(field, gathered);
        fields.push(gathered);
      }
      const value = event[field];
      if (value === undefined) continue;
      gathered.rows.push(i);
      gathered.values.push(value);
    }
  }
  return fields;
}

function encodeColumn(gathered: FieldValues, count: number): EncodedColumn {
  const { values } = gathered;
  let strings = 0;
  let numbers = 0;
  let textLength = 0;
  let nonFinite = false;
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (typeof value === 'string') {
      strings++;
      textLength += value.length;
    } else if (typeof value === 'number') {
      numbers++;
      // JSON (the json-dictionary) cannot carry these: NaN, ±Infinity, and -0 (which it writes as 0).
      if (!Number.isFinite(value) || Object.is(value, -0)) nonFinite = true;
    }
  }
  if (nonFinite) return encodeRaw(gathered, count);
  if (numbers > 0 && numbers === values.length) return encodeNumbers(gathered, count);
  if (strings > 0 && strings === values.length) {
    const time = encodeTimes(gathered, count);
    if (time) return time;
    if (textLength / strings >= TEXT_MIN_AVERAGE_LENGTH) return encodeStrings(gathered, count);
    const column = encodeDictionary(gathered, count, 'dictionary');
    // (Told by the dictionary itself: counting distinct values first would cost every column a pass.)
    return 'dictionary' in column && isMostlyDistinct(column.dictionary.length, strings)
      ? packStrings(gathered, count)
      : column;
  }
  return encodeDictionary(gathered, count, 'json-dictionary');
}

function encodeRaw({ field, rows, values }: FieldValues, count: number): EncodedColumn {
  const all: (EventValue | undefined)[] = new Array<EventValue | undefined>(count).fill(undefined);
  for (let k = 0; k < rows.length; k++) all[rows[k]!] = values[k];
  return { field, kind: 'raw', values: all };
}

/** The rows of a sparse column, 2 bytes each where the segment allows. */
function rowsBuffer(rows: readonly number[], count: number): { rows: ArrayBuffer; rowBytes: 2 | 4 } {
  const rowBytes = count <= 0x10000 ? 2 : 4;
  const view = rowBytes === 2 ? new Uint16Array(rows.length) : new Uint32Array(rows.length);
  for (let k = 0; k < rows.length; k++) view[k] = rows[k]!;
  return { rows: view.buffer as ArrayBuffer, rowBytes };
}

function isSparse(present: number, count: number): boolean {
  return present <= count * SPARSE_MAX_SHARE;
}

function encodeNumbers({ field, rows, values }: FieldValues, count: number): EncodedColumn {
  if (isSparse(rows.length, count))
    return {
      field,
      kind: 'sparse-number',
      ...rowsBuffer(rows, count),
      values: Float64Array.from(values as number[]).buffer,
    };
  const column = new Float64Array(count).fill(NaN);
  for (let k = 0; k < rows.length; k++) column[rows[k]!] = values[k] as number;
  return { field, kind: 'number', values: column.buffer };
}

function encodeTimes({ field, rows, values }: FieldValues, count: number): EncodedColumn | null {
  const first = values[0] as string;
  const format: TimeFormat | null = ISO_SECONDS.test(first)
    ? 'seconds'
    : ISO_MILLISECONDS.test(first)
      ? 'milliseconds'
      : null;
  if (format === null) return null;
  const column = new Float64Array(count).fill(NaN);
  const days = new Map<string, number>();
  const pattern = format === 'seconds' ? ISO_SECONDS : ISO_MILLISECONDS;
  for (let k = 0; k < rows.length; k++) {
    const value = values[k] as string;
    if (!pattern.test(value)) return null;
    const ms = instantOf(value, days);
    // Only exact round trips qualify; anything else keeps its original text in a dictionary.
    if (Number.isNaN(ms)) return null;
    column[rows[k]!] = ms;
  }
  return { field, kind: 'time', values: column.buffer, format };
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

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/**
 * `formatTime` for a whole column: the date part is formatted once per distinct day, the clock by
 * arithmetic (a `Date` and `toISOString` per event was most of the decoding time).
 */
function timeFormatter(format: TimeFormat): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 11);
      days.set(day, date);
    }
    // Years outside 0000–9999 print differently; stored instants are whole milliseconds.
    if (date.length !== 11 || date[10] !== 'T' || !Number.isInteger(ms)) return formatTime(ms, format);
    const clock = ms - day * DAY_MS;
    const seconds = Math.floor(clock / 1000);
    const text = `${date}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
    if (format === 'seconds') return `${text}Z`;
    const millis = clock % 1000;
    return `${text}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  };
}

function encodeStrings({ field, rows, values }: FieldValues, count: number): EncodedColumn {
  if (isSparse(rows.length, count))
    return { field, kind: 'sparse-strings', ...rowsBuffer(rows, count), values: values as string[] };
  const column = new Array<string | null>(count).fill(null);
  for (let k = 0; k < rows.length; k++) column[rows[k]!] = values[k] as string;
  return { field, kind: 'strings', values: column };
}

function isMostlyDistinct(distinct: number, values: number): boolean {
  return values >= PACKED_MIN_VALUES && distinct >= values * PACKED_MIN_DISTINCT_SHARE;
}

/** `packed-strings` of a column of short strings nearly all distinct (`isMostlyDistinct`). */
function packStrings({ field, rows, values }: FieldValues, count: number): EncodedColumn {
  const ends = new Uint32Array(count);
  const absent = rows.length < count ? new Uint8Array(count).fill(1) : undefined;
  const parts: string[] = [];
  let length = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (k < rows.length && rows[k] === i) {
      const value = values[k++] as string;
      parts.push(value);
      length += value.length;
      if (absent) absent[i] = 0;
    }
    ends[i] = length;
  }
  return {
    field,
    kind: 'packed-strings',
    text: parts.join(''),
    ends: ends.buffer,
    ...(absent && { absent: absent.buffer }),
  };
}

function encodeDictionary(
  { field, rows, values }: FieldValues,
  count: number,
  kind: 'dictionary' | 'json-dictionary',
): EncodedColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const raw = new Uint32Array(count);
  for (let k = 0; k < rows.length; k++) {
    const value = values[k]!;
    const key = kind === 'dictionary' ? (value as string) : JSON.stringify(value);
    let code = index.get(key);
    if (code === undefined) {
      dictionary.push(key);
      code = dictionary.length;
      index.set(key, code);
    }
    raw[rows[k]!] = code;
  }
  const codeBytes = dictionary.length < 0xff ? 1 : dictionary.length < 0xffff ? 2 : 4;
  if (codeBytes === 4) return { field, kind, codes: raw.buffer, codeBytes, dictionary };
  const codes = codeBytes === 1 ? new Uint8Array(count) : new Uint16Array(count);
  codes.set(raw);
  return { field, kind, codes: codes.buffer as ArrayBuffer, codeBytes, dictionary };
}

function summarise(
  events: readonly EngineEvent[],
  gathered: readonly FieldValues[],
  columns: readonly EncodedColumn[],
): SegmentSummary {
  let start = NaN;
  let end = NaN;
  const timestamps = gathered.findIndex((g) => g.field === '@timestamp');
  const stored = timestamps < 0 ? undefined : columns[timestamps];
  const column = stored && denseColumn(stored, events.length);
  const observe = (ms: number) => {
    if (!Number.isNaN(ms)) {
      if (!(ms >= start)) start = ms;
      if (!(ms <= end)) end = ms;
    }
  };
  if (column?.kind === 'time' || column?.kind === 'number') {
    // Already epoch milliseconds (NaN where absent): parsing each text again cost as much as encoding.
    const times = new Float64Array(column.values);
    for (let i = 0; i < times.length; i++) observe(times[i]!);
  } else if (timestamps >= 0) for (const event of events) observe(timeOf(event));
  return {
    count: events.length,
    start,
    end,
    users: distinctStrings(gathered, 'user.name'),
    categories: distinctStrings(gathered, 'event.category'),
    bytes: columns.reduce((sum, c) => sum + columnBytes(c), 0),
  };
}

function distinctStrings(gathered: readonly FieldValues[], field: string): string[] {
  const values = gathered.find((g) => g.field === field)?.values ?? [];
  const distinct = new Set<string>();
  // (A list, as ECS writes `event.category`, names each of its items.)
  for (const value of values)
    if (typeof value === 'string') distinct.add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') distinct.add(item);
  return [...distinct].sort();
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
    case 'strings':
      return column.values.reduce((sum, value) => sum + (value === null ? 8 : value.length), 0);
    case 'text':
      return column.bytes.byteLength + column.offsets.byteLength + column.present.byteLength;
    case 'raw':
      return column.values.length * 8;
    case 'sparse-number':
      return column.rows.byteLength + column.values.byteLength;
    case 'sparse-strings':
      return column.rows.byteLength + column.values.reduce((sum, value) => sum + value.length, 0);
    case 'packed-strings':
      return column.text.length + column.ends.byteLength + (column.absent?.byteLength ?? 0);
  }
}

/** The rows of a sparse column, as stored. */
function sparseRows(column: { rows: ArrayBuffer; rowBytes: 2 | 4 }): Uint16Array | Uint32Array {
  return column.rowBytes === 2 ? new Uint16Array(column.rows) : new Uint32Array(column.rows);
}

/**
 * The column with a slot per event (`count` of them): a sparse one expanded (a scatter into a new
 * array, far cheaper than IndexedDB deserialising the empty slots), any other as it is.
 */
export function denseColumn(column: EncodedColumn, count: number): DenseColumn {
  if (column.kind === 'sparse-number') {
    const values = new Float64Array(count).fill(NaN);
    const present = new Float64Array(column.values);
    const rows = sparseRows(column);
    for (let k = 0; k < rows.length; k++) values[rows[k]!] = present[k]!;
    return { field: column.field, kind: 'number', values: values.buffer };
  }
  if (column.kind === 'sparse-strings') {
    const values = new Array<string | null>(count).fill(null);
    const rows = sparseRows(column);
    for (let k = 0; k < rows.length; k++) values[rows[k]!] = column.values[k]!;
    return { field: column.field, kind: 'strings', values };
  }
  return column;
}

/** Whether some event of the segment (`count` events) has a value in this column. */
export function holdsValues(column: EncodedColumn, count: number): boolean {
  switch (column.kind) {
    case 'dictionary':
    case 'json-dictionary':
      return column.dictionary.length > 0;
    case 'number':
    case 'time':
      return new Float64Array(column.values).some((value) => !Number.isNaN(value));
    case 'text':
      return new Uint8Array(column.present).subarray(0, count).some((present) => present !== 0);
    case 'strings':
      return column.values.some((value, i) => i < count && value !== null);
    case 'raw':
      return column.values.some((value) => value !== undefined);
    case 'sparse-number':
    case 'sparse-strings':
      return column.rows.byteLength > 0;
    case 'packed-strings':
      return (
        !column.absent || new Uint8Array(column.absent).subarray(0, count).some((absent) => absent === 0)
      );
  }
}

/**
 * Frees a segment's buffers now; the caller is done with it and keeps no view of it (the segment
 * then reads as empty). A buffer read from IndexedDB by a worker outlives its task, so it is old
 * by the time it dies and waits for a major collection: at ~150 MB of segments a second per
 * worker, tens of MB of dead buffers each. `transfer(0)` drops the memory at once; where it is
 * missing (Node 20), a transfer hands the memory to a new, young buffer that a minor collection
 * frees.
 */
export function releaseSegment(segment: SegmentColumns): void {
  for (const column of segment.columns)
    for (const buffer of columnBuffers(column)) {
      const detachable = buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
      if (buffer.byteLength === 0) continue;
      if (typeof detachable.transfer === 'function') detachable.transfer(0);
      else structuredClone(buffer, { transfer: [buffer] });
    }
}

/** The ArrayBuffers a column holds (what a transfer or a release moves). */
export function columnBuffers(column: EncodedColumn): ArrayBuffer[] {
  switch (column.kind) {
    case 'dictionary':
    case 'json-dictionary':
      return [column.codes];
    case 'number':
    case 'time':
      return [column.values];
    case 'text':
      return [column.bytes, column.offsets, column.present];
    case 'sparse-number':
      return [column.rows, column.values];
    case 'sparse-strings':
      return [column.rows];
    case 'packed-strings':
      return column.absent ? [column.ends, column.absent] : [column.ends];
    case 'strings':
    case 'raw':
      return [];
  }
}

/** Read access to one column without building event objects (for scans that need few fields). */
export interface ColumnReader {
  field: string;
  /** The value of this field on event `i`, or undefined when the event lacks it. */
  get(i: number): EventValue | undefined;
  /** A time column's instant on event `i` in ms (NaN when it lacks one): `get`'s text, unformatted. */
  instant?(i: number): number;
}

/** A reader of a column; a sparse one needs the segment's event count. */
export function columnReader(column: DenseColumn): ColumnReader;
export function columnReader(stored: EncodedColumn, count: number): ColumnReader;
export function columnReader(stored: EncodedColumn, count = 0): ColumnReader {
  const column = denseColumn(stored, count);
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
      const format = timeFormatter(column.format);
      return {
        field,
        get: (i) => (Number.isNaN(values[i]) ? undefined : format(values[i]!)),
        instant: (i) => values[i] ?? Number.NaN,
      };
    }
    case 'strings': {
      const values = column.values;
      return { field, get: (i) => values[i] ?? undefined };
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
    case 'packed-strings': {
      const value = packedValue(column);
      return { field, get: value };
    }
  }
}

/** The value of event `i` of a packed column (undefined when it has none). */
function packedValue(
  column: Extract<EncodedColumn, { kind: 'packed-strings' }>,
): (i: number) => string | undefined {
  const { text } = column;
  const ends = new Uint32Array(column.ends);
  const absent = column.absent ? new Uint8Array(column.absent) : undefined;
  return (i) =>
    i < 0 || i >= ends.length || absent?.[i] === 1
      ? undefined
      : text.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
}

/** The codes of a dictionary column, as stored (1, 2 or 4 bytes each). */
export function codesView(buffer: ArrayBuffer, codeBytes: 1 | 2 | 4): ArrayLike<number> {
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
        reader = columnReader(column, segment.count);
        readers.set(field, reader);
      }
      return reader;
    },
  };
}

/** Materialises the events of a segment (what the engine's `evaluateShard` takes). */
export function decodeSegment(segment: SegmentColumns): EngineEvent[] {
  const count = segment.count;
  const events: EngineEvent[] = new Array<EngineEvent>(count);
  for (let i = 0; i < count; i++) events[i] = {};
  for (const column of segment.columns) decodeColumnInto(events, column);
  return events;
}

/**
 * Sets one column's values on the events, a loop per kind: going through `columnReader(...).get`
 * for every event and column cost a call and a check per absent value.
 */
function decodeColumnInto(events: EngineEvent[], stored: EncodedColumn): void {
  const column = denseColumn(stored, events.length);
  const { field } = column;
  const count = events.length;
  switch (column.kind) {
    case 'dictionary':
    case 'json-dictionary': {
      const codes = codesView(column.codes, column.codeBytes);
      const values: EventValue[] =
        column.kind === 'dictionary'
          ? column.dictionary
          : column.dictionary.map((text) => JSON.parse(text) as EventValue);
      for (let i = 0; i < count; i++) {
        const code = codes[i]!;
        if (code !== 0) events[i]![field] = values[code - 1]!;
      }
      return;
    }
    case 'number': {
      const values = new Float64Array(column.values);
      for (let i = 0; i < count; i++) {
        const value = values[i]!;
        if (!Number.isNaN(value)) events[i]![field] = value;
      }
      return;
    }
    case 'time': {
      const values = new Float64Array(column.values);
      const format = timeFormatter(column.format);
      for (let i = 0; i < count; i++) {
        const value = values[i]!;
        if (!Number.isNaN(value)) events[i]![field] = format(value);
      }
      return;
    }
    case 'strings': {
      const values = column.values;
      for (let i = 0; i < count; i++) {
        const value = values[i];
        if (value !== null && value !== undefined) events[i]![field] = value;
      }
      return;
    }
    case 'text': {
      const text = decoder.decode(column.bytes);
      const offsets = new Uint32Array(column.offsets);
      const present = new Uint8Array(column.present);
      for (let i = 0; i < count; i++)
        if (present[i]) events[i]![field] = text.slice(offsets[i], offsets[i + 1]);
      return;
    }
    case 'raw': {
      const values = column.values;
      for (let i = 0; i < count; i++) {
        const value = values[i];
        if (value !== undefined) events[i]![field] = value;
      }
      return;
    }
    case 'packed-strings': {
      const value = packedValue(column);
      for (let i = 0; i < count; i++) {
        const v = value(i);
        if (v !== undefined) events[i]![field] = v;
      }
      return;
    }
  }
}
