// The backtracking guard on its own: overlaps are judged by character sets, not spelling, and a
// large counted repeat of a group holding an unbounded repeat is refused like an unbounded one;
// three unbounded repeats side by side that can share a character are refused, and so are two with
// only optional items between them, once repeats of one same character have been merged.
import { describe, expect, it } from 'vitest';
import { mergeAdjacentRepeats } from './regex-merge.ts';
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
    // two side by side, cut by a required character (SigmaHQ `.*&&.*`) or at the end of the pattern
    '\\w+\\s*\\w+',
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

describe('unsafeRegExpReason: two long repeats side by side with only optional items between', () => {
  it.each([
    ['\\w*\\d*=', 'in "\\w*\\d*" (`\\w*`, `\\d*`) can both match the same characters (such as "0")'],
    ['.*\\s*x', 'in ".*\\s*" (`.*`, `\\s*`)'],
    ['\\d+\\d+x', 'write them as one repeat (`\\d{2,}`)'],
    ['.*.*=', 'write them as one repeat (`.*`)'],
    ['a{0,30000}a{0,30000}b', 'write them as one repeat (`a{0,60000}`)'],
    ['[a-z]+\\s?[a-z]+x', '(`[a-z]+`, `[a-z]+`)'],
    ['\\w+\\s*\\w+!', '(`\\w+`, `\\w+`)'],
    ['.*\\b.*x', '(`.*`, `.*`)'],
    ['.*\\s+-enc', '(`.*`, `\\s+`)'],
    ['.*.*?x', '(`.*`, `.*?`)'],
    ['x(?=.*\\s*!)', 'in ".*\\s*"'],
    ['[a-z]{0,101}[a-z]{0,100}!', '(`[a-z]{0,101}`, `[a-z]{0,100}`)'],
  ])('refuses %s, naming the pair and what they share', (source, shape) => {
    const reason = unsafeRegExpReason(source);
    expect(reason).toMatch(/^2 unbounded \(or long\) repeats side by side/);
    expect(reason).toContain(shape);
    expect(reason).toContain('time polynomial of degree 3 (catastrophic backtracking)');
    expect(reason).toMatch(/put a required character neither matches between them, .* or bound them/);
  });

  it('names the two parts, but no span that cuts a group open and no merge across groups', () => {
    const reason = unsafeRegExpReason('(.*)(.*)x');
    expect(reason).toMatch(/^2 unbounded \(or long\) repeats side by side \(`\.\*`, `\.\*`\) can both/);
    expect(reason).not.toContain('write them as one');
  });

  it('still gives a worse shape first', () => {
    expect(unsafeRegExpReason('(\\w*\\w*\\.)+!')).toMatch(/exponential time/);
    expect(unsafeRegExpReason('\\d+\\d+\\d+x')).toMatch(/^3 unbounded/);
  });

  it.each([
    // cut by a required character, or the end of the pattern
    '.*&&set.*&&.*cmd',
    '.*\\-enc.*[A-Za-z0-9+/]{50,}',
    '.*://.*\\.(xyz|top)/?.*',
    '\\d+\\.\\d+x',
    '\\w+\\s*\\w+',
    '.*.*',
    '\\d+\\d+',
    // disjoint sets, or a short bound on one of them, or bounds whose product is small
    '[a-z]+\\s*\\d+x',
    '.*\\s{0,5}x',
    '[a-z]{0,100}[a-z]{0,100}!',
    // each run starts at a required character the first repeat cannot match
    '=\\w+\\s*\\w+x',
    // from the default policies and SigmaHQ
    '(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]{1,64}@[\\p{L}\\p{N}-]{1,63}\\.[\\p{L}\\p{N}.-]{0,190}\\p{L}{2,24}(?![\\p{L}\\p{N}])',
    '.*&&set.*(\\{\\d\\}){2,}\\\\"\\s+?-f.*&&.*cmd.*/c',
    '.*cmd.{0,5}(?:\\/c|\\/r).+clip(?:\\.exe)?.{0,4}&&.+clipboard]::\\(\\s\\\\\\"\\{\\d\\}.+\\-f.+\\"',
    '.+:assumed-role/aws:.+',
  ])('accepts %s', (source) => {
    expect(unsafeRegExpReason(source)).toBeUndefined();
  });

  it('takes a pattern anchored with ^ as one start position, when the flags say there is no m', () => {
    expect(unsafeRegExpReason('^\\w+\\s*\\w+x', '')).toBeUndefined();
    expect(unsafeRegExpReason('^\\w+\\s*\\w+x', 'i')).toBeUndefined();
    expect(unsafeRegExpReason('^\\w+\\s*\\w+x', 'm')).toMatch(/^2 unbounded/);
    expect(unsafeRegExpReason('^\\w+\\s*\\w+x')).toMatch(/^2 unbounded/);
    expect(unsafeRegExpReason('^a|\\w+\\s*\\w+x', '')).toMatch(/^2 unbounded/);
    // a lookahead is tried at every position even in an anchored pattern
    expect(unsafeRegExpReason('^(?:(?=.*\\s*!).)*', '')).toMatch(/^2 unbounded/);
  });
});

/** Every match of a pattern over a text: index, text and groups, as `matchAll` reports them. */
function matches(source: string, flags: string, text: string): unknown[] {
  return [...text.matchAll(new RegExp(source, `${flags}g`))].map((m) => [m.index, ...m]);
}

/** Every string of up to `length` characters over an alphabet. */
function strings(alphabet: string, length: number): string[] {
  let level = [''];
  const out = [''];
  for (let k = 0; k < length; k++) {
    level = level.flatMap((prefix) => [...alphabet].map((c) => prefix + c));
    out.push(...level);
  }
  return out;
}

describe('mergeAdjacentRepeats: repeats of one character side by side written as one', () => {
  it.each([
    ['.*.*=', '', '.*='],
    ['[\\s\\S]*[\\s\\S]*x', '', '[\\s\\S]*x'],
    ['a{0,30000}a{0,30000}b', '', 'a{0,60000}b'],
    ['\\s*\\s*$|a', '', '\\s*$|a'],
    ['\\d+\\d*x', '', '\\d+x'],
    ['\\d*\\d+x', '', '\\d+x'],
    ['\\d+\\d+x', '', '\\d{2,}x'],
    ['a{3,20}a{2,}b', '', 'a{5,}b'],
    ['.*?.*?x', '', '.*?x'],
    ['.*.*.*.*x', '', '.*x'],
    ['k=.*.*;(.*.*)', '', 'k=.*;(.*)'],
    ['x(?<=.*.*)', '', 'x(?<=.*)'],
    ['(?=\\w+\\w+!)', '', '(?=\\w{2,}!)'],
    ['\\d*[0-9]*x', '', '\\d*x'],
    ['[\\s\\S]*.*x', 's', '[\\s\\S]*x'],
    ['[a-z]+[A-Z]+!', 'i', '[a-z]{2,}!'],
  ])('writes %s (flags "%s") as %s', (source, flags, merged) => {
    expect(mergeAdjacentRepeats(source, flags)).toBe(merged);
    expect(unsafeRegExpReason(merged, flags)).toBeUndefined();
  });

  it.each([
    ['(.*)(.*)x', ''], // capture groups depend on the split
    ['(.*)\\1.*x', ''],
    ['.*.*?x', ''], // greedy then lazy: not one repeat
    ['.*\\b.*x', ''], // the split must fall on a word boundary
    ['[\\s\\S]*.*x', ''], // `.` is narrower without s
    ['\\p{L}*\\p{Lu}*x', 'u'],
    ['[a-z]*[A-Z]*x', 'iu'],
    ['[a-z]*[A-Z]*x', ''],
    ['\\d{2}\\d{3}', ''], // short repeats are left as written
    ['.*.*(', ''], // not a regular expression: left for the RegExp constructor to name
    ['.*\\.*x', ''],
    ['[.*].*x', ''],
  ])('leaves %s (flags "%s") as it is', (source, flags) => {
    expect(mergeAdjacentRepeats(source, flags)).toBe(source);
  });

  it.each([
    ['.*.*=', '', 'ab= \n=c', 6],
    ['[\\s\\S]*[\\s\\S]*x', '', 'ax\nxb', 5],
    ['a{0,3000}a{0,3000}b', '', 'aab', 6],
    ['a{1,2}a{1,12}b', '', 'aab', 7],
    ['\\s*\\s*$|a', 'm', ' a\n', 6],
    ['\\d+\\d*x', '', '1x2', 7],
    ['.*?.*?(x)', '', 'axbx', 6],
    ['(?<k>.)\\w*\\w*\\k<k>', '', 'ab_a', 6],
    ['[a-z]+[A-Z]+!', 'i', 'aB!1', 6],
    ['x(?<=a.*.*x)', '', 'axbx', 6],
  ])('%s matches every string over "%s" the same way once merged', (source, flags, alphabet, length) => {
    const merged = mergeAdjacentRepeats(source, flags);
    expect(merged).not.toBe(source);
    for (const text of strings(alphabet, length))
      expect(matches(merged, flags, text), JSON.stringify(text)).toEqual(matches(source, flags, text));
  });
});
