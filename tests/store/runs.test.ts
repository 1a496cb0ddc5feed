import { describe, it, expect } from 'vitest';
import type { Alert } from '../../src/engine/types.ts';
import { SimulatorDatabase } from '../../src/store/db.ts';
import type { RunRecord } from '../../src/store/records.ts';
import {
  allocateRunId,
  deleteRun,
  listRuns,
  openRun,
  pruneRuns,
  saveRun,
  setRunPinned,
} from '../../src/store/runs.ts';
import {
  DEFAULT_RUNS_TO_KEEP,
  readRunsToKeep,
  writeRunsToKeep,
  writeSetting,
} from '../../src/store/settings.ts';
import { freshDexieOptions, openTestDatabase } from './test-database.ts';

const alert = (rule: string, user: string, event: string): Alert => ({
  rule,
  title: rule,
  kind: 'rule',
  events: [event],
  user,
  timestamp: '2026-03-02T10:00:00Z',
  severity: 'high',
  action: 'block',
  explanation: {},
});

function run(id: string, createdAt: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    datasetId: 'classroom',
    packId: null,
    packVersionId: null,
    status: 'done',
    createdAt,
    finishedAt: createdAt,
    result: { metrics: { overall: { precision: 0.5, recall: 1 } }, risk: { users: [] }, unmatchable: [] },
    errors: [],
    alertCount: 0,
    timing: { wallMs: 1234, workers: 2, events: 100 },
    ...extra,
  };
}

/** Saves runs r1…rN, one a minute apart, each with `id`-tagged alerts so leftovers are visible. */
async function seedRuns(db: SimulatorDatabase, count: number, pinned: string[] = []) {
  for (let i = 1; i <= count; i++) {
    const id = `r${i}`;
    await saveRun(db, run(id, i * 60_000, { pinned: pinned.includes(id), label: `Run ${i}` }), [
      alert('usb', 'amy', `${id}-a`),
      alert('mail', 'bob', `${id}-b`),
    ]);
  }
}

const alertRunIds = async (db: SimulatorDatabase) =>
  [...new Set((await db.alertChunks.toArray()).map((row) => row.runId))].sort();

describe('stored runs', () => {
  it('lists every run newest first with what the app saved (label, pack version, pin)', async () => {
    const db = await openTestDatabase();
    await saveRun(db, run('r1', 1_000, { label: 'Default pack', packVersion: 1 }), []);
    await saveRun(db, run('r2', 2_000, { label: 'Pack version 2', packVersion: 2, pinned: true }), [
      alert('usb', 'amy', 'e1'),
    ]);
    const runs = await listRuns(db);
    expect(runs.map((r) => [r.id, r.label, r.packVersion, r.pinned === true, r.alertCount])).toEqual([
      ['r2', 'Pack version 2', 2, true, 1],
      ['r1', 'Default pack', 1, false, 0],
    ]);
  });

  it('reopens a run with its alerts in the order the run raised them', async () => {
    const db = await openTestDatabase();
    const alerts = [alert('usb', 'amy', 'e1'), alert('mail', 'bob', 'e2'), alert('usb', 'bob', 'e3')];
    await saveRun(db, run('r1', 1), alerts);
    await saveRun(db, run('r2', 2), [alert('other', 'cy', 'e9')]);
    const opened = await openRun(db, 'r1');
    expect(opened?.run).toMatchObject({ id: 'r1', alertCount: 3 });
    expect(opened?.alerts).toEqual(alerts);
    expect(await openRun(db, 'r404')).toBeUndefined();
  });

  it('keeps thousands of alerts in order across its chunks, and a smaller re-save leaves no chunk behind', async () => {
    const db = await openTestDatabase();
    const many = Array.from({ length: 2_345 }, (_, n) => alert(n % 2 ? 'usb' : 'mail', 'amy', `e${n}`));
    await saveRun(db, run('r1', 1_000), many);
    await saveRun(db, run('r2', 2_000), [alert('usb', 'bob', 'x')]);
    expect((await openRun(db, 'r1'))?.alerts).toEqual(many);
    expect((await db.alertChunks.where('runId').equals('r1').toArray()).map((c) => c.alerts.length)).toEqual([
      1000, 1000, 345,
    ]);
    await saveRun(db, run('r1', 3_000), many.slice(0, 3));
    expect((await openRun(db, 'r1'))?.alerts).toEqual(many.slice(0, 3));
    expect(await db.alertChunks.where('runId').equals('r1').count()).toBe(1);
    expect((await openRun(db, 'r2'))?.alerts.map((a) => a.events[0])).toEqual(['x']);
  });

  it('a run saved again under its id replaces its alerts and keeps the pin', async () => {
    const db = await openTestDatabase();
    await saveRun(db, run('r1', 1_000, { label: 'Default pack' }), [
      alert('usb', 'amy', 'e1'),
      alert('mail', 'bob', 'e2'),
    ]);
    await setRunPinned(db, 'r1', true);
    await saveRun(db, run('r2', 2_000, { label: 'Pack version 2' }), []);
    // The next start remakes r1: a new record (it knows nothing of the pin) and fewer alerts. It keeps
    // its place behind the newer r2, so pruning to the newest one would still keep r2.
    await saveRun(db, run('r1', 9_000, { label: 'Default pack' }), [alert('usb', 'amy', 'e1')]);
    const runs = await listRuns(db);
    expect(runs.map((r) => [r.id, r.createdAt, r.pinned, r.alertCount])).toEqual([
      ['r2', 2_000, undefined, 0],
      ['r1', 1_000, true, 1],
    ]);
    expect((await openRun(db, 'r1'))?.alerts.map((a) => a.events[0])).toEqual(['e1']);
    // An explicit unpin in the record itself is kept as written.
    await saveRun(db, run('r1', 9_500, { pinned: false }), []);
    expect((await listRuns(db)).find((r) => r.id === 'r1')?.pinned).toBe(false);
  });

  it('hands out run ids that never repeat, across reloads and after pruning', async () => {
    const options = freshDexieOptions();
    const first = new SimulatorDatabase('dlp-simulator', options);
    await first.open();
    expect([await allocateRunId(first), await allocateRunId(first)]).toEqual(['r1', 'r2']);
    await saveRun(first, run('r2', 2), []);
    first.close();

    // The next visit (a new connection to the same database) goes on counting.
    const second = new SimulatorDatabase('dlp-simulator', options);
    await second.open();
    expect(await allocateRunId(second)).toBe('r3');
    await deleteRun(second, 'r2');
    expect(await allocateRunId(second)).toBe('r4');
    // Two runs started at once (two tabs) still get different ids.
    const both = await Promise.all([allocateRunId(second), allocateRunId(second)]);
    expect(new Set(both).size).toBe(2);
    second.close();
  });

  it('skips past stored run numbers when the counter is missing (a database of an older build)', async () => {
    const db = await openTestDatabase();
    await saveRun(db, run('r7', 1), []);
    await saveRun(db, run('3f2a-uuid-of-an-older-build', 2), []);
    expect(await allocateRunId(db)).toBe('r8');
  });

  it('pruning keeps the newest N and the pinned runs, and deletes the others with their alerts', async () => {
    const db = await openTestDatabase();
    await seedRuns(db, 6, ['r2']);
    await writeSetting(db, 'theme', 'dark');
    const deleted = await pruneRuns(db, 3);
    expect(deleted.sort()).toEqual(['r1', 'r3']);
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['r6', 'r5', 'r4', 'r2']);
    // Alerts went with their run, and only with their run.
    expect(await alertRunIds(db)).toEqual(['r2', 'r4', 'r5', 'r6']);
    expect((await openRun(db, 'r2'))?.alerts.map((a) => a.events[0])).toEqual(['r2-a', 'r2-b']);
    expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
  });

  it('pruning with room to spare deletes nothing', async () => {
    const db = await openTestDatabase();
    await seedRuns(db, 3);
    expect(await pruneRuns(db, 20)).toEqual([]);
    expect(await alertRunIds(db)).toEqual(['r1', 'r2', 'r3']);
  });

  it('an unpinned run is pruned again; pinning a run that is gone says so', async () => {
    const db = await openTestDatabase();
    await seedRuns(db, 3, ['r1']);
    expect(await pruneRuns(db, 1)).toEqual(['r2']);
    await setRunPinned(db, 'r1', false);
    expect(await pruneRuns(db, 1)).toEqual(['r1']);
    await expect(setRunPinned(db, 'r1', true)).rejects.toThrow('Run r1 is no longer stored.');
  });

  it('deleting a run removes its alerts and leaves other runs whole', async () => {
    const db = await openTestDatabase();
    await seedRuns(db, 2);
    await deleteRun(db, 'r1');
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['r2']);
    expect(await alertRunIds(db)).toEqual(['r2']);
  });

  it('a run stored by schema version 1 (no status, label or alert count) still lists and opens', async () => {
    const options = freshDexieOptions();
    const old = new SimulatorDatabase('dlp-simulator', options, 1);
    await old.open();
    await old.table('runs').put({ id: 'old', datasetId: 'mine', createdAt: 2 });
    old.close();
    const db = new SimulatorDatabase('dlp-simulator', options);
    await db.open();
    await saveRun(db, run('r1', 5), []);
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['r1', 'old']);
    expect((await openRun(db, 'old'))?.alerts).toEqual([]);
    expect(await pruneRuns(db, 1)).toEqual(['old']);
    db.close();
  });
});

describe('how many runs the store keeps', () => {
  it(`is ${DEFAULT_RUNS_TO_KEEP} until the user saves another number`, async () => {
    const db = await openTestDatabase();
    expect(await readRunsToKeep(db)).toBe(DEFAULT_RUNS_TO_KEEP);
    await writeRunsToKeep(db, 3);
    expect(await readRunsToKeep(db)).toBe(3);
  });

  it.each([
    [0, 'Runs to keep must be between 1 and 1000, not 0.'],
    [2.5, 'Runs to keep must be a whole number, not "2.5".'],
    [Number.NaN, 'Runs to keep must be a whole number, not "NaN".'],
  ])('refuses %s with a message and keeps the saved value', async (value, message) => {
    const db = await openTestDatabase();
    await writeRunsToKeep(db, 5);
    await expect(writeRunsToKeep(db, value)).rejects.toThrow(message);
    expect(await readRunsToKeep(db)).toBe(5);
  });

  it('a broken stored value falls back to the default', async () => {
    const db = await openTestDatabase();
    await writeSetting(db, 'runsToKeep', 'lots');
    expect(await readRunsToKeep(db)).toBe(DEFAULT_RUNS_TO_KEEP);
  });
});
