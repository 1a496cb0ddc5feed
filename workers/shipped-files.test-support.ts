// The shipped default pack and scenarios, read from disk for the worker tests that run the real
// engine over generated data (file names relative to the repository, as the app names them).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScenario } from '../src/engine/scenario/load.ts';
import type { Scenario } from '../src/engine/scenario/schema.ts';
import type { PackFile } from '../src/engine/types.ts';

const ROOT = join(import.meta.dirname, '..');

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

export function defaultPackFiles(): PackFile[] {
  return yamlFiles(join(ROOT, 'policies/default'))
    .sort()
    .map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

export function shippedScenarios(): Scenario[] {
  return yamlFiles(join(ROOT, 'sample-data/scenarios'))
    .sort()
    .map((path) => {
      const loaded = loadScenario(readFileSync(path, 'utf8'), relative(ROOT, path));
      if (!loaded.ok) throw new Error(`scenario ${path} does not load`);
      return loaded.value;
    });
}
