import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKeywordAutomaton, lowerSameLength } from './keyword-automaton.ts';

// Letters whose lower case is not a plain one-to-one map: Σ (final σ/ς by context), İ (two code
// units), the Kelvin sign (to ASCII k), Deseret (astral pairs), Greek, German, Turkish ı.
const tricky = [
  'Σ',
  'σ',
  'ς',
  'İ',
  'i',
  'ı',
  'K',
  'k',
  'K',
  'ß',
  'ẞ',
  '𐐀',
  '𐐨',
  'É',
  'é',
  'Ω',
  'A',
  'a',
  ' ',
  '-',
];
const text = fc.string({ unit: fc.constantFrom(...tricky), maxLength: 40 });
const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));

describe('keyword automaton', () => {
  it('finds the same terms in a text as in its lower-cased copy, whatever its letters', () => {
    fc.assert(
      fc.property(
        fc.array(
          text.filter((t) => t.length > 0),
          { minLength: 1, maxLength: 6 },
        ),
        anyText,
        (terms, haystack) => {
          const automaton = compileKeywordAutomaton(terms);
          expect(automaton.searchText(haystack)).toEqual(automaton.search(lowerSameLength(haystack)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('matches whatever the case of the text, at the offsets of the text', () => {
    const automaton = compileKeywordAutomaton(['confidential', 'iban', 'straße']);
    const hits = automaton.searchText('CONFIDENTIAL: Iban DE44 … STRASSE / Straße');
    expect(hits.map((hit) => [automaton.terms[hit.term], hit.start, hit.end])).toEqual([
      ['confidential', 0, 12],
      ['iban', 14, 18],
      ['straße', 36, 42],
    ]);
  });
});
