// Writes a dataset in segments, all or nothing. An import cannot hold one IndexedDB transaction
// open while it parses (transactions commit as soon as they have no pending request), so the
// dataset is written as `staging` and flipped to `ready` in one transaction at commit; a staging
// dataset whose writer died is garbage-collected (see `collectAbandonedImports`).
import type {
  CatalogResource,
  DatasetManifest,
  Diagnostic,
  DirectoryUser,
  EngineEvent,
  Entitlement,
  ScenarioTruth,
} from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import type { DatasetRecord, SegmentRecord, SegmentSummaryRecord } from './records.ts';
import { encodeSegment } from './segment-codec.ts';
import { StorageError, explainStorageError } from './storage-errors.ts';

/** A few thousand events: large enough that IndexedDB cost is per segment, small enough to shard. */
export const DEFAULT_SEGMENT_SIZE = 5000;
/** Segments written per IndexedDB transaction. */
const SEGMENTS_PER_WRITE = 8;

export interface DatasetDraft {
  id?: string;
  title: string;
  manifest: DatasetManifest;
  scenarios?: ScenarioTruth[];
  source: string;
  /**
   * Take `id`, or `id-2`, `id-3`… — the first that no dataset in the store holds, ready or staged,
   * decided in the same transaction that claims it (two tabs importing one file name get two ids).
   * Without it, a staged dataset of the same id is replaced.
   */
  freeId?: boolean;
}

export interface DatasetExtras {
  directory?: DirectoryUser[];
  resources?: CatalogResource[];
  entitlements?: Entitlement[];
  scenarios?: ScenarioTruth[];
  manifest?: DatasetManifest;
  importErrors?: Diagnostic[];
}

/** What the store needs of the Web Locks API (`navigator.locks`; absent in Node). */
export interface WriterLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function browserLocks(): WriterLocks | undefined {
  return (globalThis as { navigator?: { locks?: WriterLocks } }).navigator?.locks;
}

/** Holds the lock `name` until the returned release is called (undefined without locks). */
async function holdLock(locks: WriterLocks | undefined, name: string): Promise<(() => void) | undefined> {
  if (!locks) return undefined;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  try {
    await new Promise<void>((granted, refused) => {
      locks
        .request(name, () => {
          granted();
          return held;
        })
        .catch(refused);
    });
  } catch {
    return undefined; // No lock: the staging row is collected by age, as without the API.
  }
  return release;
}

export function segmentId(datasetId: string, index: number): string {
  return `${datasetId}/${String(index).padStart(8, '0')}`;
}

export class DatasetWriter {
  readonly datasetId: string;
  private readonly db: SimulatorDatabase;
  private readonly segmentSize: number;
  private buffer: EngineEvent[] = [];
  private pending: SegmentRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private summaries: SegmentSummaryRecord[] = [];
  private eventCount = 0;
  private finished = false;
  private readonly releaseLock: () => void;

  private constructor(
    db: SimulatorDatabase,
    datasetId: string,
    segmentSize: number,
    releaseLock: () => void,
  ) {
    this.db = db;
    this.datasetId = datasetId;
    this.segmentSize = segmentSize;
    this.releaseLock = releaseLock;
  }

  /**
   * Claims a staging dataset. Its writer holds a Web Lock (`locks`, the browser's by default) from
   * before the row exists until commit or abort, so `collectAbandonedImports` in any tab tells a
   * live import, however slow or long left at its preview, from one whose tab died.
   */
  static async begin(
    db: SimulatorDatabase,
    draft: DatasetDraft,
    segmentSize = DEFAULT_SEGMENT_SIZE,
    locks: WriterLocks | undefined = browserLocks(),
  ): Promise<DatasetWriter> {
    const wanted = draft.id ?? draft.manifest.id ?? crypto.randomUUID();
    let id = wanted;
    const now = Date.now();
    const lock = `dlp-simulator-import-${crypto.randomUUID()}`;
    const held = await holdLock(locks, lock);
    const release = held ?? (() => undefined);
    const record: DatasetRecord = {
      id,
      title: draft.title,
      manifest: draft.manifest,
      scenarios: draft.scenarios ?? [],
      status: 'staging',
      createdAt: now,
      updatedAt: now,
      eventCount: 0,
      segmentCount: 0,
      start: NaN,
      end: NaN,
      source: draft.source,
      importErrors: [],
      segments: [],
      ...(held ? { lock } : {}),
    };
    try {
      await guard(async () => {
        if (draft.freeId)
          return db.transaction('rw', db.datasets, async () => {
            for (let n = 2; await db.datasets.get(id); n++) id = `${wanted}-${n}`;
            await db.datasets.put({ ...record, id });
          });
        const existing = await db.datasets.get(id);
        if (existing?.status === 'ready')
          throw new StorageError({
            kind: 'other',
            message: `A dataset with id "${id}" already exists. Delete it first or import under another id.`,
          });
        if (existing) await deleteDatasetRows(db, id);
        await db.datasets.put(record);
      });
    } catch (error) {
      release();
      throw error;
    }
    return new DatasetWriter(db, id, segmentSize, release);
  }

  get eventsWritten(): number {
    return this.eventCount;
  }

  /** Buffers events; full segments are encoded and written in the background, in order. */
  async append(events: readonly EngineEvent[]): Promise<void> {
    this.assertOpen();
    for (const event of events) {
      this.buffer.push(event);
      if (this.buffer.length >= this.segmentSize) this.cutSegment();
    }
    if (this.pending.length >= SEGMENTS_PER_WRITE) await this.flush();
  }

  /**
   * Writes every event appended so far (a short last segment included) and waits for the writes, so
   * a storage failure shows before the user is asked to add the dataset. It stays staged.
   */
  async settle(): Promise<void> {
    this.assertOpen();
    if (this.buffer.length > 0) this.cutSegment();
    await this.flush();
    await this.writing;
  }

  /** Makes the dataset visible: remaining events, directory and the `ready` flag in one transaction. */
  async commit(extras: DatasetExtras = {}): Promise<DatasetRecord> {
    this.assertOpen();
    if (this.buffer.length > 0) this.cutSegment();
    await this.flush();
    await this.writing;
    this.finished = true;
    try {
      return await this.markReady(extras);
    } finally {
      this.releaseLock();
    }
  }

  private markReady(extras: DatasetExtras): Promise<DatasetRecord> {
    const db = this.db;
    const id = this.datasetId;
    const summaries = this.summaries;
    const starts = summaries.map((s) => s.start).filter((t) => !Number.isNaN(t));
    const ends = summaries.map((s) => s.end).filter((t) => !Number.isNaN(t));
    return guard(() =>
      db.transaction('rw', [db.datasets, db.directory, db.resources, db.entitlements], async () => {
        const record = await db.datasets.get(id);
        if (!record || record.status !== 'staging')
          throw new StorageError({
            kind: 'other',
            message: `The import of "${id}" was removed before it finished.`,
          });
        await db.directory.bulkPut(
          (extras.directory ?? []).map((user) => ({ datasetId: id, name: user.name, user })),
        );
        await db.resources.bulkPut(
          (extras.resources ?? []).map((resource) => ({ datasetId: id, id: resource.id, resource })),
        );
        await db.entitlements.bulkAdd(
          (extras.entitlements ?? []).map((entitlement) => ({ datasetId: id, entitlement })),
        );
        // A dataset that names itself (a bundle's or CERT's manifest title) is listed by that name.
        const named = extras.manifest?.title;
        const ready: DatasetRecord = {
          ...record,
          title: typeof named === 'string' && named.trim() !== '' ? named : record.title,
          manifest: extras.manifest ?? record.manifest,
          scenarios: extras.scenarios ?? record.scenarios,
          status: 'ready',
          updatedAt: Date.now(),
          eventCount: this.eventCount,
          segmentCount: summaries.length,
          start: starts.length ? Math.min(...starts) : NaN,
          end: ends.length ? Math.max(...ends) : NaN,
          importErrors: extras.importErrors ?? [],
          segments: summaries,
        };
        delete ready.lock; // (Committed: nothing holds it any more.)
        await db.datasets.put(ready);
        return ready;
      }),
    );
  }

  /** Removes everything written so far. Safe to call after a failure. */
  async abort(): Promise<void> {
    this.finished = true;
    this.buffer = [];
    this.pending = [];
    await this.writing.catch(() => undefined);
    try {
      await guard(() => deleteDatasetRows(this.db, this.datasetId));
    } finally {
      this.releaseLock();
    }
  }

  private cutSegment(): void {
    const events = this.buffer;
    this.buffer = [];
    const encoded = encodeSegment(events);
    const index = this.summaries.length;
    const summary: SegmentSummaryRecord = {
      id: segmentId(this.datasetId, index),
      datasetId: this.datasetId,
      index,
      count: encoded.count,
      start: encoded.summary.start,
      end: encoded.summary.end,
      users: encoded.summary.users,
      categories: encoded.summary.categories,
      bytes: encoded.summary.bytes,
    };
    this.summaries.push(summary);
    this.pending.push({ ...summary, columns: encoded.columns });
    this.eventCount += encoded.count;
  }

  /** One write in flight at a time: encoding the next batch overlaps with writing this one. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const previous = this.writing;
    const db = this.db;
    const id = this.datasetId;
    this.writing = previous.then(() =>
      guard(() =>
        db.transaction('rw', [db.segments, db.datasets], async () => {
          await db.segments.bulkAdd(batch);
          await db.datasets.update(id, { updatedAt: Date.now() });
        }),
      ),
    );
    // Seen by the next flush or by commit; until then it must not count as unhandled.
    this.writing.catch(() => undefined);
    await previous;
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('This dataset writer already committed or aborted.');
  }
}

/** Every row of a dataset, in one transaction (used by abort, delete and garbage collection). */
export async function deleteDatasetRows(db: SimulatorDatabase, datasetId: string): Promise<void> {
  await db.transaction(
    'rw',
    [db.datasets, db.segments, db.directory, db.resources, db.entitlements],
    async () => {
      await db.segments.where('datasetId').equals(datasetId).delete();
      await db.directory.where('datasetId').equals(datasetId).delete();
      await db.resources.where('datasetId').equals(datasetId).delete();
      await db.entitlements.where('datasetId').equals(datasetId).delete();
      await db.datasets.delete(datasetId);
    },
  );
}

/** An import that has not written for this long has died (tab closed, crash). */
export const ABANDONED_IMPORT_MS = 10 * 60 * 1000;

/**
 * Deletes staging datasets whose writer died; returns their ids. A staging row that names its
 * writer's lock is garbage exactly when no one holds that lock (read after the rows: a writer takes
 * its lock before its row exists); one without (no Web Locks) when it has not been written for `idleMs`.
 */
export async function collectAbandonedImports(
  db: SimulatorDatabase,
  now = Date.now(),
  idleMs = ABANDONED_IMPORT_MS,
  locks: WriterLocks | undefined = browserLocks(),
): Promise<string[]> {
  const staging = await db.datasets.where('status').equals('staging').toArray();
  if (staging.length === 0) return [];
  const held = locks
    ? await locks
        .query()
        .then((state) => new Set((state.held ?? []).map((lock) => lock.name)))
        .catch(() => undefined)
    : undefined;
  const abandoned = staging.filter((d) =>
    d.lock !== undefined && held ? !held.has(d.lock) : now - d.updatedAt >= idleMs,
  );
  const removed: string[] = [];
  for (const seen of abandoned) if (await deleteIfUnchanged(db, seen)) removed.push(seen.id);
  return removed;
}

/**
 * Deletes a staging dataset's rows only if its row is still the one judged abandoned: a writer
 * that committed (its lock released, its row `ready`) or wrote again between the judgement and
 * now is someone's live dataset.
 */
async function deleteIfUnchanged(db: SimulatorDatabase, seen: DatasetRecord): Promise<boolean> {
  return db.transaction(
    'rw',
    [db.datasets, db.segments, db.directory, db.resources, db.entitlements],
    async () => {
      const now = await db.datasets.get(seen.id);
      if (!now || now.status !== 'staging' || now.lock !== seen.lock || now.updatedAt !== seen.updatedAt)
        return false;
      await deleteDatasetRows(db, seen.id);
      return true;
    },
  );
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(explainStorageError(error));
  }
}
