// What a dataset path is (a file, a folder, a pipe) and which files a folder holds, for
// read-dataset.ts: links to folders followed once, broken links listed so their reader names them,
// folders read a few levels deep.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../engine/types.ts';
import { importError } from '../engine/import/diagnostic.ts';
import { UsageError } from './args.ts';
import { whyUnreadable } from './read-text.ts';

/** A file, a folder, or something read once as it comes: a named pipe, a device. */
export type PathKind = 'file' | 'folder' | 'stream';

export async function kindOf(path: string): Promise<PathKind> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    let broken = false;
    try {
      broken = (await lstat(path)).isSymbolicLink();
    } catch {
      // No such path at all.
    }
    if (broken) throw new UsageError(`cannot read dataset "${path}": ${await whyUnreadable(path, error)}`);
    throw new UsageError(`cannot read dataset "${path}": no such file or folder`);
  }
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'stream';
}

/** Whether `path` is `folder` or inside it (`/` holds every path). */
function isWithin(path: string, folder: string): boolean {
  const way = relative(folder, path);
  return way === '' || (!way.startsWith('..') && !isAbsolute(way));
}

/** What a folder entry is when it is neither a file nor a folder (nor a link, for `Dirent`s). */
function otherKind(info: {
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isFIFO(): boolean;
}): string | undefined {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isFIFO()) return 'a named pipe';
  return undefined;
}

/** How deep `listFiles` looks into a folder's subfolders. */
const FOLDER_DEPTH = 3;

interface Listing {
  /** Every file, named relative to the folder with forward slashes (`LDAP/2010-01.csv`). */
  names: string[];
  /** Subfolders that were not read, each with its reason. */
  notes: Diagnostic[];
}

/**
 * Every file under `folder`. A link to a folder is read as that folder, unless it points inside
 * `folder` (read already, and a loop if it points up); a broken link is listed like a file, so
 * its reader says it cannot be read.
 */
export async function listFiles(folder: string, depth = FOLDER_DEPTH): Promise<Listing> {
  const names: string[] = [];
  const notes: Diagnostic[] = [];
  const root = await realpath(folder);
  const nameOf = (full: string) => relative(folder, full).split('\\').join('/');
  const walked = new Set<string>([root]);
  async function walk(dir: string, level: number) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === folder)
        throw new UsageError(`cannot read folder "${folder}": ${await whyUnreadable(dir, error)}`);
      notes.push(
        importError(dir, 1, `${nameOf(dir)}/ skipped: it cannot be read: ${await whyUnreadable(dir, error)}`),
      );
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      let isFolder = entry.isDirectory();
      // What the entry is, through a link: a device, a socket or a pipe in a folder of logs is no
      // log, and reading one may never end (`/dev/zero`, a pipe nobody writes to).
      let other = otherKind(entry);
      if (entry.isSymbolicLink()) {
        let target: string | undefined;
        try {
          const info = await stat(full);
          if (info.isDirectory()) target = await realpath(full);
          other = otherKind(info);
        } catch {
          // A broken link: listed as a file below, so its reader says why it cannot be read.
        }
        if (target !== undefined) {
          const read = walked.has(target) || isWithin(target, root);
          if (read || isWithin(root, target)) {
            // (A link up to a folder that holds this one, `/` included, would read it all again.)
            const why = read ? 'which is read already' : 'which holds the folder being read';
            notes.push(
              importError(
                full,
                1,
                `${nameOf(full)} skipped: a link to the folder "${await readlink(full)}", ${why}`,
                {
                  severity: 'warning',
                },
              ),
            );
            continue;
          }
          walked.add(target);
          isFolder = true;
        }
      }
      if (other !== undefined)
        notes.push(
          importError(full, 1, `${nameOf(full)} skipped: it is ${other}, not a file of logs`, {
            severity: 'warning',
            suggestion: 'give it as the dataset path itself to read it once as a stream',
          }),
        );
      else if (!isFolder) names.push(nameOf(full));
      else if (level < depth) await walk(full, level + 1);
      else
        notes.push(
          importError(full, 1, `${nameOf(full)}/ skipped: folders are read ${depth} levels deep`, {
            severity: 'warning',
            suggestion: 'give that folder itself',
          }),
        );
    }
  }
  await walk(folder, 0);
  return { names: names.sort(), notes };
}
