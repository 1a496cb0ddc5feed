// One source of truth for an exercise document: validates the YAML and gives the type.
import * as v from 'valibot';

export const LEVELS = ['easy', 'medium', 'hard', 'expert'] as const;
export const VIEWS = ['events', 'alerts', 'directory', 'hr', 'behaviour'] as const;

const Text = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case letters, digits and dashes, e.g. "money-moves"'),
);
const Whole = v.pipe(v.number(), v.integer(), v.minValue(1));

export const RoleSchema = v.strictObject({
  id: Id,
  title: Text,
  /** What this role may look at in the app: IT's evidence, security's, or both. */
  sees: v.pipe(v.array(v.picklist(VIEWS)), v.minLength(1)),
  brief: Text,
});

export const ExerciseSchema = v.strictObject({
  id: Id,
  title: Text,
  level: v.picklist(LEVELS),
  time_box_minutes: Whole,
  briefing: Text,
  /** The hidden dataset is generated, so it is the same for every team and never shipped as a file. */
  dataset: v.strictObject({ seed: v.pipe(v.number(), v.integer()), users: Whole, days: Whole }),
  hidden_scenarios: v.pipe(v.array(Id), v.minLength(1, 'an exercise hides at least one scenario')),
  roles: v.pipe(v.array(RoleSchema), v.minLength(2, 'an exercise has at least two roles')),
  objectives: v.pipe(v.array(Text), v.minLength(1)),
  hints: v.optional(v.array(v.strictObject({ after_minutes: Whole, text: Text })), []),
});

export type Exercise = v.InferOutput<typeof ExerciseSchema>;
export type ExerciseRole = v.InferOutput<typeof RoleSchema>;
