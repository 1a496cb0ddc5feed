// One day of events on their way out: collected in generation order, then put in time order
// (ties keep generation order, as a stable sort would) and given `@timestamp` and `event.id`.
// For NDJSON output an event is serialised the moment it is complete: `lines` keeps the JSON after
// the placeholder head as a string, `bytes` encodes it as UTF-8 into one reused buffer outside the
// JavaScript heap, so a day of a large organisation costs the garbage collector nothing to keep.
import type { EngineEvent } from '../types.ts';

/** JSON of an event whose `@timestamp` and `event.id` are still the empty placeholders of eventHead. */
const PLACEHOLDER_HEAD = '{"@timestamp":"","event.id":"",';

export type BatchMode = 'objects' | 'lines' | 'bytes';

export interface DayBatch {
  mode: BatchMode;
  /** Epoch milliseconds, one per event. */
  times: number[];
  /** The event; in `lines` mode its JSON tail; in `bytes` mode null when the tail is in `bytes`. */
  items: (EngineEvent | string | null)[];
  /** `bytes` mode: the UTF-8 tails back to back, item i ending at ends[i] (starting at ends[i-1]). */
  bytes: Uint8Array;
  ends: number[];
  used: number;
}

const encoder = new TextEncoder();

const NO_BYTES = new Uint8Array(0);

/** A batch; `reuse` lends its byte buffer (the previous day's, once written out). */
export function newDayBatch(mode: BatchMode, reuse?: DayBatch): DayBatch {
  const bytes =
    mode !== 'bytes' ? NO_BYTES : reuse && reuse.bytes.length > 0 ? reuse.bytes : new Uint8Array(1 << 16);
  return { mode, times: [], items: [], bytes, ends: [], used: 0 };
}

/** Adds a finished event; the caller must not change it afterwards. */
export function addEvent(batch: DayBatch, time: number, event: EngineEvent): void {
  batch.times.push(time);
  if (batch.mode === 'objects') {
    batch.items.push(event);
    return;
  }
  const json = JSON.stringify(event);
  // An event whose head is not the placeholder (a scenario field overriding it) stays an object.
  if (!json.startsWith(PLACEHOLDER_HEAD)) {
    batch.items.push(event);
    if (batch.mode === 'bytes') batch.ends.push(batch.used);
    return;
  }
  const tail = json.slice(PLACEHOLDER_HEAD.length);
  if (batch.mode === 'lines') {
    batch.items.push(tail);
    return;
  }
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  const most = batch.used + tail.length * 3;
  if (most > batch.bytes.length) {
    const grown = new Uint8Array(Math.max(most, batch.bytes.length * 2));
    grown.set(batch.bytes.subarray(0, batch.used));
    batch.bytes = grown;
  }
  batch.used += encoder.encodeInto(tail, batch.bytes.subarray(batch.used)).written;
  batch.items.push(null);
  batch.ends.push(batch.used);
}

const INDEX_SPAN = 2 ** 21;
const TIME_SPAN = 2 ** 31;

/**
 * Indexes of `times` in ascending time order, equal times in index order. Whole-millisecond
 * times within 24 days of each other are packed with their index into one exact double and sorted
 * natively; anything else takes a comparator sort with the same result.
 */
export function timeOrder(times: readonly number[]): ArrayLike<number> {
  const count = times.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < count; i++) {
    const time = times[i]!;
    if (!Number.isInteger(time)) whole = false;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  if (whole && count < INDEX_SPAN && max - min < TIME_SPAN) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = (times[i]! - min) * INDEX_SPAN + i;
    keys.sort();
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = keys[i]! % INDEX_SPAN;
    return order;
  }
  const order = Array.from({ length: count }, (_, i) => i);
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatClock(seconds: number): string {
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}Z`;
}

const clocks: string[] = new Array<string>(24 * 3600);

/** `HH:MM:SSZ` for whole seconds after midnight (out-of-day values are formatted the same way). */
export function clockAfterMidnight(seconds: number): string {
  if (seconds >= 0 && seconds < 24 * 3600) return (clocks[seconds] ??= formatClock(seconds));
  return formatClock(seconds);
}

export function eventId(counter: number): string {
  return `evt-${String(counter).padStart(8, '0')}`;
}

/** The NDJSON line (without newline) of a `lines` or `objects` item once its timestamp and id are known. */
export function eventLine(item: EngineEvent | string, timestamp: string, id: string): string {
  if (typeof item === 'string') return `{"@timestamp":"${timestamp}","event.id":"${id}",${item}`;
  return JSON.stringify({ ...item, '@timestamp': timestamp, 'event.id': id });
}

const TIMESTAMP_KEY = encoder.encode('{"@timestamp":"');
const ID_KEY = encoder.encode('","event.id":"');
const HEAD_BYTES = TIMESTAMP_KEY.length + ID_KEY.length + 2;

/** Timestamps and ids are ASCII: one byte per code unit. */
function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) out[at++] = text.charCodeAt(k);
  return at;
}

export interface NdjsonChunk {
  /** Whole lines, each ending in a newline. Not reused: a writer may keep it. */
  bytes: Uint8Array;
  events: number;
}

/**
 * Fills fresh chunks of about `size` bytes with NDJSON lines of `bytes`-mode items and yields
 * each one once full; `finish` yields the last.
 */
export class ChunkWriter {
  private out: Uint8Array;
  private used = 0;
  private events = 0;

  constructor(private readonly size: number) {
    this.out = new Uint8Array(size);
  }

  /** Appends item i of `batch`; returns a full chunk to hand on first, when the line did not fit. */
  add(batch: DayBatch, i: number, timestamp: string, id: string): NdjsonChunk | null {
    const item = batch.items[i];
    if (item !== null && item !== undefined) {
      const line = encoder.encode(eventLine(item, timestamp, id) + '\n');
      const full = this.reserve(line.length);
      this.out.set(line, this.used);
      this.used += line.length;
      this.events++;
      return full;
    }
    const start = i === 0 ? 0 : batch.ends[i - 1]!;
    const end = batch.ends[i]!;
    const full = this.reserve(HEAD_BYTES + timestamp.length + id.length + (end - start) + 1);
    const out = this.out;
    let at = this.used;
    out.set(TIMESTAMP_KEY, at);
    at = writeAscii(out, at + TIMESTAMP_KEY.length, timestamp);
    out.set(ID_KEY, at);
    at = writeAscii(out, at + ID_KEY.length, id);
    out[at++] = 0x22; // "
    out[at++] = 0x2c; // ,
    out.set(batch.bytes.subarray(start, end), at);
    at += end - start;
    out[at++] = 0x0a;
    this.used = at;
    this.events++;
    return full;
  }

  finish(): NdjsonChunk | null {
    return this.used > 0 ? this.take(this.size) : null;
  }

  private reserve(bytes: number): NdjsonChunk | null {
    if (this.used + bytes <= this.out.length) return null;
    const full = this.used > 0 ? this.take(Math.max(this.size, bytes)) : null;
    if (this.out.length < bytes) this.out = new Uint8Array(bytes);
    return full;
  }

  private take(nextSize: number): NdjsonChunk {
    const chunk = { bytes: this.out.subarray(0, this.used), events: this.events };
    this.out = new Uint8Array(nextSize);
    this.used = 0;
    this.events = 0;
    return chunk;
  }
}
