// The shared `test` document format (binding for every pack author):
//   events in + expect { fire, not_fire, alerts } for rules, correlations and baselines, or
//   text in + expect { classifiers: { id: count | { min, max, confidence } } } for classifiers.
import * as v from 'valibot';

const Ids = v.array(v.string());
const ClassifierExpectation = v.union([
  v.pipe(v.number(), v.integer(), v.minValue(0)),
  v.strictObject({
    min: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    max: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    confidence: v.optional(v.picklist(['low', 'medium', 'high'])),
  }),
]);

export const ExpectSchema = v.strictObject({
  fire: v.optional(Ids),
  not_fire: v.optional(Ids),
  alerts: v.optional(
    v.array(
      v.strictObject({ rule: v.string(), count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
    ),
  ),
  classifiers: v.optional(v.record(v.string(), ClassifierExpectation)),
});

export const TestSchema = v.looseObject({
  kind: v.literal('test'),
  name: v.string('a test needs a "name"'),
  rule: v.optional(v.string()),
  events: v.optional(v.array(v.record(v.string(), v.unknown()))),
  directory: v.optional(v.array(v.record(v.string(), v.unknown()))),
  resources: v.optional(v.array(v.record(v.string(), v.unknown()))),
  text: v.optional(v.string()),
  field: v.optional(v.string()),
  expect: ExpectSchema,
});

export type TestDocument = v.InferOutput<typeof TestSchema>;
