// The `classifier` document: one schema gives both the run-time check of the YAML and the type.
// Vocabulary from Microsoft Purview's sensitive information types (primary element, supporting
// evidence, proximity, confidence) and Google DLP's infoTypes (hotwords, exclusion rules).
import * as v from 'valibot';

const text = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const terms = v.pipe(v.array(text), v.minLength(1, 'must list at least one term'));
/** One regular expression, or several (any of them). */
const regexList = v.union([text, v.pipe(v.array(text), v.minLength(1))]);
const count = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0));

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
/** A number 1–100 or a level word (low 65, medium 75, high 85). */
const confidence = v.union([
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(100)),
  v.picklist(CONFIDENCE_LEVELS),
]);

export const SupportingSchema = v.strictObject({
  /** Evidence words or phrases (case-insensitive, whole words). */
  keywords: v.optional(terms),
  /** Name(s) of the classifier's `dictionaries` to use as evidence. */
  dictionary: v.optional(v.union([text, v.array(text)])),
  regex: v.optional(regexList),
  /** How many distinct evidence items must be found within the window (Purview's minMatches). */
  min_matches: v.optional(v.pipe(count, v.minValue(1))),
});

export const PatternSchema = v.strictObject({
  /** Optional name, shown in explanations as what decided a span. */
  name: v.optional(text),
  confidence,
  /** The primary element: exactly one of regex, keywords or dictionary. */
  regex: v.optional(text),
  /** JavaScript regular-expression flags for `regex` (i, m, s, u). */
  flags: v.optional(v.pipe(v.string(), v.regex(/^[imsu]*$/, 'flags may only be i, m, s and u'))),
  keywords: v.optional(terms),
  dictionary: v.optional(text),
  validator: v.optional(text),
  supporting: v.optional(SupportingSchema),
  proximity: v.optional(v.pipe(count, v.minValue(1))),
});

export const MASK_STYLES = ['stars', 'ellipsis', 'shape', 'email', 'redact', 'none'] as const;

export const MaskSchema = v.union([
  v.picklist(MASK_STYLES),
  v.strictObject({
    style: v.picklist(MASK_STYLES),
    keep_start: v.optional(count),
    keep_end: v.optional(count),
  }),
]);

export const ExclusionsSchema = v.strictObject({
  /** Matched values that never count (compared without separators, case-insensitive). */
  values: v.optional(terms),
  /** A match whose whole value matches one of these is dropped. */
  regex: v.optional(regexList),
  /** A match whose value contains one of these (case-insensitive) is dropped. */
  keywords: v.optional(terms),
});

export const ClassifierSchema = v.strictObject({
  kind: v.literal('classifier'),
  id: v.pipe(text, v.regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and dashes')),
  name: text,
  description: v.optional(v.string()),
  /** Characters either side of a primary match searched for supporting evidence (default 300). */
  proximity: v.optional(v.pipe(count, v.minValue(1))),
  /** Named keyword lists (Purview keyword dictionaries) that patterns refer to by name. */
  dictionaries: v.optional(v.record(text, terms)),
  patterns: v.pipe(v.array(PatternSchema), v.minLength(1, 'a classifier needs at least one pattern')),
  exclusions: v.optional(ExclusionsSchema),
  /** Values the organisation knows are fine (its own published support address, its public IBAN). */
  allow: v.optional(terms),
  /** The text counts only when it holds between min_count and max_count matches. */
  min_count: v.optional(v.pipe(count, v.minValue(1))),
  max_count: v.optional(v.pipe(count, v.minValue(1))),
  /** Minimum Shannon entropy in bits per character of the matched value (secrets look random). */
  entropy: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(8))),
  mask: v.optional(MaskSchema),
  tags: v.optional(v.array(v.string())),
});

export type ClassifierDocument = v.InferOutput<typeof ClassifierSchema>;
export type PatternDocument = v.InferOutput<typeof PatternSchema>;
export type SupportingDocument = v.InferOutput<typeof SupportingSchema>;
export type MaskDocument = v.InferOutput<typeof MaskSchema>;
export type MaskStyle = (typeof MASK_STYLES)[number];

/** Keys each object level accepts, for "did you mean" on a misspelled key. */
export function keysAt(path: readonly (string | number)[]): string[] {
  const names = path.filter((step): step is string => typeof step === 'string');
  const last = names[names.length - 1];
  if (path.length === 0) return Object.keys(ClassifierSchema.entries);
  if (last === 'supporting') return Object.keys(SupportingSchema.entries);
  if (last === 'exclusions') return Object.keys(ExclusionsSchema.entries);
  if (last === 'mask') return ['style', 'keep_start', 'keep_end'];
  if (last === 'patterns') return Object.keys(PatternSchema.entries);
  return [];
}
