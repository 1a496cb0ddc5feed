import { describe, expect, it } from 'vitest';
import type { Position } from './modifiers/modifier.ts';
import { expandWindash } from './modifiers/windash.ts';
import { itemRule, ruleMatches } from './rule-fixture.ts';
import { parseSigmaString, sigmaStringToRegExpSource, type SigmaString } from './sigma-string.ts';
import { compileWildcard } from './wildcard.ts';

/** The regular expression wildcards compiled to before: the reference on texts too short to hang it. */
function reference(value: SigmaString, position: Position, cased: boolean): (text: string) => boolean {
  const body = sigmaStringToRegExpSource(value);
  const source =
    position === 'whole'
      ? `^${body}$`
      : position === 'startswith'
        ? `^${body}`
        : position === 'endswith'
          ? `${body}$`
          : body;
  const regexp = new RegExp(source, cased ? '' : 'i');
  return (text) => regexp.test(text);
}

const POSITIONS: Position[] = ['whole', 'contains', 'startswith', 'endswith'];

describe('wildcard values', () => {
  it('do not backtrack without end: *a*a*a*a*a*a*b on 300 × a', () => {
    const rule = itemRule('CommandLine', '*a*a*a*a*a*a*b');
    const started = performance.now();
    expect(ruleMatches(rule, { CommandLine: 'a'.repeat(80) })).toBe(false);
    expect(ruleMatches(rule, { CommandLine: 'a'.repeat(300) })).toBe(false);
    expect(ruleMatches(rule, { CommandLine: 'a'.repeat(100_000) })).toBe(false);
    expect(ruleMatches(rule, { CommandLine: `${'a'.repeat(300)}B` })).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
    const question = itemRule('CommandLine|contains', 'a?a?a*a?a*a?b');
    expect(ruleMatches(question, { CommandLine: 'a'.repeat(20_000) })).toBe(false);
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('keep escapes, ? as one character, case-insensitivity and cased', () => {
    expect(ruleMatches(itemRule('a', 'x\\*y*'), { a: 'X*Yz' })).toBe(true);
    expect(ruleMatches(itemRule('a', 'x\\*y*'), { a: 'xqyz' })).toBe(false);
    expect(ruleMatches(itemRule('a', 'what\\?*'), { a: 'What? yes' })).toBe(true);
    expect(ruleMatches(itemRule('a', 'what\\?*'), { a: 'Whatz yes' })).toBe(false);
    expect(ruleMatches(itemRule('a', 'C:\\\\*'), { a: 'c:\\windows' })).toBe(true);
    expect(ruleMatches(itemRule('a', 'a?c'), { a: 'ABC' })).toBe(true);
    expect(ruleMatches(itemRule('a', 'a?c'), { a: 'ac' })).toBe(false);
    expect(ruleMatches(itemRule('a', 'a?c'), { a: 'a\nc' })).toBe(true);
    expect(ruleMatches(itemRule('a|cased', 'A*c'), { a: 'Abc' })).toBe(true);
    expect(ruleMatches(itemRule('a|cased', 'A*c'), { a: 'abc' })).toBe(false);
    expect(ruleMatches(itemRule('a|windash|contains', ' -e* x'), { a: 'ps \u2013enc x' })).toBe(true);
  });

  it('give the regular expression’s results on every position, value and text', () => {
    const alphabet = ['a', 'b', 'A', '*', '?', '\\', 'ß', 'ſ', 'K', '\u212a', 'İ', '\u03c3', '\u03c2', '\n'];
    const texts = ['', 'a', 'b', 'ab', 'ba', 'aab', 'abab', 'bbaab', 'AbA', 'a*b', 'a?b', 'a\\b', 'ß', 'SS'];
    texts.push('ſ', 's', 'k', '\u212a', 'Σ', 'σς', 'i̇', 'İ', 'i', 'a\nb', 'abba', 'aaaa', 'baba', 'b*a?');
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    for (let round = 0; round < 1500; round++) {
      let raw = '';
      const length = 1 + random(6);
      for (let i = 0; i < length; i++) raw += alphabet[random(alphabet.length)];
      const parsed = parseSigmaString(raw);
      for (const value of [parsed, expandWindash(parseSigmaString(raw.replace(/b/g, ' -b')))]) {
        for (const position of POSITIONS) {
          for (const cased of [false, true]) {
            const mine = compileWildcard(value, position, cased);
            const theirs = reference(value, position, cased);
            for (const text of [...texts, ` -b${raw}`, `x${raw}y`, raw]) {
              if (mine(text) !== theirs(text))
                throw new Error(
                  `${JSON.stringify(raw)} ${position} cased=${cased} on ${JSON.stringify(text)}`,
                );
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });
});
