// The rows of the `dlp-simulator` IndexedDB database. Plain data only: every row survives
// structured cloning, so workers read and write the same shapes the UI does.
import type {
  Alert,
  CatalogResource,
  DatasetManifest,
  Diagnostic,
  DirectoryUser,
  Entitlement,
  PackFile,
  ScenarioTruth,
} from '../engine/types.ts';
import type { EncodedColumn } from './segment-codec.ts';

/**
 * `staging` while an import is still writing segments; `ready` once it committed. A staging dataset
 * is never offered to a run, and is garbage-collected when its import did not finish.
 */
export type DatasetStatus = 'staging' | 'ready';

export interface DatasetRecord {
  id: string;
  title: string;
  manifest: DatasetManifest;
  scenarios: ScenarioTruth[];
  status: DatasetStatus;
  createdAt: number;
  /** Last write; a staging dataset whose import stopped writing long ago is garbage. */
  updatedAt: number;
  /**
   * While staging: the Web Lock its writer holds until it commits or aborts. A lock no longer held
   * means the writer died (tab closed or reloaded), however recent its last write.
   */
  lock?: string;
  eventCount: number;
  segmentCount: number;
  /** Epoch milliseconds of the first and last event. */
  start: number;
  end: number;
  /** Where the events came from: a file name, `generator`, `classroom`. */
  source: string;
  /** Rows the import skipped, each with file and line. */
  importErrors: Diagnostic[];
  /** Pruning facts of every segment, in event order (a run picks segments without reading them). */
  segments: SegmentSummaryRecord[];
}

export interface SegmentRecord {
  /** `<datasetId>/<index, zero-padded>`: sorts in event order inside a dataset. */
  id: string;
  datasetId: string;
  index: number;
  count: number;
  start: number;
  end: number;
  users: string[];
  categories: string[];
  bytes: number;
  columns: EncodedColumn[];
}

/** The pruning facts of a segment, without its columns (cheap to list). */
export type SegmentSummaryRecord = Omit<SegmentRecord, 'columns'>;

export interface DirectoryRecord {
  datasetId: string;
  name: string;
  user: DirectoryUser;
}

export interface ResourceRecord {
  datasetId: string;
  id: string;
  resource: CatalogResource;
}

export interface EntitlementRecord {
  id?: number;
  datasetId: string;
  entitlement: Entitlement;
}

export interface PackRecord {
  id: string;
  name: string;
  /** The version the editor shows; every autosave adds a version and moves this. */
  currentVersionId: number | null;
  builtIn: boolean;
  updatedAt: number;
}

export interface PackVersionRecord {
  id?: number;
  packId: string;
  files: PackFile[];
  createdAt: number;
  /** `autosave`, `import`, `built-in`, `migrated`, or the user's own note. */
  note: string;
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface RunRecord {
  id: string;
  datasetId: string;
  packId: string | null;
  packVersionId: number | null;
  status: RunStatus;
  createdAt: number;
  finishedAt: number | null;
  /** The engine's RunResult without its alerts (they live in `alertChunks`). */
  result: Record<string, unknown> | null;
  errors: Diagnostic[];
  alertCount: number;
  /** Wall time, workers used, events per second. */
  timing: RunTiming | null;
  // Added without a schema change (no index needs them): runs stored by earlier builds lack them.
  /** The name the app gave the run ("Default pack on the classroom dataset", "Pack version 3"). */
  label?: string;
  /** The app's saved pack version that ran (1 = the shipped default pack). */
  packVersion?: number;
  /** Pinned by the user: kept when older runs are pruned. */
  pinned?: boolean;
}

export interface RunTiming {
  wallMs: number;
  workers: number;
  events: number;
  /** Wall milliseconds of the run's phases: compile check, pool, merge, saving. */
  phases?: { describeMs: number; poolMs: number; mergeMs: number; saveMs: number };
  /** Worker milliseconds per step summed over tasks (compile, read, decode, evaluate). */
  workerMs?: Record<string, number>;
}

/** One alert of a run as `readAlerts` pages them: its place in the run, and what it is filtered by. */
export interface AlertRecord {
  /** Its position among the run's alerts (alert `r3-17` is 17). */
  index: number;
  runId: string;
  rule: string;
  user: string | null;
  timestamp: string;
  alert: Alert;
}

/** A run's alerts in the order it raised them, `ALERTS_PER_CHUNK` to a row (`index` 0, 1, …). */
export interface AlertChunkRecord {
  runId: string;
  index: number;
  alerts: Alert[];
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A CSV column → event field mapping the user saved for reuse. */
export interface ImportMappingRecord {
  name: string;
  mapping: Record<string, unknown>;
  updatedAt: number;
}
