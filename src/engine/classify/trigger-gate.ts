// The gate before the term automaton: whether a text can hold any term the patterns of some
// classifiers are found by, told by one native case-blind expression (see `triggerGate`).
import type { CompiledClassifier } from './model.ts';

/** Any character outside ASCII. */
export const NON_ASCII = /[^\0-\x7f]/;
/** Most terms `triggerGate` looks for in one regular expression. */
const GATE_TERM_LIMIT = 1024;

/**
 * A case-blind regular expression that finds any term the patterns of `classifiers` are found by
 * (trigger literals, keywords, the evidence a pattern without a trigger is found by). On an ASCII
 * text it fails exactly when the automaton would find none of them, at a fraction of the
 * automaton's cost: the few classifiers a rule asks about seldom have one in a text, and the
 * automaton then runs only for supporting evidence around a primary match. Null when the terms are
 * too many for one expression.
 */
export function triggerGate(
  classifiers: readonly CompiledClassifier[],
  table: readonly string[],
): RegExp | null {
  const terms = new Set<number>();
  for (const classifier of classifiers)
    for (const pattern of classifier.patterns) {
      if (pattern.kind === 'keywords') for (const term of pattern.terms) terms.add(term);
      else if (pattern.trigger.kind === 'literals') for (const term of pattern.triggerTerms) terms.add(term);
      else if (pattern.trigger.kind === 'always' && pattern.supporting)
        for (const term of pattern.supporting.terms) terms.add(term);
    }
  if (terms.size > GATE_TERM_LIMIT) return null;
  // A term outside ASCII never occurs in an ASCII text: only the others are looked for.
  const ascii = [...terms]
    .map((term) => table[term] as string)
    .filter((term) => term !== '' && !NON_ASCII.test(term))
    .map((term) => term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return ascii.length === 0 ? /(?!)/ : new RegExp(ascii.join('|'), 'i');
}
