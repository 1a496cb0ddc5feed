import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKeywordAutomaton, isWholeWord, lowerSameLength } from './keyword-automaton.ts';

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

describe('isWholeWord', () => {
  const whole = (text: string, term: string) => {
    const start = text.indexOf(term);
    return isWholeWord(text, start, start + term.length);
  };

  it('counts a keyword as a whole word only between non-word characters', () => {
    expect(whole('cvv: 123', 'cvv')).toBe(true);
    expect(whole('cvv2 123', 'cvv')).toBe(false);
    expect(whole('public key', 'bic')).toBe(false);
    expect(whole('visas', 'visa')).toBe(false);
  });

  it('takes a CJK character at the edge of the keyword as a boundary (no spaces in CJK text)', () => {
    expect(whole('クレジットカード番号4111', 'クレジットカード')).toBe(true);
    expect(whole('お客様のカード番号は', 'カード番号')).toBe(true);
    expect(whole('我的信用卡号码', '信用卡')).toBe(true);
    expect(whole('신용카드는', '신용카드')).toBe(true);
    expect(whole('请提供cvv号码', 'cvv')).toBe(true);
    // Latin letters with diacritics are letters of the word, not boundaries.
    expect(whole('kreditkartenummer', 'kreditkarte')).toBe(false);
    expect(whole('tarjetaé', 'tarjeta')).toBe(false);
  });
});
