// Every schema version the database has had, oldest first, each with the upgrade that carries a
// user's data forward. Dexie runs the upgrades in order, so a database at any earlier version opens
// at the newest one. Never edit a released version: add a new one and an upgrade.
import type { Transaction } from 'dexie';
import type Dexie from 'dexie';

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Version 1: datasets held their directory, resources and entitlements inline, and a pack was one
 * set of files (no history).
 */
const VERSION_1: SchemaVersion = {
  version: 1,
  stores: {
    datasets: 'id, createdAt',
    segments: 'id, datasetId',
    packs: 'id, name',
    runs: 'id, datasetId, createdAt',
    alerts: '++id, runId, [runId+rule]',
    settings: 'key',
  },
};

/**
 * Version 2: directory, resources and entitlements get their own tables (a 50k-user directory no
 * longer rides on every dataset listing); every pack keeps its versions (autosave history); imports
 * stage (`status`) so a half-written dataset is never used; CSV mappings are saved.
 */
const VERSION_2: SchemaVersion = {
  version: 2,
  stores: {
    datasets: 'id, createdAt, status',
    segments: 'id, datasetId, [datasetId+start]',
    directory: '[datasetId+name], datasetId',
    resources: '[datasetId+id], datasetId',
    entitlements: '++id, datasetId',
    packs: 'id, name, updatedAt',
    packVersions: '++id, packId, [packId+createdAt]',
    runs: 'id, datasetId, createdAt, packId',
    alerts: '++id, runId, [runId+rule], [runId+user]',
    settings: 'key',
    importMappings: 'name',
  },
  async upgrade(tx) {
    const now = Date.now();
    const datasets = (await tx.table('datasets').toArray()) as Record<string, unknown>[];
    for (const dataset of datasets) {
      const id = dataset.id as string;
      const {
        directory = [],
        resources = [],
        entitlements = [],
        ...rest
      } = dataset as {
        directory?: { name: string }[];
        resources?: { id: string }[];
        entitlements?: unknown[];
      } & Record<string, unknown>;
      await tx
        .table('directory')
        .bulkPut(directory.map((user) => ({ datasetId: id, name: user.name, user })));
      await tx
        .table('resources')
        .bulkPut(resources.map((resource) => ({ datasetId: id, id: resource.id, resource })));
      await tx
        .table('entitlements')
        .bulkAdd(entitlements.map((entitlement) => ({ datasetId: id, entitlement })));
      await tx.table('datasets').put({ ...rest, status: 'ready', importErrors: rest.importErrors ?? [] });
    }
    const packs = await tx.table('packs').toArray();
    for (const pack of packs as Record<string, unknown>[]) {
      const versionId = await tx.table('packVersions').add({
        packId: pack.id,
        files: pack.files ?? [],
        createdAt: (pack.updatedAt as number | undefined) ?? now,
        note: 'migrated',
      });
      const { files: _files, ...rest } = pack;
      await tx.table('packs').put({
        ...rest,
        currentVersionId: versionId,
        builtIn: rest.builtIn ?? false,
        updatedAt: rest.updatedAt ?? now,
      });
    }
  },
};

/** How many alerts one `alertChunks` row holds (the last row of a run holds the rest). */
export const ALERTS_PER_CHUNK = 1000;

/** A run's alerts in order, cut into the rows of `alertChunks` (`index` 0, 1, …). */
export function alertChunks<A>(
  runId: string,
  alerts: readonly A[],
): { runId: string; index: number; alerts: A[] }[] {
  const chunks: { runId: string; index: number; alerts: A[] }[] = [];
  for (let at = 0; at < alerts.length; at += ALERTS_PER_CHUNK)
    chunks.push({ runId, index: chunks.length, alerts: alerts.slice(at, at + ALERTS_PER_CHUNK) });
  return chunks;
}

/**
 * Version 3: a run's alerts are stored in chunks of `ALERTS_PER_CHUNK` (one row and three index
 * entries per alert made saving a 1M-event run's 2,161 alerts take 0.35–0.5 s, ~180 µs each, after
 * the evaluation; the app always reads a run's alerts whole). The alert rows are carried over in the
 * order the run raised them (their key order), then emptied; version 4 drops their table.
 */
const VERSION_3: SchemaVersion = {
  version: 3,
  stores: { ...VERSION_2.stores, alertChunks: '[runId+index], runId' },
  async upgrade(tx) {
    const byRun = new Map<string, unknown[]>();
    await tx
      .table('alerts')
      .toCollection()
      .each((row: { runId: string; alert: unknown }) => {
        let alerts = byRun.get(row.runId);
        if (!alerts) byRun.set(row.runId, (alerts = []));
        alerts.push(row.alert);
      });
    for (const [runId, alerts] of byRun) await tx.table('alertChunks').bulkAdd(alertChunks(runId, alerts));
    await tx.table('alerts').clear();
  },
};

/** Version 4: the per-alert table of versions 1–3 is gone (version 3 carried its rows over). */
const VERSION_4: SchemaVersion = {
  version: 4,
  stores: { ...VERSION_3.stores, alerts: null },
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [VERSION_1, VERSION_2, VERSION_3, VERSION_4];
export const CURRENT_SCHEMA_VERSION = VERSION_4.version;

/** Declares versions up to `upTo` (tests open a database at an earlier version, then upgrade it). */
export function declareSchema(db: Dexie, upTo = CURRENT_SCHEMA_VERSION): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
}
