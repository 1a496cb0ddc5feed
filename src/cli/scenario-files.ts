// The built-in scenario set on disk (sample-data/scenarios), found from this module's own location
// so commands work from any working directory.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { loadScenario } from '../engine/scenario/load.ts';
import type { Scenario } from '../engine/scenario/schema.ts';
import type { Diagnostic } from '../engine/types.ts';

export const SCENARIO_FOLDER = fileURLToPath(new URL('../../sample-data/scenarios/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export class ScenarioFileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .map(
          (d) => `${d.file}:${d.line}:${d.column}: ${d.message}${d.suggestion ? ` (${d.suggestion})` : ''}`,
        )
        .join('\n'),
    );
  }
}

/** Every scenario of the folder, sorted by id; any invalid file is an error naming file and line. */
export function readScenarios(folder: string = SCENARIO_FOLDER): Scenario[] {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const scenarios: Scenario[] = [];
  const errors: Diagnostic[] = [];
  for (const name of files) {
    const path = join(folder, name);
    const result = loadScenario(readFileSync(path, 'utf8'), relative(REPO_ROOT, path) || name);
    if (result.ok) scenarios.push(result.value);
    else errors.push(...result.errors);
  }
  if (errors.length > 0) throw new ScenarioFileError(errors);
  return scenarios.sort((a, b) => a.id.localeCompare(b.id));
}
