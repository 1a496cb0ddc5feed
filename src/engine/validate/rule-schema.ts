// The shape of a rule document: Sigma's fields (unknown top-level keys allowed, as public rules
// carry many) and our extensions, `content` and `response`, which are strict so typos are caught.
import * as v from 'valibot';
import { OWNER_TEAMS, RESPONSE_ACTIONS, SEVERITIES, THREAT_CATEGORIES } from '../types.ts';

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;

export const ContentMatcherSchema = v.strictObject({
  classifier: v.string('content matcher needs "classifier: <classifier id>"'),
  min_count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  min_confidence: v.optional(
    v.union(
      [v.picklist(CONFIDENCE_LEVELS), v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))],
      'min_confidence must be low, medium, high or a number from 1 to 100',
    ),
  ),
  field: v.optional(v.string()),
});

export const ResponseSchema = v.strictObject({
  action: v.optional(v.picklist(RESPONSE_ACTIONS)),
  severity: v.optional(v.picklist(SEVERITIES)),
  owner: v.optional(v.picklist(OWNER_TEAMS)),
  category: v.optional(v.picklist(THREAT_CATEGORIES)),
  playbook: v.optional(v.string()),
});

// A key left empty (`category:`) is YAML null: the same as not writing it, as in pySigma.
export const LogsourceSchema = v.looseObject({
  category: v.nullish(v.string()),
  product: v.nullish(v.string()),
  service: v.nullish(v.string()),
  definition: v.nullish(v.string()),
});

/**
 * An id or name of text that is not blank: alerts, tests and correlations know a rule by it, and
 * "" would be a key no reference can tell from another rule's "" (nor warn twice about).
 */
const nonEmpty = (key: 'id' | 'name') =>
  v.pipe(
    v.string(),
    v.check((text) => text.trim() !== '', `${key} is empty: write one, or leave "${key}:" out`),
  );

export const RuleSchema = v.looseObject({
  kind: v.optional(v.literal('rule')),
  title: v.string('a rule needs a "title"'),
  id: v.optional(v.union([nonEmpty('id'), v.number()])),
  name: v.optional(nonEmpty('name')),
  // pySigma reads the level case-insensitively (`level: High` is high).
  level: v.optional(v.pipe(v.string(), v.toLowerCase(), v.picklist(SEVERITIES))),
  logsource: v.optional(LogsourceSchema),
  detection: v.record(v.string(), v.unknown(), '"detection" must be a map of selections and a condition'),
  content: v.optional(v.record(v.string(), ContentMatcherSchema)),
  response: v.optional(ResponseSchema),
});

export type RuleDocument = v.InferOutput<typeof RuleSchema>;
export type ContentMatcherDocument = v.InferOutput<typeof ContentMatcherSchema>;
export type ResponseDocument = v.InferOutput<typeof ResponseSchema>;
