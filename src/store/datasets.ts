// Reading datasets back: listings, the run context, segments and segment pruning.
import type { DatasetContext, EngineEvent } from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import { deleteDatasetRows } from './dataset-writer.ts';
import type { DatasetRecord, SegmentRecord, SegmentSummaryRecord } from './records.ts';
import { decodeSegment } from './segment-codec.ts';

/** Datasets a user can run against (imports still staging are not offered). */
export async function listDatasets(db: SimulatorDatabase): Promise<DatasetRecord[]> {
  const all = await db.datasets.where('status').equals('ready').toArray();
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function getDataset(db: SimulatorDatabase, id: string): Promise<DatasetRecord | undefined> {
  const record = await db.datasets.get(id);
  return record?.status === 'ready' ? record : undefined;
}

/** Everything a run needs besides the pack and the events. */
export async function readDatasetContext(db: SimulatorDatabase, id: string): Promise<DatasetContext> {
  return db.transaction('r', [db.datasets, db.directory, db.resources, db.entitlements], async () => {
    const record = await db.datasets.get(id);
    if (!record || record.status !== 'ready')
      throw new Error(`Dataset "${id}" does not exist (or its import has not finished).`);
    const [directory, resources, entitlements] = await Promise.all([
      db.directory.where('datasetId').equals(id).toArray(),
      db.resources.where('datasetId').equals(id).toArray(),
      db.entitlements.where('datasetId').equals(id).toArray(),
    ]);
    return {
      manifest: record.manifest,
      scenarios: record.scenarios,
      directory: directory.map((r) => r.user),
      resources: resources.map((r) => r.resource),
      entitlements: entitlements.map((r) => r.entitlement),
    };
  });
}

/** Segments by id, in the order asked; a missing id is an error (the dataset changed under a run). */
export async function readSegments(db: SimulatorDatabase, ids: readonly string[]): Promise<SegmentRecord[]> {
  const rows = await db.segments.bulkGet([...ids]);
  return rows.map((row, i) => {
    if (!row)
      throw new Error(`Segment ${ids[i]} is missing: the dataset was deleted or re-imported during the run.`);
    return row;
  });
}

/** The events of a dataset in stored order (for small datasets, the explorer and tests). */
export async function readDatasetEvents(db: SimulatorDatabase, id: string): Promise<EngineEvent[]> {
  const rows = await db.segments.where('datasetId').equals(id).sortBy('index');
  return rows.flatMap((row) => decodeSegment(row));
}

export interface SegmentFilter {
  /** Epoch milliseconds, inclusive. */
  from?: number;
  to?: number;
  users?: readonly string[];
  categories?: readonly string[];
}

/**
 * The segments a run must read: those whose time range, users and categories can hold a matching
 * event. Pruning is by summary only, so a kept segment may still hold events outside the filter.
 */
export function segmentIdsForRun(
  segments: readonly SegmentSummaryRecord[],
  filter: SegmentFilter = {},
): string[] {
  const users = filter.users ? new Set(filter.users) : null;
  const categories = filter.categories ? new Set(filter.categories) : null;
  return segments
    .filter((s) => {
      const timed = !Number.isNaN(s.start);
      if (filter.from !== undefined && timed && s.end < filter.from) return false;
      if (filter.to !== undefined && timed && s.start > filter.to) return false;
      if (users && !s.users.some((u) => users.has(u))) return false;
      if (categories && !s.categories.some((c) => categories.has(c))) return false;
      return true;
    })
    .map((s) => s.id);
}

export async function deleteDataset(db: SimulatorDatabase, id: string): Promise<void> {
  await deleteDatasetRows(db, id);
}
