// The backtracking guard on its own: overlaps are judged by character sets, not spelling, and a
// large counted repeat of a group holding an unbounded repeat is refused like an unbounded one.
import { describe, expect, it } from 'vitest';
import { unsafeRegExpReason } from './regex-safety.ts';

describe('unsafeRegExpReason: alternatives that overlap through character sets', () => {
  it.each([
    ['(\\d|\\d\\d)+x', 'alternatives `\\d` and `\\d\\d` can match the same text under `+`'],
    ['(\\w|\\d)+', 'alternatives `\\w` and `\\d` can match the same text under `+`'],
    ['([a-z]|a)+', 'alternatives `[a-z]` and `a` can match the same text under `+`'],
    ['(.|\\n)*', 'alternatives `.` and `\\n` can match the same text under `*`'],
    ['(?:\\s|[ \\t])+', 'alternatives `\\s` and `[ \\t]` can match the same text under `+`'],
    ['(a|A)+', 'alternatives `a` and `A` can match the same text under `+`'],
    ['(\\d{1,3})+', '`\\d{1,3}` can split the same text more than one way under `+`'],
    ['(a|)+', 'an empty alternative under `+`'],
  ])('refuses %s', (source, shape) => {
    const reason = unsafeRegExpReason(source);
    expect(reason).toContain(shape);
    expect(reason).toMatch(/exponential time \(catastrophic backtracking\)$/);
  });

  it.each([
    '(\\d|[a-z])+',
    '(ab|cd)+',
    '(ab|ac)+',
    '(\\r?\\n)+',
    '(?:\\\\.|[^"\\\\])*',
    '(\\s|,)+',
    '(?:[a-f]|\\d)+',
  ])('accepts %s: no text starts two alternatives', (source) => {
    expect(unsafeRegExpReason(source)).toBeUndefined();
  });

  it('reads case and `.` from flags when it is given them, and assumes the worst without', () => {
    expect(unsafeRegExpReason('(a|A)+', '')).toBeUndefined();
    expect(unsafeRegExpReason('(.|\\n)*', 'i')).toBeUndefined();
    expect(unsafeRegExpReason('(.|\\n)*', 's')).toMatch(/alternatives `.` and `\\n`/);
  });
});

describe('unsafeRegExpReason: counted repeats of a group holding an unbounded repeat', () => {
  it.each([
    ['(.*a){20}', 'degree 20'],
    ['(\\w+\\s?){15}', 'degree 15'],
    ['(?:\\d+){11,12}', 'degree 12'],
  ])('refuses %s', (source, degree) => {
    const reason = unsafeRegExpReason(source);
    expect(reason).toMatch(/^nested quantifier /);
    expect(reason).toContain(`polynomial of ${degree} (catastrophic backtracking)`);
  });

  it('refuses overlapping alternatives under a large counted repeat', () => {
    expect(unsafeRegExpReason('(\\d|\\d\\d){30}')).toMatch(
      /alternatives `\\d` and `\\d\\d` .*under `\{30\}`/,
    );
  });

  it.each([
    '(\\d{1,3}\\.){3}',
    '(\\d{1,3}\\.){3}\\d{1,3}',
    '(?:[A-Z]{4}){2}',
    '(\\w+\\.){15}',
    '(?:[^,]*,){20}',
    '(.*a){3}',
    '(\\s*\\d{1,3}\\s*,){2}',
    '(?: ?[A-Z0-9]{4}){2,7}',
  ])('accepts %s: a small count, or copies cut apart by a character', (source) => {
    expect(unsafeRegExpReason(source)).toBeUndefined();
  });
});

describe('unsafeRegExpReason: what it always refused and accepted', () => {
  it.each(['(a+)+$', '(\\s*\\w+)+$', '(.*x)+y', '(a*\\.a*)+!', '(\\w*\\w*\\.)+!', '(a|aa)*b', '(\\d+)+x'])(
    'refuses %s',
    (source) => {
      expect(unsafeRegExpReason(source)).toMatch(/exponential time \(catastrophic backtracking\)/);
    },
  );

  it.each([
    '([a-z0-9-]+\\.)+[a-z]{2,}',
    '(\\\\[^\\\\]+)+\\\\',
    '(\\.[a-z]+)+$',
    '(?:[a-z]{1,64}\\.)+',
    '^[A-Z]+-\\d+',
    '\\+.*\\+.*\\+.*\\+',
    '.*&&set.*(\\{\\d\\}){2,}\\\\"\\s+?-f.*&&.*cmd.*/c',
    '(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?!\\d)',
    '(?:[$€£]\\s?\\d{1,3}(?:[,.]\\d{3})+|\\b\\d{1,3}(?:[,.]\\d{3})+\\s?(?:eur|usd|gbp|chf)\\b|\\b\\d{2,3}k\\b)',
    '(?<q>["\'])cmd\\k<q>',
  ])('accepts %s', (source) => {
    expect(unsafeRegExpReason(source)).toBeUndefined();
  });

  it('checks repeats inside lookarounds and alternatives too', () => {
    expect(unsafeRegExpReason('x(?=(a+)+$)')).toMatch(/nested quantifier "\(a\+\)\+"/);
    expect(unsafeRegExpReason('ok|(\\w|\\d)+')).toMatch(/alternatives `\\w` and `\\d`/);
  });

  it('refuses groups nested too deep to check, rather than overflowing the stack', () => {
    expect(unsafeRegExpReason(`${'('.repeat(3000)}a${')+'.repeat(3000)}`)).toMatch(
      /nested more than 100 deep/,
    );
    expect(unsafeRegExpReason(`${'(?:'.repeat(50)}a${')'.repeat(50)}`)).toBeUndefined();
  });
});
