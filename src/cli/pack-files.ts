// A pack path on disk (one .yml/.yaml file, or a folder searched recursively) → PackFile[] with
// names as the user gave them, in a stable sorted order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { PackFile } from '../engine/types.ts';
import { UsageError } from './args.ts';

const YAML_FILE = /\.ya?ml$/i;

async function collect(folder: string, into: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await collect(path, into);
    else if (entry.isFile() && YAML_FILE.test(entry.name)) into.push(path);
  }
}

export async function readPackFiles(path: string): Promise<PackFile[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`cannot read pack "${path}": no such file or folder`);
  }
  const paths: string[] = [];
  if (info.isDirectory()) {
    await collect(path, paths);
    // A mistyped folder must not look like a clean pack with nothing to say.
    if (paths.length === 0) throw new UsageError(`pack "${path}" holds no .yml or .yaml files`);
  } else paths.push(path);
  paths.sort();
  return Promise.all(
    // Names as the user gave them (`policies/default/rules/x.yml`, `/abs/pack.yml`): errors point
    // at a path they can paste.
    paths.map(async (p) => ({ name: normalize(p), text: await readFile(p, 'utf8') })),
  );
}
