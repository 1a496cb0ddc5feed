// Runs and their alerts. Alerts are rows of their own so the alert list pages through an index
// instead of loading a run's every alert.
import type { Alert, Diagnostic } from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import type { AlertRecord, RunRecord } from './records.ts';

/** Stores a finished run and its alerts in one transaction (a half-saved run never shows). */
export async function saveRun(
  db: SimulatorDatabase,
  run: RunRecord,
  alerts: readonly Alert[],
): Promise<void> {
  await db.transaction('rw', [db.runs, db.alerts], async () => {
    await db.alerts.where('runId').equals(run.id).delete();
    await db.alerts.bulkAdd(
      alerts.map((alert) => ({
        runId: run.id,
        rule: alert.rule,
        user: alert.user,
        timestamp: alert.timestamp,
        alert,
      })),
    );
    await db.runs.put({ ...run, alertCount: alerts.length });
  });
}

export async function listRuns(db: SimulatorDatabase, datasetId?: string): Promise<RunRecord[]> {
  const runs = datasetId
    ? await db.runs.where('datasetId').equals(datasetId).toArray()
    : await db.runs.toArray();
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getRun(db: SimulatorDatabase, id: string): Promise<RunRecord | undefined> {
  return db.runs.get(id);
}

export interface AlertPage {
  offset?: number;
  limit?: number;
  rule?: string;
  user?: string;
}

export async function readAlerts(
  db: SimulatorDatabase,
  runId: string,
  page: AlertPage = {},
): Promise<AlertRecord[]> {
  const collection = page.rule
    ? db.alerts.where('[runId+rule]').equals([runId, page.rule])
    : page.user
      ? db.alerts.where('[runId+user]').equals([runId, page.user])
      : db.alerts.where('runId').equals(runId);
  return collection
    .offset(page.offset ?? 0)
    .limit(page.limit ?? 200)
    .toArray();
}

export async function deleteRun(db: SimulatorDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.runs, db.alerts], async () => {
    await db.alerts.where('runId').equals(id).delete();
    await db.runs.delete(id);
  });
}

export function failedRun(base: Omit<RunRecord, 'status' | 'errors'>, errors: Diagnostic[]): RunRecord {
  return { ...base, status: 'failed', errors };
}
