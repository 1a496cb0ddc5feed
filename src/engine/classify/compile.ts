// `classifier` documents → compiled classifiers, or located diagnostics. Every regular expression
// goes through the rule engine's ReDoS guard; every name a pattern refers to (validator,
// dictionary) is checked, with the nearest valid name suggested.
import * as v from 'valibot';
import { mergeAdjacentRepeats } from '../compile/regex-merge.ts';
import { unsafeRegExpReason } from '../compile/regex-safety.ts';
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { diagnosticAt, type DocumentPath } from '../validate/diagnostic.ts';
import { schemaDiagnostics } from '../validate/schema-issues.ts';
import { didYouMean } from '../validate/suggest.ts';
import { confidenceNumber } from './confidence.ts';
import { lowerSameLength } from './keyword-automaton.ts';
import { maskSpec } from './mask.ts';
import {
  DEFAULT_PROXIMITY,
  normaliseValue,
  type CompiledClassifier,
  type CompiledPattern,
  type CompiledSupporting,
} from './model.ts';
import { analyseRegex, hasAnchors } from './regex-trigger.ts';
import { ClassifierSchema, keysAt, type ClassifierDocument, type PatternDocument } from './schema.ts';
import { FITTERS, VALIDATORS } from './validators/index.ts';

/** The shared term table: every keyword, dictionary word and trigger literal of the pack, once. */
export class TermTable {
  readonly terms: string[] = [];
  private readonly index = new Map<string, number>();

  add(term: string): number {
    const lower = lowerSameLength(term);
    let id = this.index.get(lower);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(lower);
      this.index.set(lower, id);
    }
    return id;
  }
}

interface Context {
  doc: LoadedDocument;
  errors: Diagnostic[];
  terms: TermTable;
}

/** A RegExp from pack text, or a located error: bad syntax, or a shape that can backtrack forever. */
function compileRegex(context: Context, path: DocumentPath, written: string, flags: string): RegExp | null {
  // Unicode property classes (`\p{Lu}`, `\P{L}`) exist only in Unicode mode: without it JavaScript
  // reads `\p{Lu}` as the text "p{Lu}", and the pattern silently finds nothing.
  if (/\\[pP]\{/.test(written) && !/[uv]/.test(flags)) flags += 'u';
  // Repeats of one character side by side (`\d*\d*`) are one repeat: the same matches, the same
  // spans, in linear rather than polynomial time per start.
  const source = mergeAdjacentRepeats(written, flags);
  const unsafe = unsafeRegExpReason(source, flags);
  if (unsafe) {
    context.errors.push(
      diagnosticAt(
        context.doc,
        path,
        `regular expression refused: ${unsafe}`,
        // (A refusal that already says how to fix the shape needs no second hint.)
        /bound them/.test(unsafe) ? undefined : 'use a bounded repeat such as {1,10}',
      ),
    );
    return null;
  }
  try {
    const regex = new RegExp(source, flags);
    // JavaScript compiles an expression when it first runs: one too big for its stack would fail
    // the scan of the first text instead of being refused here, at its place.
    regex.test('');
    regex.lastIndex = 0;
    return regex;
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    context.errors.push(diagnosticAt(context.doc, path, `invalid regular expression: ${detail}`));
    return null;
  }
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

function dictionaryTerms(
  context: Context,
  classifier: ClassifierDocument,
  names: string[],
  path: DocumentPath,
): number[] | null {
  const known = Object.keys(classifier.dictionaries ?? {});
  const ids: number[] = [];
  let ok = true;
  names.forEach((name, index) => {
    const words = classifier.dictionaries?.[name];
    if (words === undefined) {
      const where = names.length > 1 ? [...path, index] : path;
      const message =
        known.length === 0
          ? `unknown dictionary "${name}": this classifier defines no dictionaries`
          : `unknown dictionary "${name}": this classifier defines ${known.join(', ')}`;
      context.errors.push(diagnosticAt(context.doc, where, message, didYouMean(name, known)));
      ok = false;
      return;
    }
    for (const word of words) ids.push(context.terms.add(word));
  });
  return ok ? ids : null;
}

function compilePattern(
  context: Context,
  classifier: ClassifierDocument,
  pattern: PatternDocument,
  index: number,
): CompiledPattern | null {
  const at = (...rest: (string | number)[]): DocumentPath => ['patterns', index, ...rest];
  const primaries = (['regex', 'keywords', 'dictionary'] as const).filter(
    (key) => pattern[key] !== undefined,
  );
  if (primaries.length !== 1) {
    context.errors.push(
      diagnosticAt(
        context.doc,
        at(),
        primaries.length === 0
          ? 'a pattern needs a primary element: regex, keywords or dictionary'
          : `a pattern has one primary element, this one has ${primaries.join(' and ')}`,
      ),
    );
    return null;
  }
  let ok = true;
  let validator;
  if (pattern.validator !== undefined) {
    validator = VALIDATORS[pattern.validator];
    if (!validator) {
      context.errors.push(
        diagnosticAt(
          context.doc,
          at('validator'),
          `unknown validator "${pattern.validator}": known validators are ${Object.keys(VALIDATORS).join(', ')}`,
          didYouMean(pattern.validator, Object.keys(VALIDATORS)),
        ),
      );
      ok = false;
    }
  }
  let supporting: CompiledSupporting | undefined;
  if (pattern.supporting) {
    const s = pattern.supporting;
    const terms = (s.keywords ?? []).map((word) => context.terms.add(word));
    const dictionaries = asList(s.dictionary);
    const fromDictionaries = dictionaryTerms(
      context,
      classifier,
      dictionaries,
      at('supporting', 'dictionary'),
    );
    if (fromDictionaries === null) ok = false;
    else for (const term of fromDictionaries) terms.push(term);
    const regexes: RegExp[] = [];
    const sources = asList(s.regex);
    sources.forEach((source, i) => {
      const where =
        sources.length > 1 || Array.isArray(s.regex)
          ? at('supporting', 'regex', i)
          : at('supporting', 'regex');
      const regex = compileRegex(context, where, source, 'gi');
      if (regex) regexes.push(regex);
      else ok = false;
    });
    if (terms.length === 0 && regexes.length === 0 && ok) {
      context.errors.push(
        diagnosticAt(
          context.doc,
          at('supporting'),
          'supporting evidence needs keywords, dictionary or regex',
        ),
      );
      ok = false;
    }
    const distinct = new Set(terms).size;
    if (ok && regexes.length === 0 && distinct > 0 && (s.min_matches ?? 1) > distinct) {
      // Evidence counts once per distinct word: more than the list holds can never be found.
      context.errors.push(
        diagnosticAt(
          context.doc,
          at('supporting', 'min_matches'),
          `min_matches ${s.min_matches} can never be met: the evidence lists only ${distinct} distinct word${distinct === 1 ? '' : 's'}, and each counts once`,
        ),
      );
      ok = false;
    }
    supporting = { terms: [...new Set(terms)], regexes, minMatches: s.min_matches ?? 1 };
  }
  const base = {
    name: pattern.name ?? `pattern ${index + 1}`,
    confidence: confidenceNumber(pattern.confidence),
    proximity: pattern.proximity ?? classifier.proximity ?? DEFAULT_PROXIMITY,
    ...(validator ? { validator, validatorName: pattern.validator } : {}),
    ...(validator && pattern.validator && FITTERS[pattern.validator]
      ? { fit: FITTERS[pattern.validator] }
      : {}),
    ...(supporting ? { supporting } : {}),
  };
  if (pattern.regex !== undefined) {
    // A named group `value` marks the sensitive part; `d` gives its exact offsets.
    const indices = pattern.regex.includes('(?<value>') ? 'd' : '';
    const regex = compileRegex(context, at('regex'), pattern.regex, `${pattern.flags ?? ''}g${indices}`);
    if (!regex || !ok) return null;
    const shape = analyseRegex(pattern.regex);
    const triggerTerms =
      shape.trigger.kind === 'literals' ? shape.trigger.literals.map((l) => context.terms.add(l)) : [];
    return {
      ...base,
      kind: 'regex',
      regex,
      trigger: shape.trigger,
      triggerTerms,
      maxLength: shape.maxLength,
      anchored: hasAnchors(regex.source),
    };
  }
  const terms =
    pattern.keywords !== undefined
      ? pattern.keywords.map((word) => context.terms.add(word))
      : dictionaryTerms(context, classifier, [pattern.dictionary as string], at('dictionary'));
  if (!terms || !ok) return null;
  const termSet = new Set(terms);
  return { ...base, kind: 'keywords', terms: [...termSet], termSet };
}

function compileOne(context: Context, classifier: ClassifierDocument): CompiledClassifier | null {
  const errorsBefore = context.errors.length;
  const patterns = classifier.patterns
    .map((pattern, index) => compilePattern(context, classifier, pattern, index))
    .filter((p): p is CompiledPattern => p !== null);
  const exclusions = classifier.exclusions ?? {};
  const excludeRegexes: RegExp[] = [];
  const sources = asList(exclusions.regex);
  sources.forEach((source, i) => {
    const where: DocumentPath = Array.isArray(exclusions.regex)
      ? ['exclusions', 'regex', i]
      : ['exclusions', 'regex'];
    // Checked as written, then anchored: an exclusion drops a match whose whole value it matches.
    const compiled = compileRegex(context, where, source, 'i');
    if (compiled) excludeRegexes.push(new RegExp(`^(?:${compiled.source})$`, compiled.flags));
  });
  if (
    classifier.min_count !== undefined &&
    classifier.max_count !== undefined &&
    classifier.min_count > classifier.max_count
  ) {
    context.errors.push(
      diagnosticAt(
        context.doc,
        ['max_count'],
        `max_count ${classifier.max_count} is below min_count ${classifier.min_count}: nothing could ever match`,
      ),
    );
  }
  if (context.errors.length > errorsBefore) return null;
  return {
    id: classifier.id,
    patterns,
    excludeValues: new Set((exclusions.values ?? []).map(normaliseValue)),
    excludeRegexes,
    excludeKeywords: (exclusions.keywords ?? []).map((k) => k.toLowerCase()),
    allow: new Set((classifier.allow ?? []).map(normaliseValue)),
    ...(classifier.min_count !== undefined ? { minCount: classifier.min_count } : {}),
    ...(classifier.max_count !== undefined ? { maxCount: classifier.max_count } : {}),
    ...(classifier.entropy !== undefined ? { entropy: classifier.entropy } : {}),
    mask: maskSpec(classifier.mask),
  };
}

export interface CompiledSet {
  classifiers: CompiledClassifier[];
  terms: TermTable;
  errors: Diagnostic[];
}

export function compileClassifierDocuments(docs: readonly LoadedDocument[]): CompiledSet {
  const terms = new TermTable();
  const errors: Diagnostic[] = [];
  const classifiers: CompiledClassifier[] = [];
  const seen = new Map<string, LoadedDocument>();
  for (const doc of docs) {
    if (doc.kind !== 'classifier') continue;
    const parsed = v.safeParse(ClassifierSchema, doc.data);
    if (!parsed.success) {
      for (const item of schemaDiagnostics(doc, parsed.issues, keysAt)) errors.push(item);
      continue;
    }
    const earlier = seen.get(parsed.output.id);
    if (earlier) {
      errors.push(
        diagnosticAt(
          doc,
          ['id'],
          `classifier id "${parsed.output.id}" is already used in ${earlier.file}`,
          'give each classifier its own id',
        ),
      );
      continue;
    }
    seen.set(parsed.output.id, doc);
    const compiled = compileOne({ doc, errors, terms }, parsed.output);
    if (compiled) classifiers.push(compiled);
  }
  return { classifiers, terms, errors };
}
