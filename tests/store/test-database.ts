// A fresh in-memory IndexedDB per test: fake-indexeddb's factory handed to Dexie explicitly, so
// tests never share state and never depend on globals.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DexieOptions } from 'dexie';
import { openSimulatorDatabase, SimulatorDatabase, type OpenOptions } from '../../src/store/db.ts';

export function freshDexieOptions(): DexieOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export async function openTestDatabase(
  options: Omit<OpenOptions, 'dexieOptions'> = {},
  dexieOptions = freshDexieOptions(),
) {
  return openSimulatorDatabase({ ...options, dexieOptions });
}

export { SimulatorDatabase };
