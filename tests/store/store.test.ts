import { describe, it, expect } from 'vitest';
import type { EngineEvent } from '../../src/engine/types.ts';
import {
  DatasetWriter,
  collectAbandonedImports,
  ABANDONED_IMPORT_MS,
} from '../../src/store/dataset-writer.ts';
import {
  getDataset,
  listDatasets,
  readDatasetContext,
  readDatasetEvents,
  readSegments,
  segmentIdsForRun,
  deleteDataset,
} from '../../src/store/datasets.ts';
import { savePackVersion, listPackVersions, currentPackFiles } from '../../src/store/packs.ts';
import { saveRun, readAlerts } from '../../src/store/runs.ts';
import { decodeSegment } from '../../src/store/segment-codec.ts';
import { StorageError } from '../../src/store/storage-errors.ts';
import { openTestDatabase } from './test-database.ts';

function makeEvents(count: number, startMs = Date.UTC(2026, 2, 2)): EngineEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    '@timestamp': new Date(startMs + i * 60_000).toISOString().replace('.000Z', 'Z'),
    'event.id': `e${i}`,
    'event.category': i % 3 === 0 ? 'email' : 'file',
    'user.name': `user${i % 5}`,
    'file.size': i,
    ...(i % 5 === 0
      ? { content: `Customer list row ${i}: card 4111 1111 1111 1111 and some more words to be text` }
      : {}),
  }));
}

const draft = (id: string) => ({ id, title: id, manifest: { id, title: id }, source: 'test' });

describe('dataset store', () => {
  it('stores a dataset in segments and reads every event back unchanged', async () => {
    const db = await openTestDatabase();
    const events = makeEvents(1234);
    const writer = await DatasetWriter.begin(db, draft('d1'), 100);
    await writer.append(events.slice(0, 500));
    await writer.append(events.slice(500));
    const record = await writer.commit({
      directory: [{ name: 'user1', department: 'Sales' }],
      resources: [{ id: 'r1', sensitivity: 'confidential' }],
    });
    expect(record).toMatchObject({ status: 'ready', eventCount: 1234, segmentCount: 13 });
    expect(await readDatasetEvents(db, 'd1')).toEqual(events);
    const context = await readDatasetContext(db, 'd1');
    expect(context.directory).toEqual([{ name: 'user1', department: 'Sales' }]);
    expect(context.resources).toEqual([{ id: 'r1', sensitivity: 'confidential' }]);
    const [second] = await readSegments(db, [record.segments[1]!.id]);
    expect(decodeSegment(second!)).toEqual(events.slice(100, 200));
  });

  it('does not offer a dataset whose import has not committed', async () => {
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('half'), 10);
    await writer.append(makeEvents(50));
    expect(await listDatasets(db)).toEqual([]);
    expect(await getDataset(db, 'half')).toBeUndefined();
    await writer.abort();
    expect(await db.segments.count()).toBe(0);
    expect(await db.datasets.count()).toBe(0);
  });

  it('garbage-collects a staging dataset whose writer stopped, and leaves a live one alone', async () => {
    const db = await openTestDatabase();
    const dead = await DatasetWriter.begin(db, draft('dead'), 10);
    await dead.append(makeEvents(30));
    const now = Date.now();
    expect(await collectAbandonedImports(db, now)).toEqual([]);
    expect(await collectAbandonedImports(db, now + ABANDONED_IMPORT_MS + 1)).toEqual(['dead']);
    expect(await db.segments.count()).toBe(0);
  });

  it('with Web Locks: keeps a live import however old, collects a dead one at once', async () => {
    // The lock manager of one origin, as every tab and worker shares it; `die` is a tab closing.
    const held = new Set<string>();
    const locks = {
      request: async (name: string, callback: () => Promise<void>) => {
        held.add(name);
        await callback();
        held.delete(name);
      },
      query: async () => ({ held: [...held].map((name) => ({ name })) }),
      die: () => held.clear(),
    };
    const db = await openTestDatabase();
    const live = await DatasetWriter.begin(db, draft('live'), 10, locks);
    await live.append(makeEvents(30));
    expect(held.size).toBe(1);
    // A preview left open for an hour is still someone's import.
    const hourLater = Date.now() + 60 * 60_000;
    expect(await collectAbandonedImports(db, hourLater, ABANDONED_IMPORT_MS, locks)).toEqual([]);
    const record = await live.commit();
    expect(record.lock).toBeUndefined();
    expect(held.size).toBe(0);

    const dead = await DatasetWriter.begin(db, draft('dead'), 10, locks);
    await dead.append(makeEvents(30));
    locks.die();
    // Written a moment ago, but its writer is gone: collected without waiting.
    expect(await collectAbandonedImports(db, Date.now(), ABANDONED_IMPORT_MS, locks)).toEqual(['dead']);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual(['live']);
    expect(await db.segments.where('datasetId').equals('dead').count()).toBe(0);

    const dropped = await DatasetWriter.begin(db, draft('dropped'), 10, locks);
    await dropped.abort();
    expect(held.size).toBe(0);
  });

  it('never collects an import that committed while the collector was judging it', async () => {
    const held = new Set<string>();
    const before: { query?: () => Promise<unknown> } = {};
    const locks = {
      request: async (name: string, callback: () => Promise<void>) => {
        held.add(name);
        await callback();
        held.delete(name);
      },
      // Another tab's collector has read the staging rows; the writer commits before it asks.
      query: async () => {
        await before.query?.();
        return { held: [...held].map((name) => ({ name })) };
      },
    };
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('x'), 10, locks);
    await writer.append(makeEvents(5));
    before.query = () => writer.commit();
    expect(await collectAbandonedImports(db, Date.now(), ABANDONED_IMPORT_MS, locks)).toEqual([]);
    expect((await listDatasets(db)).map((d) => [d.id, d.status])).toEqual([['x', 'ready']]);
  });

  it('refuses to overwrite a committed dataset by id', async () => {
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('same'));
    await writer.commit();
    await expect(DatasetWriter.begin(db, draft('same'))).rejects.toThrow(/already exists/);
  });

  it('deletes a dataset with all its segments and directory rows', async () => {
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('gone'), 10);
    await writer.append(makeEvents(25));
    await writer.commit({ directory: [{ name: 'a' }] });
    await deleteDataset(db, 'gone');
    expect([await db.segments.count(), await db.directory.count(), await db.datasets.count()]).toEqual([
      0, 0, 0,
    ]);
  });

  it('prunes segments by time range, user and category', async () => {
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('p'), 10);
    await writer.append(
      makeEvents(40).map((e, i) => ({
        ...e,
        'user.name': i < 10 ? 'early-bird' : 'other',
        'event.category': i >= 30 ? 'iam' : 'file',
      })),
    );
    const { segments } = await writer.commit();
    const ids = segments.map((s) => s.id);
    expect(segmentIdsForRun(segments)).toEqual(ids);
    expect(segmentIdsForRun(segments, { users: ['early-bird'] })).toEqual([ids[0]]);
    expect(segmentIdsForRun(segments, { categories: ['iam'] })).toEqual([ids[3]]);
    const secondStart = segments[1]!.start;
    expect(segmentIdsForRun(segments, { from: secondStart, to: secondStart })).toEqual([ids[1]]);
    expect(segmentIdsForRun(segments, { from: segments[3]!.end + 1 })).toEqual([]);
  });

  it('explains a quota error raised while writing segments and leaves no partial dataset', async () => {
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, draft('full'), 10);
    const realBulkAdd = db.segments.bulkAdd.bind(db.segments);
    let writes = 0;
    db.segments.bulkAdd = ((...args: Parameters<typeof realBulkAdd>) => {
      if (++writes > 1) {
        const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return Promise.reject(
          Object.assign(new DOMException('Transaction aborted', 'AbortError'), { inner: quota }),
        );
      }
      return realBulkAdd(...args);
    }) as typeof db.segments.bulkAdd;
    const failure = await (async () => {
      for (let i = 0; i < 4; i++) await writer.append(makeEvents(100));
      await writer.commit();
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).problem.kind).toBe('quota');
    expect((failure as StorageError).message).toMatch(/storage quota/);
    await writer.abort();
    expect(await db.datasets.count()).toBe(0);
  });
});

describe('packs and runs', () => {
  it('keeps every autosave as a version and points the pack at the newest', async () => {
    const db = await openTestDatabase();
    await savePackVersion(db, { id: 'p', name: 'Mine' }, [{ name: 'a.yml', text: 'v1' }]);
    await savePackVersion(db, { id: 'p', name: 'Mine' }, [{ name: 'a.yml', text: 'v2' }]);
    const versions = await listPackVersions(db, 'p');
    expect(versions.map((v) => v.files[0]!.text)).toEqual(['v2', 'v1']);
    expect(await currentPackFiles(db, 'p')).toEqual([{ name: 'a.yml', text: 'v2' }]);
  });

  it('stores a run with its alerts and pages them by rule', async () => {
    const db = await openTestDatabase();
    const alert = (rule: string, user: string) => ({
      rule,
      title: rule,
      kind: 'rule' as const,
      events: ['e1'],
      user,
      timestamp: '2026-03-02T10:00:00Z',
      severity: 'high' as const,
      action: 'block' as const,
      explanation: {},
    });
    await saveRun(
      db,
      {
        id: 'r1',
        datasetId: 'd',
        packId: 'p',
        packVersionId: 1,
        status: 'done',
        createdAt: 1,
        finishedAt: 2,
        result: null,
        errors: [],
        alertCount: 0,
        timing: null,
      },
      [alert('usb', 'amy'), alert('mail', 'amy'), alert('usb', 'bob')],
    );
    expect((await db.runs.get('r1'))?.alertCount).toBe(3);
    expect((await readAlerts(db, 'r1', { rule: 'usb' })).map((a) => a.user)).toEqual(['amy', 'bob']);
    expect(await readAlerts(db, 'r1', { limit: 1, offset: 2 })).toHaveLength(1);
  });
});
