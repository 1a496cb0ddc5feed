// A pack path on disk (one .yml/.yaml file, or a folder searched recursively) → PackFile[] with
// names as the user gave them, in a stable sorted order. Each file is decoded as data files are
// (src/engine/import/text-encoding.ts): a file that is not UTF-8 (Latin-1 from an old editor) is
// read as Windows-1252 rather than with U+FFFD for its accented letters, and a warning names it.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { importError } from '../engine/import/diagnostic.ts';
import { BINARY_NOTE, decodeText } from '../engine/import/text-encoding.ts';
import type { Diagnostic, PackFile } from '../engine/types.ts';
import { UsageError } from './args.ts';

const YAML_FILE = /\.ya?ml$/i;

/**
 * The YAML files under `folder`. A symbolic link is followed (a rule file shared between packs by
 * a link is part of the pack, not skipped in silence); a folder already read, which a link back
 * up the tree leads to again, is not read twice; a link to nothing that names a YAML file is a
 * warning.
 */
async function collect(
  folder: string,
  into: string[],
  seen: Set<string>,
  warnings: Diagnostic[],
): Promise<void> {
  const real = await realpath(folder);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    let target: { isDirectory(): boolean; isFile(): boolean } = entry;
    if (entry.isSymbolicLink()) {
      try {
        target = await stat(path);
      } catch {
        if (YAML_FILE.test(entry.name))
          warnings.push(
            importError(normalize(path), 1, 'a link to a file that does not exist: skipped', {
              severity: 'warning',
            }),
          );
        continue;
      }
    }
    if (target.isDirectory()) await collect(path, into, seen, warnings);
    else if (target.isFile() && YAML_FILE.test(entry.name)) into.push(path);
  }
}

/** A pack's files, and a warning for each whose encoding had to be guessed. */
export interface ReadPack {
  files: PackFile[];
  warnings: Diagnostic[];
}

export async function readPackFiles(path: string): Promise<PackFile[]> {
  return (await readPack(path)).files;
}

export interface ReadPackOptions {
  /**
   * A folder without YAML files is an empty pack (a warning) rather than a usage error: for
   * `exercise-score`, where "an empty pack scores F1 0" is a case to measure, not a mistyped path.
   */
  allowEmpty?: boolean;
}

export async function readPack(path: string, options: ReadPackOptions = {}): Promise<ReadPack> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`cannot read pack "${path}": no such file or folder`);
  }
  const paths: string[] = [];
  const warnings: Diagnostic[] = [];
  if (info.isDirectory()) {
    await collect(path, paths, new Set(), warnings);
    // A mistyped folder must not look like a clean pack with nothing to say.
    if (paths.length === 0) {
      if (!options.allowEmpty) throw new UsageError(`pack "${path}" holds no .yml or .yaml files`);
      const message = 'holds no .yml or .yaml files: an empty pack, which raises no alert';
      return { files: [], warnings: [importError(normalize(path), 1, message, { severity: 'warning' })] };
    }
  } else paths.push(path);
  paths.sort();
  const read = await Promise.all(
    // Names as the user gave them (`policies/default/rules/x.yml`, `/abs/pack.yml`): errors point
    // at a path they can paste.
    paths.map(async (p) => ({ name: normalize(p), ...decodeText(await readFile(p)) })),
  );
  for (const { name, note } of read) {
    if (note === undefined) continue;
    const message = note === BINARY_NOTE ? PACK_BINARY_NOTE : note;
    warnings.push(importError(name, 1, message, { severity: 'warning' }));
  }
  return { files: read.map(({ name, text }) => ({ name, text })), warnings };
}

const PACK_BINARY_NOTE =
  'holds zero bytes, so it is not text: a binary file (an image, an archive?) rather than YAML';
