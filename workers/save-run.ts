// The merging worker stores the run it merged: the run record and every alert are written to
// IndexedDB from the worker, so the page never spends a long task structured-cloning thousands of
// alerts into `alerts.bulkAdd` (measured: 64–585 ms on the page, growing with the alert count).
import type { Alert, Diagnostic } from '../src/engine/types.ts';
import type { SimulatorDatabase } from '../src/store/db.ts';
import type { RunRecord, RunTiming } from '../src/store/records.ts';
import { saveRun } from '../src/store/runs.ts';

/** What the page knows of a run before its merge: everything of the record but the merge's result. */
export type RunDraft = Omit<
  RunRecord,
  'status' | 'result' | 'errors' | 'alertCount' | 'finishedAt' | 'timing'
> & {
  timing: RunTiming;
};

export interface SavedRun {
  /** The merged run with `errors` including the pool's (alerts included: the page shows them). */
  result: Record<string, unknown>;
  errors: Diagnostic[];
  /** The stored timing (merge included), plus the save's own milliseconds. */
  timing: RunTiming;
}

/**
 * Completes the draft with a merged run (`merged.alerts`, `merged.errors`) and stores it with its
 * alerts in one transaction. `poolErrors` (rules stopped by the time budget, crashes) follow the
 * merge's errors; `mergeMs` is the merge's wall time in this worker.
 */
export async function saveMergedRun(
  db: SimulatorDatabase,
  draft: RunDraft,
  merged: Record<string, unknown>,
  poolErrors: readonly Diagnostic[],
  mergeMs: number,
): Promise<SavedRun> {
  const alerts = (merged.alerts as Alert[] | undefined) ?? [];
  const errors = [...((merged.errors as Diagnostic[] | undefined) ?? []), ...poolErrors];
  const phases = draft.timing.phases ?? { describeMs: 0, poolMs: 0, mergeMs: 0, saveMs: 0 };
  const timing: RunTiming = {
    ...draft.timing,
    wallMs: draft.timing.wallMs + mergeMs,
    phases: { ...phases, mergeMs, saveMs: 0 },
  };
  const { alerts: _alerts, ...rest } = merged;
  const record: RunRecord = {
    ...draft,
    status: 'done',
    finishedAt: Date.now(),
    result: rest,
    errors,
    alertCount: alerts.length,
    timing,
  };
  const started = performance.now();
  await saveRun(db, record, alerts);
  // The stored record was written before this: only the returned timing knows the save time.
  const saved: RunTiming = { ...timing, phases: { ...timing.phases!, saveMs: performance.now() - started } };
  return { result: { ...merged, errors }, errors, timing: saved };
}
