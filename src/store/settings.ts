// Small user preferences and saved import mappings.
import type { SimulatorDatabase } from './db.ts';

export async function readSetting<T>(db: SimulatorDatabase, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function writeSetting(db: SimulatorDatabase, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}

/** How many of the newest runs the store keeps (pinned runs are kept as well). */
export const RUNS_TO_KEEP_KEY = 'runsToKeep';
export const DEFAULT_RUNS_TO_KEEP = 20;
export const MAX_RUNS_TO_KEEP = 1000;

/** Why a "runs to keep" value cannot be saved, in the user's words; null when it can. */
export function runsToKeepProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return `Runs to keep must be a whole number, not "${String(value)}".`;
  if (value < 1 || value > MAX_RUNS_TO_KEEP)
    return `Runs to keep must be between 1 and ${MAX_RUNS_TO_KEEP}, not ${value}.`;
  return null;
}

/** The saved value, or the default when none (or a broken one) is stored. */
export async function readRunsToKeep(db: SimulatorDatabase): Promise<number> {
  const value = await readSetting<unknown>(db, RUNS_TO_KEEP_KEY, DEFAULT_RUNS_TO_KEEP);
  return runsToKeepProblem(value) === null ? (value as number) : DEFAULT_RUNS_TO_KEEP;
}

/** Saves how many runs to keep; a value that is not a whole number from 1 up is refused. */
export async function writeRunsToKeep(db: SimulatorDatabase, value: number): Promise<void> {
  const problem = runsToKeepProblem(value);
  if (problem) throw new RangeError(problem);
  await writeSetting(db, RUNS_TO_KEEP_KEY, value);
}

export async function saveImportMapping(
  db: SimulatorDatabase,
  name: string,
  mapping: Record<string, unknown>,
): Promise<void> {
  await db.importMappings.put({ name, mapping, updatedAt: Date.now() });
}

export async function listImportMappings(db: SimulatorDatabase) {
  return db.importMappings.orderBy('name').toArray();
}
