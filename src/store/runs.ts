// Runs and their alerts. A run's alerts are stored in order, `ALERTS_PER_CHUNK` to a row: the app
// reads a run's alerts whole, and a row per alert cost ~180 µs each to write.
import type { Alert, Diagnostic } from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import type { AlertRecord, RunRecord } from './records.ts';
import { alertChunks } from './schema.ts';

/**
 * Stores a finished run and its alerts in one transaction (a half-saved run never shows). A run
 * saved again under its id (the app's start-up run, remade at each start) replaces its record and
 * alerts but keeps its place among the runs (`createdAt`: a remade run never pushes newer ones out
 * of the newest N kept) and the user's pin.
 */
export async function saveRun(
  db: SimulatorDatabase,
  run: RunRecord,
  alerts: readonly Alert[],
): Promise<void> {
  await db.transaction('rw', [db.runs, db.alertChunks], async () => {
    await db.alertChunks.where('runId').equals(run.id).delete();
    await db.alertChunks.bulkAdd(alertChunks(run.id, alerts));
    const earlier = await db.runs.get(run.id);
    const pinned = run.pinned ?? earlier?.pinned;
    await db.runs.put({
      ...run,
      createdAt: earlier?.createdAt ?? run.createdAt,
      alertCount: alerts.length,
      ...(pinned !== undefined && { pinned }),
    });
  });
}

/** Newest first; runs saved in the same millisecond by their number (`r12` after `r11`). */
function newestFirst(a: RunRecord, b: RunRecord): number {
  return (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.id.localeCompare(a.id, 'en', { numeric: true });
}

export async function listRuns(db: SimulatorDatabase, datasetId?: string): Promise<RunRecord[]> {
  const runs = datasetId
    ? await db.runs.where('datasetId').equals(datasetId).toArray()
    : await db.runs.toArray();
  return runs.sort(newestFirst);
}

export async function getRun(db: SimulatorDatabase, id: string): Promise<RunRecord | undefined> {
  return db.runs.get(id);
}

/** A stored run with every alert, in the order the run raised them (alert `r3-17` is index 17). */
export async function openRun(
  db: SimulatorDatabase,
  id: string,
): Promise<{ run: RunRecord; alerts: Alert[] } | undefined> {
  return db.transaction('r', [db.runs, db.alertChunks], async () => {
    const run = await db.runs.get(id);
    if (!run) return undefined;
    return { run, alerts: await alertsOf(db, id) };
  });
}

/** A run's alerts in the order it raised them. */
async function alertsOf(db: SimulatorDatabase, runId: string): Promise<Alert[]> {
  const chunks = await db.alertChunks.where('runId').equals(runId).toArray();
  chunks.sort((a, b) => a.index - b.index);
  return chunks.flatMap((chunk) => chunk.alerts);
}

/** The settings row that holds the number of the next run. */
export const NEXT_RUN_NUMBER_KEY = 'nextRunNumber';

const RUN_NUMBER = /^r(\d+)$/;

/**
 * The next run id, `r<n>`, never handed out before in this browser: the counter lives in the store
 * (shared by every tab, bumped in one transaction) and skips past any stored run's number, so a
 * deep link such as `#/runs/r3` still names the same run after a reload.
 */
export async function allocateRunId(db: SimulatorDatabase): Promise<string> {
  return db.transaction('rw', [db.settings, db.runs], async () => {
    const row = await db.settings.get(NEXT_RUN_NUMBER_KEY);
    let next =
      typeof row?.value === 'number' && Number.isSafeInteger(row.value) && row.value > 0 ? row.value : 1;
    for (const key of await db.runs.toCollection().primaryKeys()) {
      const match = RUN_NUMBER.exec(key);
      if (match) next = Math.max(next, Number(match[1]) + 1);
    }
    await db.settings.put({ key: NEXT_RUN_NUMBER_KEY, value: next + 1 });
    return `r${next}`;
  });
}

/**
 * Keeps the newest `keep` runs and every pinned run; deletes the others with their alerts, all in
 * one transaction (a pruned run never leaves alerts behind). Returns the ids it deleted.
 */
export async function pruneRuns(db: SimulatorDatabase, keep: number): Promise<string[]> {
  return db.transaction('rw', [db.runs, db.alertChunks], async () => {
    const runs = (await db.runs.toArray()).sort(newestFirst);
    const doomed = runs
      .slice(Math.max(0, keep))
      .filter((run) => !run.pinned && run.status !== 'running')
      .map((run) => run.id);
    if (doomed.length > 0) {
      await db.alertChunks.where('runId').anyOf(doomed).delete();
      await db.runs.bulkDelete(doomed);
    }
    return doomed;
  });
}

/** Pins a run (pruning keeps it) or unpins it. */
export async function setRunPinned(db: SimulatorDatabase, id: string, pinned: boolean): Promise<void> {
  const changed = await db.runs.update(id, { pinned });
  if (changed === 0 && !(await db.runs.get(id))) throw new Error(`Run ${id} is no longer stored.`);
}

export interface AlertPage {
  offset?: number;
  limit?: number;
  rule?: string;
  user?: string;
}

/** A page of a run's alerts, in order, of one rule or one user if asked (`offset` counts those). */
export async function readAlerts(
  db: SimulatorDatabase,
  runId: string,
  page: AlertPage = {},
): Promise<AlertRecord[]> {
  const rows = (await alertsOf(db, runId))
    .map((alert, index) => ({
      index,
      runId,
      rule: alert.rule,
      user: alert.user,
      timestamp: alert.timestamp,
      alert,
    }))
    .filter(
      (row) =>
        (page.rule === undefined || row.rule === page.rule) &&
        (page.user === undefined || row.user === page.user),
    );
  const from = page.offset ?? 0;
  return rows.slice(from, from + (page.limit ?? 200));
}

export async function deleteRun(db: SimulatorDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.runs, db.alertChunks], async () => {
    await db.alertChunks.where('runId').equals(id).delete();
    await db.runs.delete(id);
  });
}

export function failedRun(base: Omit<RunRecord, 'status' | 'errors'>, errors: Diagnostic[]): RunRecord {
  return { ...base, status: 'failed', errors };
}
