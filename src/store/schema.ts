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

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [VERSION_1, VERSION_2];
export const CURRENT_SCHEMA_VERSION = VERSION_2.version;

/** Declares versions up to `upTo` (tests open a database at an earlier version, then upgrade it). */
export function declareSchema(db: Dexie, upTo = CURRENT_SCHEMA_VERSION): void {
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upTo) break;
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
}
