// Packs and their versions: every autosave is a version, so nothing a user typed is lost.
import type { PackFile } from '../engine/types.ts';
import type { SimulatorDatabase } from './db.ts';
import type { PackRecord, PackVersionRecord } from './records.ts';

export interface SavedPackVersion {
  pack: PackRecord;
  version: PackVersionRecord & { id: number };
}

/** Adds a version and makes it current, atomically (two tabs saving at once both keep their text). */
export async function savePackVersion(
  db: SimulatorDatabase,
  pack: { id: string; name: string; builtIn?: boolean },
  files: PackFile[],
  note = 'autosave',
): Promise<SavedPackVersion> {
  return db.transaction('rw', [db.packs, db.packVersions], async () => {
    const createdAt = Date.now();
    const version: PackVersionRecord = { packId: pack.id, files, createdAt, note };
    const id = await db.packVersions.add(version);
    const existing = await db.packs.get(pack.id);
    const record: PackRecord = {
      id: pack.id,
      name: pack.name,
      builtIn: pack.builtIn ?? existing?.builtIn ?? false,
      currentVersionId: id,
      updatedAt: createdAt,
    };
    await db.packs.put(record);
    return { pack: record, version: { ...version, id } };
  });
}

export async function listPacks(db: SimulatorDatabase): Promise<PackRecord[]> {
  return db.packs.orderBy('name').toArray();
}

/** Newest first. */
export async function listPackVersions(db: SimulatorDatabase, packId: string): Promise<PackVersionRecord[]> {
  const versions = await db.packVersions
    .where('[packId+createdAt]')
    .between([packId, -Infinity], [packId, Infinity])
    .toArray();
  return versions.reverse();
}

export async function getPackVersion(
  db: SimulatorDatabase,
  versionId: number,
): Promise<PackVersionRecord | undefined> {
  return db.packVersions.get(versionId);
}

export async function currentPackFiles(
  db: SimulatorDatabase,
  packId: string,
): Promise<PackFile[] | undefined> {
  const pack = await db.packs.get(packId);
  if (pack?.currentVersionId == null) return undefined;
  return (await db.packVersions.get(pack.currentVersionId))?.files;
}
