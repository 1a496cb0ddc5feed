export { loadExercise } from './load.ts';
export { scoreExercise, SCORE_WEIGHTS, type ExerciseScore, type RunMetricsView } from './score.ts';
export { ExerciseSchema, LEVELS, VIEWS, type Exercise, type ExerciseRole } from './schema.ts';
