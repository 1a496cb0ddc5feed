// What can go wrong with browser storage, as messages a user can act on. Pure: workers and the UI
// both turn caught errors into these values.

export type StorageProblemKind =
  'quota' | 'version-change' | 'blocked' | 'unavailable' | 'cancelled' | 'other';

export interface StorageProblem {
  kind: StorageProblemKind;
  message: string;
  /** The browser's own wording, for a details line. */
  detail?: string;
}

export const QUOTA_MESSAGE =
  'The browser refused to store more data: its storage quota for this site is full. Delete datasets or runs you no longer need (Data screen), or import a smaller file, then try again.';
export const VERSION_CHANGE_MESSAGE =
  'The simulator was opened or updated in another tab, which needs a newer database. This tab stopped using it so nothing is corrupted: reload this tab to continue.';
export const BLOCKED_MESSAGE =
  'Another tab still has the simulator open with an older database. Close or reload that tab to finish the upgrade.';

/** Thrown (or returned) by store and worker code once an error has been explained. */
export class StorageError extends Error {
  readonly problem: StorageProblem;
  constructor(problem: StorageProblem) {
    super(problem.message);
    this.name = 'StorageError';
    this.problem = problem;
  }
}

/**
 * Finds a quota error wherever the browser or Dexie put it: directly (`QuotaExceededError`, legacy
 * code 22), as the cause of a transaction `AbortError`, inside Dexie's `inner`, or among a
 * `BulkError`'s failures.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 6 || error === null || typeof error !== 'object') return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    error?: unknown;
    failures?: unknown;
  };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22)
    return true;
  if (typeof e.message === 'string' && /quota/i.test(e.message)) return true;
  const nested = [e.inner, e.cause, e.error, ...(Array.isArray(e.failures) ? e.failures : [])];
  return nested.some((inner) => isQuotaError(inner, depth + 1));
}

export function explainStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageError) return error.problem;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isQuotaError(error)) return { kind: 'quota', message: QUOTA_MESSAGE, detail };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError')
    return { kind: 'version-change', message: VERSION_CHANGE_MESSAGE, detail };
  if (name === 'MissingAPIError' || name === 'InvalidStateError')
    return {
      kind: 'unavailable',
      message:
        'This browser does not let the simulator store data (private mode or storage disabled). Allow site storage and reload.',
      detail,
    };
  if (name === 'AbortError' && /cancel/i.test(String((error as Error).message)))
    return { kind: 'cancelled', message: 'Cancelled.', detail };
  return { kind: 'other', message: `Storing data failed: ${detail}`, detail };
}
