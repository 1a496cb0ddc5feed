// What every importer returns: events and the directory it could build, plus every bad row it
// skipped. The caller decides whether the result commits (an import is all or nothing).
import type {
  CatalogResource,
  DatasetManifest,
  Diagnostic,
  DirectoryUser,
  EngineEvent,
  Entitlement,
  ScenarioTruth,
} from '../types.ts';

export interface ImportResult {
  events: EngineEvent[];
  directory: DirectoryUser[];
  resources: CatalogResource[];
  entitlements: Entitlement[];
  scenarios: ScenarioTruth[];
  /** Manifest fields the source itself carried (a bundle's dataset.json); defaults come from the caller. */
  manifest?: Partial<DatasetManifest>;
  errors: Diagnostic[];
}

/** One source file handed to an importer: the name the user knows it by and its text. */
export interface ImportFile {
  name: string;
  text: string;
}

/** Rows done so far, for progress bars; `total` is known when the whole text is at hand. */
export type ImportProgress = (done: number, total?: number) => void;

export function emptyImportResult(): ImportResult {
  return { events: [], directory: [], resources: [], entitlements: [], scenarios: [], errors: [] };
}

/**
 * A reader of a file arriving in pieces (NDJSON, CSV, Elastic lines): the events and errors of each
 * piece as it completes rows, then of the rest at the end.
 */
export interface PieceReader {
  push(text: string): { events: EngineEvent[]; errors: Diagnostic[] };
  end(): { events: EngineEvent[]; errors: Diagnostic[] };
}
