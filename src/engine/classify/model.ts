// The compiled form of a classifier: what the scanner runs. Plain data and RegExps, built once by
// compile.ts from the validated YAML.
import type { MaskSpec } from './mask.ts';
import type { Trigger } from './regex-trigger.ts';
import type { Fitter, Validator } from './validators/index.ts';

/** Default characters either side of a primary match searched for supporting evidence (Purview). */
export const DEFAULT_PROXIMITY = 300;

export interface CompiledSupporting {
  /** Indices into the shared term table (keywords and dictionary words, whole words only). */
  terms: number[];
  regexes: RegExp[];
  minMatches: number;
}

interface PatternBase {
  name: string;
  confidence: number;
  validatorName?: string;
  validator?: Validator;
  /** The validator's `FITTERS` entry: a too-long match's leading part to check instead. */
  fit?: Fitter;
  supporting?: CompiledSupporting;
  proximity: number;
}

export interface RegexPattern extends PatternBase {
  kind: 'regex';
  /** Global copy of the pattern; the scanner sets lastIndex itself. */
  regex: RegExp;
  trigger: Trigger;
  /** Indices into the shared term table of the trigger literals (kind 'literals'). */
  triggerTerms: number[];
  maxLength: number;
  /** The regex uses ^ or $ outside a character class (then windows must follow lines). */
  anchored: boolean;
}

export interface KeywordPattern extends PatternBase {
  kind: 'keywords';
  /** Indices into the shared term table; a whole-word hit of any of them is a primary match. */
  terms: number[];
  termSet: ReadonlySet<number>;
}

export type CompiledPattern = RegexPattern | KeywordPattern;

export interface CompiledClassifier {
  id: string;
  patterns: CompiledPattern[];
  excludeValues: Set<string>;
  excludeRegexes: RegExp[];
  /** Lower-cased: a value containing one of them is dropped. */
  excludeKeywords: string[];
  allow: Set<string>;
  minCount?: number;
  maxCount?: number;
  entropy?: number;
  mask: MaskSpec;
}

/** Values compared as people mean them: case and separators ignored. */
export function normaliseValue(value: string): string {
  return value.replace(/[\s\-./]/g, '').toLowerCase();
}
