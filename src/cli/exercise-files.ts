// The shipped exercises, read from sample-data/exercises next to this repository's code (not the cwd).
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { loadExercise, type Exercise } from '../engine/exercise/index.ts';
import { formatDiagnostic } from '../engine/validate/diagnostic.ts';
import { generateDataset } from '../engine/generate/generate-dataset.ts';
import { closestName } from '../engine/scenario/closest-name.ts';
import type { DatasetContext, EngineEvent } from '../engine/types.ts';
import { UsageError } from './args.ts';
import { readScenarios } from './scenario-files.ts';

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

/** The exercise's hidden dataset, generated from its seed with its hidden scenarios injected. */
export function exerciseDataset(exercise: Exercise): { events: EngineEvent[]; context: DatasetContext } {
  const all = readScenarios(SCENARIOS_DIR);
  const hidden = all.filter((scenario) => exercise.hidden_scenarios.includes(scenario.id));
  const { seed, users, days } = exercise.dataset;
  const generated = generateDataset({ seed, users, days, scenarios: hidden });
  const { manifest, directory, resources, entitlements, scenarios } = generated;
  return {
    events: [...generated.events],
    context: { manifest, directory, resources, entitlements, scenarios },
  };
}

/** The exercise with this id, or a usage error naming the nearest id. */
export async function findExercise(id: string): Promise<Exercise> {
  const exercises = await readExercises();
  const found = exercises.find((exercise) => exercise.id === id);
  if (found) return found;
  // `--exercise easy`: a level that names exactly one exercise is that exercise ("the default pack
  // scores well on the easy exercise").
  const atLevel = exercises.filter((exercise) => exercise.level === id);
  if (atLevel.length === 1) return atLevel[0]!;
  const ids = exercises.map((exercise) => exercise.id);
  const suggestion = closestName(id, ids);
  throw new UsageError(
    `unknown exercise "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${ids.join(', ')}`,
  );
}
