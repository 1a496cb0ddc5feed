// Trainer work off the page's thread: scoring a team's pack (generating an exercise's hidden dataset
// and running the pack take seconds) and the weak-spots review (about 3 s on the classroom dataset).
// The page stays responsive meanwhile. Driven through Comlink by exercise-client.ts.
import * as Comlink from 'comlink';
import type { PackFile } from '../../engine/types.ts';
import { withoutLabels } from './roles.ts';
import {
  exerciseData,
  readExercises,
  scoreTeamPack,
  type ExerciseData,
  type ExerciseResult,
} from './exercise-run.ts';

/** The last exercise's dataset: a team re-runs the same exercise many times. */
let cached: { id: string; data: ExerciseData } | null = null;

const api = {
  score(
    exerciseId: string,
    exerciseFiles: PackFile[],
    scenarioFiles: PackFile[],
    packFiles: PackFile[],
  ): ExerciseResult {
    const exercise = readExercises(exerciseFiles, scenarioFiles).exercises.find((e) => e.id === exerciseId);
    if (!exercise) throw new Error(`unknown exercise "${exerciseId}"`);
    if (cached?.id !== exercise.id) cached = { id: exercise.id, data: exerciseData(exercise, scenarioFiles) };
    return scoreTeamPack(exercise, cached.data, packFiles, scenarioFiles);
  },
  /** What students may browse: the exercise's events without their labels (the hidden truth). */
  data(exerciseId: string, exerciseFiles: PackFile[], scenarioFiles: PackFile[]) {
    const exercise = readExercises(exerciseFiles, scenarioFiles).exercises.find((e) => e.id === exerciseId);
    if (!exercise) throw new Error(`unknown exercise "${exerciseId}"`);
    if (cached?.id !== exercise.id) cached = { id: exercise.id, data: exerciseData(exercise, scenarioFiles) };
    return { events: withoutLabels(cached.data.events), directory: cached.data.context.directory };
  },
};

export type ExerciseWorkerApi = typeof api;

Comlink.expose(api);
