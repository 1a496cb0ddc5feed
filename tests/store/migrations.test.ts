import { describe, it, expect } from 'vitest';
import { SimulatorDatabase } from '../../src/store/db.ts';
import { SCHEMA_VERSIONS, CURRENT_SCHEMA_VERSION } from '../../src/store/schema.ts';
import { readDatasetContext, listDatasets } from '../../src/store/datasets.ts';
import { currentPackFiles, listPackVersions } from '../../src/store/packs.ts';
import { openRun, readAlerts } from '../../src/store/runs.ts';
import type { Alert } from '../../src/engine/types.ts';
import { freshDexieOptions } from './test-database.ts';

/** Alert `n` of run `r` (a run of 1,203 alerts spans two chunks at version 3 and after). */
const alert = (n: number): Alert => ({
  rule: n % 3 === 0 ? 'usb' : 'mail',
  title: `alert ${n}`,
  kind: 'rule',
  events: [`e${n}`],
  user: n % 2 === 0 ? 'amy' : 'bob',
  timestamp: new Date(Date.UTC(2026, 2, 2, 0, 0, n)).toISOString(),
  severity: 'high',
  action: 'audit',
  explanation: {},
});
const ALERTS = Array.from({ length: 1203 }, (_, n) => alert(n));
/** Run `other`'s alerts: interleaved with run r's in the per-alert table, they must not mix. */
const OTHER_ALERTS = [alert(5000), alert(5001)];

/** Alert rows of versions 1–3, in the order the runs raised them (r's and other's interleaved). */
function alertRows(): Record<string, unknown>[] {
  const row = (runId: string, a: Alert) => ({
    runId,
    rule: a.rule,
    user: a.user,
    timestamp: a.timestamp,
    alert: a,
  });
  const rows = ALERTS.map((a) => row('r', a));
  rows.splice(10, 0, row('other', OTHER_ALERTS[0]!));
  rows.splice(700, 0, row('other', OTHER_ALERTS[1]!));
  return rows;
}

/** The dataset record's fields every version has. */
const DATASET = {
  id: 'mine',
  title: 'My logs',
  manifest: { id: 'mine', title: 'My logs' },
  scenarios: [],
  createdAt: 1,
  eventCount: 0,
  segmentCount: 0,
};

/** Version 2's layout of the user's data (version 3 only adds a table). */
async function seedVersion2(db: SimulatorDatabase): Promise<void> {
  await db.table('datasets').put({
    ...DATASET,
    status: 'ready',
    importErrors: [],
  });
  await db
    .table('directory')
    .put({ datasetId: 'mine', name: 'amy', user: { name: 'amy', department: 'Finance' } });
  await db
    .table('resources')
    .put({ datasetId: 'mine', id: 'crm', resource: { id: 'crm', sensitivity: 'restricted' } });
  await db
    .table('entitlements')
    .add({ datasetId: 'mine', entitlement: { user: 'amy', resource: 'crm', actions: ['read'] } });
  const versionId = await db
    .table('packVersions')
    .add({ packId: 'p', files: [{ name: 'r.yml', text: 'title: mine' }], createdAt: 5, note: 'migrated' });
  await db
    .table('packs')
    .put({ id: 'p', name: 'Tuned', currentVersionId: versionId, builtIn: false, updatedAt: 5 });
  await db.table('runs').put({ id: 'r', datasetId: 'mine', createdAt: 2, alertCount: ALERTS.length });
  await db
    .table('runs')
    .put({ id: 'other', datasetId: 'mine', createdAt: 3, alertCount: OTHER_ALERTS.length });
  await db.table('settings').put({ key: 'theme', value: 'dark' });
}

/** What a user had written at each earlier version, in that version's layout. */
const SEEDS: Record<number, (db: SimulatorDatabase) => Promise<void>> = {
  1: async (db) => {
    await db.table('datasets').put({
      ...DATASET,
      directory: [{ name: 'amy', department: 'Finance' }],
      resources: [{ id: 'crm', sensitivity: 'restricted' }],
      entitlements: [{ user: 'amy', resource: 'crm', actions: ['read'] }],
    });
    await db
      .table('packs')
      .put({ id: 'p', name: 'Tuned', files: [{ name: 'r.yml', text: 'title: mine' }], updatedAt: 5 });
    await db.table('runs').put({ id: 'r', datasetId: 'mine', createdAt: 2, alertCount: ALERTS.length });
    await db
      .table('runs')
      .put({ id: 'other', datasetId: 'mine', createdAt: 3, alertCount: OTHER_ALERTS.length });
    await db.table('alerts').bulkAdd(alertRows());
    await db.table('settings').put({ key: 'theme', value: 'dark' });
  },
  2: async (db) => {
    await seedVersion2(db);
    await db.table('alerts').bulkAdd(alertRows());
  },
  3: async (db) => {
    await seedVersion2(db);
    await db.table('alertChunks').bulkAdd([
      { runId: 'r', index: 0, alerts: ALERTS.slice(0, 1000) },
      { runId: 'r', index: 1, alerts: ALERTS.slice(1000) },
      { runId: 'other', index: 0, alerts: OTHER_ALERTS },
    ]);
  },
};

describe('schema migrations', () => {
  it('declares versions in order, the last one current', () => {
    const numbers = SCHEMA_VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(CURRENT_SCHEMA_VERSION);
  });

  for (const step of SCHEMA_VERSIONS.filter((v) => v.version < CURRENT_SCHEMA_VERSION)) {
    it(`a database at version ${step.version} upgrades to version ${CURRENT_SCHEMA_VERSION} and keeps the user's data`, async () => {
      const options = freshDexieOptions();
      const old = new SimulatorDatabase('dlp-simulator', options, step.version);
      await old.open();
      await SEEDS[step.version]!(old);
      old.close();

      const db = new SimulatorDatabase('dlp-simulator', options);
      await db.open();
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const [dataset] = await listDatasets(db);
      expect(dataset).toMatchObject({ id: 'mine', title: 'My logs', status: 'ready' });
      expect(dataset).not.toHaveProperty('directory');
      const context = await readDatasetContext(db, 'mine');
      expect(context.directory).toEqual([{ name: 'amy', department: 'Finance' }]);
      expect(context.resources).toEqual([{ id: 'crm', sensitivity: 'restricted' }]);
      expect(context.entitlements).toEqual([{ user: 'amy', resource: 'crm', actions: ['read'] }]);
      expect(await currentPackFiles(db, 'p')).toEqual([{ name: 'r.yml', text: 'title: mine' }]);
      expect((await listPackVersions(db, 'p')).map((v) => v.note)).toEqual(['migrated']);
      expect(await db.runs.get('r')).toMatchObject({ datasetId: 'mine' });
      // Every alert of every run, in the order the run raised it, none mixed into another run.
      expect((await openRun(db, 'r'))?.alerts).toEqual(ALERTS);
      expect((await openRun(db, 'other'))?.alerts).toEqual(OTHER_ALERTS);
      expect(
        (await readAlerts(db, 'r', { rule: 'usb', offset: 300, limit: 2 })).map((row) => row.index),
      ).toEqual([900, 903]);
      expect(db.tables.map((table) => table.name)).not.toContain('alerts');
      expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
      db.close();
    });
  }

  it('has a seed for every earlier version, so no upgrade goes untested', () => {
    const earlier = SCHEMA_VERSIONS.filter((v) => v.version < CURRENT_SCHEMA_VERSION).map((v) => v.version);
    expect(Object.keys(SEEDS).map(Number)).toEqual(earlier);
  });

  it('a tab holding the old version closes itself and says why when another tab upgrades', async () => {
    const options = freshDexieOptions();
    const problems: string[] = [];
    const { openSimulatorDatabase } = await import('../../src/store/db.ts');
    const first = await openSimulatorDatabase({
      dexieOptions: options,
      onProblem: (p) => problems.push(p.kind),
    });
    // A newer build in another tab: same name, one version more.
    const newer = new SimulatorDatabase('dlp-simulator', options);
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ extra: 'id' });
    await newer.open();
    expect(problems).toEqual(['version-change']);
    expect(first.isOpen()).toBe(false);
    newer.close();
  });
});
