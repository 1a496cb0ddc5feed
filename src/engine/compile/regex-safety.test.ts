// The backtracking guard on its own: overlaps are judged by character sets, not spelling, and a
// large counted repeat of a group holding an unbounded repeat is refused like an unbounded one, and
// three unbounded repeats side by side that can share a character are refused too.
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

describe('unsafeRegExpReason: unbounded repeats side by side that can share characters', () => {
  it.each([
    [
      '\\b\\d+[ -]?\\d+[ -]?\\d+\\b',
      '3 unbounded (or long) repeats side by side in "\\d+[ -]?\\d+[ -]?\\d+"',
    ],
    ['\\d*\\d*\\d*\\d*\\d*\\d*\\d*\\d*x', '8 unbounded (or long) repeats side by side'],
    ['\\d+\\d+\\d+x', '(`\\d+`, `\\d+`, `\\d+`)'],
    ['\\d+\\d+\\d+$', 'in "\\d+\\d+\\d+"'],
    ['\\w+\\s*\\w+\\s*\\w+x', '(`\\w+`, `\\w+`, `\\w+`)'],
    ['[a-z]+\\s?[a-z]+\\s?[a-z]+\\b', 'such as "a"'],
    ['.*a.*a.*x', '(`.*`, `.*`, `.*`) can all match the same characters (such as "a")'],
    ['\\d+1\\d+1\\d+!', 'such as "1"'],
    ['\\d+(?:\\d+)\\d+!', 'in "\\d+(?:\\d+)\\d+"'],
    ['\\d{1,11}\\d{1,11}\\d{1,11}x', '(`\\d{1,11}`, `\\d{1,11}`, `\\d{1,11}`)'],
    ['[0-9a-f]+[0-9]+\\d+-', '(`[0-9a-f]+`, `[0-9]+`, `\\d+`)'],
    ['\\p{L}+\\p{L}+\\p{L}+x', '(`\\p{L}+`, `\\p{L}+`, `\\p{L}+`)'],
    ['x(?=\\d+\\d+\\d+!)', 'side by side in "\\d+\\d+\\d+"'],
    ['(?:\\d+\\d+\\d+)x', 'side by side in "\\d+\\d+\\d+"'],
    ['\\d+1\\d+1\\d+\\d+\\d+1', '3 unbounded (or long) repeats side by side in "\\d+\\d+\\d+"'],
  ])('refuses %s, naming the repeats and what they share', (source, shape) => {
    const reason = unsafeRegExpReason(source);
    expect(reason).toContain(shape);
    expect(reason).toMatch(/time polynomial of degree \d+ \(catastrophic backtracking\)/);
    expect(reason).toMatch(/put a required character none of them matches between them/);
  });

  it('gives the degree the chain costs', () => {
    expect(unsafeRegExpReason('\\d+\\d+\\d+x')).toContain(
      'about n^2 ways at each of n start positions, time polynomial of degree 4',
    );
    expect(unsafeRegExpReason('\\d*\\d*\\d*\\d*x')).toContain('degree 5');
  });

  it.each([
    // two side by side: cubic, as common as they are (the default e-mail pattern, SigmaHQ `.*&&.*`)
    '\\d+\\d+x',
    '\\w+\\s*\\w+',
    '[a-z]+\\s?[a-z]+x',
    '.*&&set.*&&.*cmd',
    // a required character the repeats cannot match cuts the chain
    '\\d+\\.\\d+',
    '\\d+\\.\\d+\\.\\d+\\.\\d+x',
    '[a-z]+@[a-z]+\\.[a-z]+',
    '\\w+\\s+\\w+\\s+\\w+x',
    '^\\S+\\s\\S+$',
    '\\d+-\\d+-\\d+!',
    '.*cmd.*cmd.*cmd.*x',
    // disjoint sets, small bounds, or repeats the rest of the pattern can stop after
    '[a-z]+\\d+[a-z]+\\d+!',
    '\\d{1,10}\\d{1,10}\\d{1,10}x',
    '\\d{3}\\d{3}\\d{4}',
    '\\d+\\d+\\d+',
    'x(\\d+\\d+\\d+)',
    '\\+.*\\+.*\\+.*\\+',
    '(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]{1,64}@[\\p{L}\\p{N}-]{1,63}\\.[\\p{L}\\p{N}.-]{0,190}\\p{L}{2,24}(?![\\p{L}\\p{N}])',
  ])('accepts %s', (source) => {
    expect(unsafeRegExpReason(source)).toBeUndefined();
  });

  it('reads Unicode property escapes exactly over ASCII', () => {
    expect(unsafeRegExpReason('\\p{L}+\\.\\p{L}+\\.\\p{L}+x', 'u')).toBeUndefined();
    expect(unsafeRegExpReason('\\p{L}+\\p{Lu}?\\p{L}+\\p{N}?\\p{L}+x', 'u')).toMatch(/3 unbounded/);
  });

  it('checks a pattern with thousands of repeats in linear time', () => {
    const started = performance.now();
    expect(unsafeRegExpReason(`${'\\+.*'.repeat(3000)}\\+`)).toBeUndefined();
    expect(unsafeRegExpReason(`${'(?:'.repeat(90)}${'\\d+'.repeat(500)}${')'.repeat(90)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
