// Sigma `re` values are compiled with repeats of one character side by side merged (`.*.*=` is
// common in public rules and took minutes on an 8 KB field), and with the backtracking guard's
// refusals, located in the message, for what cannot be merged.
import { describe, expect, it } from 'vitest';
import { compileSigmaRegExp } from './regexp.ts';
import { compileRuleText } from './rule-fixture.ts';

describe('compileSigmaRegExp: outer .* dropped', () => {
  it.each([
    ['.*\\s+-enc', '\\s+-enc'],
    ['.*?foo.*', 'foo'],
    ['a\\\\.*', 'a\\\\'],
    ['a\\.*', 'a\\.*'],
    // PCRE's dot (anything but \n) is spelled `[^\n]` in JavaScript.
    ['.*', '[^\\n]*'],
    ['a|.*', 'a|[^\\n]*'],
    ['^.*a', '^[^\\n]*a'],
    ['[^\\n]*?a[^\\n]*', 'a'],
    ['[a[^\\n]*', '[a[^\\n]*'],
  ])('compiles %s as %s', (source, compiled) => {
    const result = compileSigmaRegExp(source, []);
    expect(result.ok && result.regexp.source).toBe(compiled);
  });

  it('answers every value as the pattern as written does', () => {
    const patterns = ['.*\\s+-enc', '.*?a|b', '.*(?<=x)y', 'a.*', '.*a.*', '(a).*\\1.*', '.*^a', '.*a$'];
    const texts = ['', 'a', 'b', ' -enc', 'x  -enc', 'xy', 'ya', 'aa', 'a\na', 'b\na', 'za'];
    for (const source of patterns)
      for (const flags of [[], ['m'], ['s'], ['i']] as ('i' | 'm' | 's')[][]) {
        const result = compileSigmaRegExp(source, flags);
        expect(result.ok, source).toBe(true);
        for (const text of texts)
          expect(
            result.ok && result.regexp.test(text),
            `${source} /${flags.join('')} on ${JSON.stringify(text)}`,
          ).toBe(new RegExp(source, flags.join('')).test(text));
      }
  });
});

describe('compileSigmaRegExp: repeats side by side', () => {
  it.each([
    ['.*.*=', '='],
    ['(?i)[\\s\\S]*[\\s\\S]*x', '[\\s\\S]*x'],
    ['a{0,30000}a{0,30000}b', 'a{0,60000}b'],
    ['\\s*\\s*$|a', '\\s*(?=\\n?$)|a'],
    ['\\Qa.b\\E.*.*\\d+\\d*', 'a\\.b[^\\n]*\\d+'],
  ])('compiles %s as %s', (source, merged) => {
    const result = compileSigmaRegExp(source, []);
    expect(result.ok && result.regexp.source).toBe(merged);
  });

  it('keeps the flags, and matches what the pattern as written matches', () => {
    const result = compileSigmaRegExp('.*.*=', ['i', 's']);
    expect(result.ok && result.regexp.flags).toBe('is');
    for (const text of ['a=b', '=', 'ab', 'x\n=', ''])
      expect(result.ok && result.regexp.test(text), text).toBe(/.*.*=/is.test(text));
  });

  it.each(['\\w*\\d*=', 'a.*\\s*x', 'a.*.*?='])('refuses %s with the pair named', (source) => {
    const result = compileSigmaRegExp(source, []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^regular expression refused: 2 unbounded \(or long\) repeats side by side in ".+" \(`.+`, `.+`\)/,
    );
  });

  it('reads ^ as one start position unless the m flag is set', () => {
    expect(compileSigmaRegExp('^\\w+\\s*\\w+x', []).ok).toBe(true);
    expect(compileSigmaRegExp('^\\w+\\s*\\w+x', ['m']).ok).toBe(false);
  });

  it('still names an invalid pattern as invalid', () => {
    const result = compileSigmaRegExp('.*.*(', []);
    expect(!result.ok && result.message).toMatch(/^invalid regular expression: /);
  });
});

describe('an expression too large for the engine to compile', () => {
  it('is refused at load time with its place, not when a rule first matches', () => {
    const source = '(?:abc|def)'.repeat(10_000);
    const result = compileSigmaRegExp(source, []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^invalid regular expression: \/\(\?:abc\|def\)/);
      expect(result.message).toMatch(/… \(110000 characters\)\/: too long or nested too deeply to compile$/);
      expect(result.message.length).toBeLessThan(200);
    }
    const { errors } = compileRuleText(
      `title: t\ndetection:\n  sel:\n    m|re: '${source}'\n  condition: sel\n`,
    );
    // At the expression, not at its key (`m|re` is at column 5).
    expect(errors).toMatchObject([{ line: 4, column: 11, severity: 'error' }]);
  });
});
