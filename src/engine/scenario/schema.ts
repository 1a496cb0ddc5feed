// One source of truth for a scenario document: the valibot schema validates the YAML at run time
// and gives the TypeScript type. Keys are strict so a typo (`damageing`) is reported, not ignored.
import * as v from 'valibot';
import { THREAT_CATEGORIES } from '../types.ts';

export const CAUSES = [
  'dissatisfaction',
  'financial-difficulty',
  'negligence',
  'ignorance',
  'curiosity',
  'outside-party',
] as const;
export const SEEN_BY = ['it', 'security'] as const;
export const PLAYBOOK_OWNERS = ['it', 'security', 'both', 'hr', 'legal'] as const;
export const LESSONS = ['silo-thinking', 'passive-detection', 'checkbox-audit', 'mistrust'] as const;

const Id = v.pipe(
  v.string(),
  v.regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'an id is lower-case letters, digits and dashes, e.g. "vip-customer-snooping"',
  ),
);
const Text = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
/** Repeats of one event template: a scenario is a story, not a load test (10,000 is already a flood). */
const Count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000, 'at most 10000 repeats'));

const Primitive = v.union([v.string(), v.number(), v.boolean(), v.null()]);
/** A field of an event template: a flat value or a list of flat values (`email.to`). */
const FieldValue = v.union([Primitive, v.array(Primitive)]);

export const EventTemplateSchema = v.strictObject({
  /** Which actor acts (defaults for user.name, host.name, source.ip); default the insider. */
  actor: v.optional(v.string()),
  /** Offset from the step's time (ISO 8601 duration). */
  after: v.optional(v.string()),
  repeat: v.optional(Count),
  /** Spacing between repeats (ISO 8601 duration); default one minute. */
  every: v.optional(v.string()),
  fields: v.record(v.string(), FieldValue),
});

const Timed = {
  at: v.optional(v.string()),
  day: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  time: v.optional(v.string()),
};

export const StepSchema = v.strictObject({
  step: Count,
  title: Text,
  ...Timed,
  damaging: v.optional(v.boolean()),
  seen_by: v.picklist(SEEN_BY),
  red_flags: v.optional(v.array(v.string())),
  events: v.pipe(v.array(EventTemplateSchema), v.minLength(1, 'a step produces at least one event')),
});

export const ActorSchema = v.strictObject({
  role: Text,
  department: Text,
  insider: v.optional(v.boolean()),
  /** The generator creates a new account (contractor, partner, shared login) instead of picking one. */
  create: v.optional(v.boolean()),
  /** Fixed account name for a created actor (e.g. a shared login); otherwise one is invented. */
  account: v.optional(v.string()),
  /** Facts merged into the actor's directory entry (HR facts, employment dates, groups). */
  directory: v.optional(v.record(v.string(), v.unknown())),
});

export const LookalikeSchema = v.strictObject({
  title: Text,
  why: v.optional(v.string()),
  who: v.optional(v.strictObject({ department: v.optional(v.string()), role: v.optional(v.string()) })),
  ...Timed,
  repeat: v.optional(Count),
  every: v.optional(v.string()),
  directory: v.optional(v.record(v.string(), v.unknown())),
  events: v.pipe(v.array(EventTemplateSchema), v.minLength(1)),
});

export const ScenarioSchema = v.strictObject({
  id: Id,
  title: Text,
  category: v.picklist(THREAT_CATEGORIES as ['leakage', 'sabotage', 'fraud', 'unauthorized-use']),
  cause: v.picklist(CAUSES),
  story: Text,
  actors: v.record(v.string(), ActorSchema),
  steps: v.pipe(v.array(StepSchema), v.minLength(1, 'a scenario has at least one step')),
  benign_lookalikes: v.optional(v.array(LookalikeSchema), []),
  playbook: v.pipe(
    v.array(v.strictObject({ action: Text, owner: v.picklist(PLAYBOOK_OWNERS) })),
    v.minLength(1, 'a scenario has a response playbook'),
  ),
  lesson: v.strictObject({ kind: v.picklist(LESSONS), text: Text }),
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioStep = v.InferOutput<typeof StepSchema>;
export type ScenarioActor = v.InferOutput<typeof ActorSchema>;
export type EventTemplate = v.InferOutput<typeof EventTemplateSchema>;
export type BenignLookalike = v.InferOutput<typeof LookalikeSchema>;
export type Cause = (typeof CAUSES)[number];
