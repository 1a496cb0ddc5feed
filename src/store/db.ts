// The `dlp-simulator` database: one Dexie instance per tab or worker.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type {
  AlertChunkRecord,
  DatasetRecord,
  DirectoryRecord,
  EntitlementRecord,
  ImportMappingRecord,
  PackRecord,
  PackVersionRecord,
  ResourceRecord,
  RunRecord,
  SegmentRecord,
  SettingRecord,
} from './records.ts';
import { declareSchema, CURRENT_SCHEMA_VERSION } from './schema.ts';
import { BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE, type StorageProblem } from './storage-errors.ts';

export const DATABASE_NAME = 'dlp-simulator';

export class SimulatorDatabase extends Dexie {
  declare datasets: Table<DatasetRecord, string>;
  declare segments: Table<SegmentRecord, string>;
  declare directory: Table<DirectoryRecord, [string, string]>;
  declare resources: Table<ResourceRecord, [string, string]>;
  declare entitlements: Table<EntitlementRecord, number>;
  declare packs: Table<PackRecord, string>;
  declare packVersions: Table<PackVersionRecord, number>;
  declare runs: Table<RunRecord, string>;
  declare alertChunks: Table<AlertChunkRecord, [string, number]>;
  declare settings: Table<SettingRecord, string>;
  declare importMappings: Table<ImportMappingRecord, string>;

  constructor(name: string, options: DexieOptions = {}, upToVersion = CURRENT_SCHEMA_VERSION) {
    // 'relaxed' durability: Chromium then commits without an fsync per transaction; a crash can
    // lose the last second of writes, which an import would redo anyway (it is staged).
    super(name, { chromeTransactionDurability: 'relaxed', cache: 'disabled', ...options });
    declareSchema(this, upToVersion);
  }
}

export interface OpenOptions {
  name?: string;
  /** For Node and tests: `fake-indexeddb`'s factory and key range. */
  dexieOptions?: DexieOptions;
  /** Another tab opened a newer version: this connection is already closed when this runs. */
  onProblem?: (problem: StorageProblem) => void;
}

/**
 * Opens the database and keeps two tabs safe: when another tab needs a newer schema, this
 * connection closes itself (so the other tab's upgrade is not blocked) and tells the user why.
 */
export async function openSimulatorDatabase(options: OpenOptions = {}): Promise<SimulatorDatabase> {
  const db = new SimulatorDatabase(options.name ?? DATABASE_NAME, options.dexieOptions);
  db.on('versionchange', () => {
    db.close();
    options.onProblem?.({ kind: 'version-change', message: VERSION_CHANGE_MESSAGE });
    return false;
  });
  db.on('blocked', () => options.onProblem?.({ kind: 'blocked', message: BLOCKED_MESSAGE }));
  await db.open();
  return db;
}
