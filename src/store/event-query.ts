// Reading a stored dataset's events without holding the dataset: pages of the event explorer under a
// filter, events by id (why-not, an alert's events), the whole dataset (the exception search) and
// its field names (editor completion). Segments are skipped by their summary (time range, users,
// categories) where the filter allows; the rows of the last filter are kept as (segment, row)
// positions, so scrolling a million events decodes only the segments of the page asked for.
import type { EngineEvent } from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import type { DatasetRecord, SegmentRecord, SegmentSummaryRecord } from './records.ts';
import { getDataset, readDatasetEvents } from './datasets.ts';
import { segmentReader, type SegmentReader } from './segment-codec.ts';
import {
  filterKey,
  isEmptyFilter,
  matchSegment,
  normaliseFilter,
  segmentMayMatch,
  type EventFilter,
  type NormalFilter,
} from './event-match.ts';

export interface EventPage {
  /** Events matching the filter in the whole dataset. */
  total: number;
  offset: number;
  /** At most `limit` events from `offset`, in stored order. */
  events: EngineEvent[];
}

export interface QueryOptions {
  /** While the matches of a new filter are counted: segments read of those to read. */
  onProgress?: (done: number, total: number) => void;
}

/** A newer filter replaced this one before its count finished; its answer is no longer wanted. */
export class FilterSupersededError extends Error {
  constructor() {
    super('A newer filter replaced this one.');
    this.name = 'FilterSupersededError';
  }
}

export interface StoredEvents {
  query(
    datasetId: string,
    filter: EventFilter,
    offset: number,
    limit: number,
    options?: QueryOptions,
  ): Promise<EventPage>;
  /** The events with these `event.id`s, in the order asked (missing ids left out). */
  lookup(datasetId: string, ids: readonly string[], near?: string | number): Promise<EngineEvent[]>;
  /** Every event, in stored order. */
  readAll(datasetId: string): Promise<EngineEvent[]>;
  /** Every event with a `labels.scenario` (the ground truth), in stored order. */
  labelled(datasetId: string): Promise<EngineEvent[]>;
  /** Field names of the dataset, from up to `sample` segments spread over it. */
  fields(datasetId: string, sample?: number): Promise<string[]>;
  /** Drops what is cached about a dataset (call after deleting or replacing it). */
  forget(datasetId: string): void;
  /** Segments read from IndexedDB so far (for tests and the status line). */
  readonly stats: { segmentsRead: number };
}

/** The matches of one filter: the segments holding any, each with its matching rows. */
interface Hits {
  segments: SegmentSummaryRecord[];
  /** Matching rows per segment; null where every row matches. */
  rows: (Uint32Array | null)[];
  /** Matches before each segment (prefix sums), and the total at the end. */
  starts: number[];
  total: number;
}

interface CachedSegment {
  record: SegmentRecord;
  reader: SegmentReader;
}

/** Segments read per IndexedDB request while counting. */
const READ_BATCH = 8;

export function storedEvents(db: SimulatorDatabase, cacheSegments = 8): StoredEvents {
  const records = new Map<string, DatasetRecord>();
  const segments = new Map<string, CachedSegment>();
  const stats = { segmentsRead: 0 };
  let current: { key: string; hits: Promise<Hits> } | null = null;

  async function recordOf(datasetId: string): Promise<DatasetRecord> {
    let record = records.get(datasetId);
    if (!record) {
      record = await getDataset(db, datasetId);
      if (!record) throw new Error(`Dataset "${datasetId}" is not in this browser's store.`);
      records.set(datasetId, record);
    }
    return record;
  }

  /** Segments by id, in order, through a small LRU cache of decoded readers. */
  async function read(ids: readonly string[]): Promise<CachedSegment[]> {
    const missing = ids.filter((id) => !segments.has(id));
    if (missing.length > 0) {
      const rows = await db.segments.bulkGet(missing);
      stats.segmentsRead += missing.length;
      rows.forEach((row, i) => {
        if (!row) throw new Error(`Segment ${missing[i]} is missing: the dataset was deleted or replaced.`);
        segments.set(row.id, { record: row, reader: segmentReader(row) });
      });
    }
    const out = ids.map((id) => {
      const cached = segments.get(id)!;
      // Most recently used last.
      segments.delete(id);
      segments.set(id, cached);
      return cached;
    });
    while (segments.size > Math.max(cacheSegments, ids.length))
      segments.delete(segments.keys().next().value!);
    return out;
  }

  async function scan(
    datasetId: string,
    filter: NormalFilter,
    stillWanted: () => boolean,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Hits> {
    const record = await recordOf(datasetId);
    const hits: Hits = { segments: [], rows: [], starts: [], total: 0 };
    const add = (segment: SegmentSummaryRecord, rows: Uint32Array | null) => {
      const count = rows ? rows.length : segment.count;
      if (count === 0) return;
      hits.segments.push(segment);
      hits.rows.push(rows);
      hits.starts.push(hits.total);
      hits.total += count;
    };
    if (isEmptyFilter(filter)) {
      for (const segment of record.segments) add(segment, null);
      return hits;
    }
    const candidates = record.segments.filter((s) => segmentMayMatch(s, filter));
    onProgress?.(0, candidates.length);
    for (let first = 0; first < candidates.length; first += READ_BATCH) {
      if (!stillWanted()) throw new FilterSupersededError();
      const batch = candidates.slice(first, first + READ_BATCH);
      const read_ = await read(batch.map((s) => s.id));
      read_.forEach(({ record: segment }, i) => add(batch[i]!, matchSegment(segment, filter)));
      onProgress?.(Math.min(first + READ_BATCH, candidates.length), candidates.length);
    }
    return hits;
  }

  function eventAt(reader: SegmentReader, row: number): EngineEvent {
    const event: EngineEvent = {};
    for (const field of reader.fields) {
      const value = reader.column(field)!.get(row);
      if (value !== undefined) event[field] = value;
    }
    return event;
  }

  async function page(hits: Hits, offset: number, limit: number): Promise<EngineEvent[]> {
    const end = Math.min(hits.total, offset + limit);
    if (offset >= end) return [];
    // The last segment starting at or before `offset`.
    let low = 0;
    let high = hits.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (hits.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    let last = low;
    while (last + 1 < hits.segments.length && hits.starts[last + 1]! < end) last++;
    const wanted = await read(hits.segments.slice(low, last + 1).map((s) => s.id));
    const events: EngineEvent[] = [];
    for (let k = low; k <= last; k++) {
      const reader = wanted[k - low]!.reader;
      const rows = hits.rows[k] ?? null;
      const from = Math.max(offset, hits.starts[k]!) - hits.starts[k]!;
      const to =
        Math.min(end, hits.starts[k]! + (rows ? rows.length : hits.segments[k]!.count)) - hits.starts[k]!;
      for (let j = from; j < to; j++) events.push(eventAt(reader, rows ? rows[j]! : j));
    }
    return events;
  }

  return {
    stats,

    async query(datasetId, filter, offset, limit, options = {}) {
      const normal = normaliseFilter(filter);
      const key = `${datasetId}\u0000${filterKey(filter)}`;
      if (current?.key !== key) {
        const hits = scan(datasetId, normal, () => current?.key === key, options.onProgress);
        current = { key, hits };
        // A failed count is not kept: the next query counts again.
        hits.catch(() => {
          if (current?.key === key && current.hits === hits) current = null;
        });
      }
      const hits = await current.hits;
      const start = Math.max(0, Math.floor(offset));
      return { total: hits.total, offset: start, events: await page(hits, start, Math.max(0, limit)) };
    },

    async lookup(datasetId, ids, near) {
      const wanted = new Set(ids.map(String));
      const found = new Map<string, EngineEvent>();
      if (wanted.size === 0) return [];
      const record = await recordOf(datasetId);
      const at = typeof near === 'number' ? near : near ? Date.parse(near) : NaN;
      // Segments whose time range holds (or is nearest to) the hint first: an alert's events.
      const distance = (s: SegmentSummaryRecord) =>
        Number.isNaN(at) || Number.isNaN(s.start)
          ? 0
          : at < s.start
            ? s.start - at
            : at > s.end
              ? at - s.end
              : 0;
      const order = Number.isNaN(at)
        ? record.segments
        : [...record.segments].sort((a, b) => distance(a) - distance(b));
      // The nearest segment alone first (it usually holds them all), then batches.
      let first = 0;
      while (first < order.length && found.size < wanted.size) {
        const size = first === 0 ? 1 : READ_BATCH;
        const batch = await read(order.slice(first, first + size).map((s) => s.id));
        first += size;
        for (const { reader } of batch) {
          const column = reader.column('event.id');
          if (!column) continue;
          for (let i = 0; i < reader.count; i++) {
            const value = column.get(i);
            if (value === undefined || value === null) continue;
            const id = String(value);
            if (wanted.has(id) && !found.has(id)) found.set(id, eventAt(reader, i));
          }
        }
      }
      return [...wanted].map((id) => found.get(id)).filter((e): e is EngineEvent => e !== undefined);
    },

    async readAll(datasetId) {
      await recordOf(datasetId);
      return readDatasetEvents(db, datasetId);
    },

    async labelled(datasetId) {
      const hits = await scan(datasetId, normaliseFilter({ label: 'labelled' }), () => true);
      return page(hits, 0, hits.total);
    },

    async fields(datasetId, sample = 24) {
      const record = await recordOf(datasetId);
      const all = record.segments;
      const step = Math.max(1, Math.ceil(all.length / sample));
      const picked = all.filter((_, i) => i % step === 0 || i === all.length - 1);
      const names = new Set<string>();
      for (let first = 0; first < picked.length; first += READ_BATCH)
        for (const { reader } of await read(picked.slice(first, first + READ_BATCH).map((s) => s.id)))
          for (const field of reader.fields) names.add(field);
      return [...names].sort();
    },

    forget(datasetId) {
      records.delete(datasetId);
      if (current?.key.startsWith(`${datasetId}\u0000`)) current = null;
      for (const id of [...segments.keys()]) if (id.startsWith(`${datasetId}/`)) segments.delete(id);
    },
  };
}
