// Small user preferences and saved import mappings.
import type { SimulatorDatabase } from './db.ts';

export async function readSetting<T>(db: SimulatorDatabase, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function writeSetting(db: SimulatorDatabase, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
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
