// The shipped exercises, read from sample-data/exercises next to this repository's code (not the cwd).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { loadExercise, type Exercise } from '../engine/exercise/index.ts';
import { formatDiagnostic } from '../engine/validate/diagnostic.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXERCISES_DIR = join(REPO_ROOT, 'sample-data', 'exercises');
export const SCENARIOS_DIR = join(REPO_ROOT, 'sample-data', 'scenarios');

async function scenarioIds(): Promise<Set<string>> {
  const names = await readdir(SCENARIOS_DIR);
  return new Set(names.filter((name) => /\.ya?ml$/.test(name)).map((name) => name.replace(/\.ya?ml$/, '')));
}

/** Every shipped exercise, sorted by file name (which orders them from easy to hard). */
export async function readExercises(): Promise<Exercise[]> {
  const known = await scenarioIds();
  const names = (await readdir(EXERCISES_DIR)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const exercises: Exercise[] = [];
  for (const name of names) {
    const path = join(EXERCISES_DIR, name);
    const result = loadExercise(await readFile(path, 'utf8'), relative(process.cwd(), path), known);
    if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
    exercises.push(result.value);
  }
  return exercises;
}
