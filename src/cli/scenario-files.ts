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

export function formatScenarioWarning(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: warning: ${d.message}${d.suggestion ? ` (${d.suggestion})` : ''}`;
}

/**
 * Every scenario of the folder, sorted by id. The library is one whole: any invalid file, or two
 * files with the same id (their ground truth would merge under one label), is an error naming file
 * and line, and nothing is generated from a library in doubt. Warnings (a typo in an action, an id
 * that differs from its file's name) go to `onWarning`, by default to stderr.
 */
export function readScenarios(
  folder: string = SCENARIO_FOLDER,
  onWarning: (diagnostic: Diagnostic) => void = (d) => process.stderr.write(`${formatScenarioWarning(d)}\n`),
): Scenario[] {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const scenarios: Scenario[] = [];
  const errors: Diagnostic[] = [];
  const fileOf = new Map<string, string>();
  for (const name of files) {
    const path = join(folder, name);
    const file = relative(REPO_ROOT, path) || name;
    const text = readFileSync(path, 'utf8');
    const result = loadScenario(text, file);
    if (!result.ok) {
      for (const item of result.errors) errors.push(item);
      continue;
    }
    for (const warning of result.warnings) onWarning(warning);
    const earlier = fileOf.get(result.value.id);
    if (earlier !== undefined) {
      const idAt = /^id\s*:/m.exec(text);
      errors.push({
        file,
        line: idAt ? text.slice(0, idAt.index).split('\n').length : 1,
        column: 1,
        path: 'id',
        severity: 'error',
        message: `scenario id "${result.value.id}" is already used by ${earlier}`,
        suggestion: 'give each scenario its own id (the file name without .yml)',
      });
      continue;
    }
    fileOf.set(result.value.id, file);
    scenarios.push(result.value);
  }
  if (errors.length > 0) throw new ScenarioFileError(errors);
  return scenarios.sort((a, b) => a.id.localeCompare(b.id));
}
