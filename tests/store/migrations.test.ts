import { describe, it, expect } from 'vitest';
import { SimulatorDatabase } from '../../src/store/db.ts';
import { SCHEMA_VERSIONS, CURRENT_SCHEMA_VERSION } from '../../src/store/schema.ts';
import { readDatasetContext, listDatasets } from '../../src/store/datasets.ts';
import { currentPackFiles, listPackVersions } from '../../src/store/packs.ts';
import { freshDexieOptions } from './test-database.ts';

/** What a user had written at each earlier version, in that version's layout. */
const SEEDS: Record<number, (db: SimulatorDatabase) => Promise<void>> = {
  1: async (db) => {
    await db.table('datasets').put({
      id: 'mine',
      title: 'My logs',
      manifest: { id: 'mine', title: 'My logs' },
      scenarios: [],
      createdAt: 1,
      eventCount: 0,
      segmentCount: 0,
      directory: [{ name: 'amy', department: 'Finance' }],
      resources: [{ id: 'crm', sensitivity: 'restricted' }],
      entitlements: [{ user: 'amy', resource: 'crm', actions: ['read'] }],
    });
    await db
      .table('packs')
      .put({ id: 'p', name: 'Tuned', files: [{ name: 'r.yml', text: 'title: mine' }], updatedAt: 5 });
    await db.table('runs').put({ id: 'r', datasetId: 'mine', createdAt: 2 });
    await db.table('settings').put({ key: 'theme', value: 'dark' });
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
