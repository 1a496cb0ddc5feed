// Sigma `re` values are PCRE (Sigma specification, modifiers appendix, v2.1.0), whose only line
// break is `\n`: `.` leaves out `\n` alone, `$` also matches before a final `\n`, and under `m`
// lines end at `\n` only, not at `\r`, U+2028 or U+2029 as in JavaScript.
import { describe, expect, it } from 'vitest';
import { compileSigmaRegExp } from './regexp.ts';

type Flag = 'i' | 'm' | 's';

function compiled(source: string, flags: Flag[] = []): RegExp {
  const result = compileSigmaRegExp(source, flags);
  if (!result.ok) throw new Error(result.message);
  return result.regexp;
}

/** Each text with whether the pattern (under the flags) matches it, as PCRE answers. */
function expectMatches(source: string, flags: Flag[], cases: [string, boolean][]): void {
  const regexp = compiled(source, flags);
  for (const [text, matches] of cases)
    expect(regexp.test(text), `${source} /${flags.join('')} on ${JSON.stringify(text)}`).toBe(matches);
}

// The events of the reviewer's reproduction.
const R1 = 'C:\\evil.exe\n';
const R2 = 'a\rb';
const R3 = 'a\u2028b';
const R4 = 'a\r\nb\r\nc';
const R5 = 'a\nb\nc';

describe('compileSigmaRegExp: PCRE line breaks', () => {
  it('$ without m matches at the end or before a final \\n', () => {
    expectMatches(
      '\\.exe$',
      [],
      [
        [R1, true],
        [R2, false],
        [R3, false],
        [R4, false],
        [R5, false],
        ['evil.exe', true],
        ['evil.exe\n\n', false],
        ['evil.exe\r\n', false],
        ['evil.exe\nx', false],
        ['evil.exe x', false],
      ],
    );
  });

  it('. without s leaves out \\n alone', () => {
    expectMatches(
      'a.b',
      [],
      [
        [R1, false],
        [R2, true],
        [R3, true],
        [R4, false],
        [R5, false],
        ['a\u2029b', true],
        ['axb', true],
        ['a\nb', false],
      ],
    );
  });

  it('^ and $ under m match at \\n only', () => {
    expectMatches(
      '^b$',
      ['m'],
      [
        [R1, false],
        [R2, false],
        [R3, false],
        [R4, false],
        [R5, true],
        ['b', true],
        ['b\n', true],
        ['\nb', true],
        ['a\u2028b\u2029c', false],
      ],
    );
  });

  it('^ without m matches at the start of the text only', () => {
    expectMatches(
      '^b',
      [],
      [
        ['b', true],
        ['a\nb', false],
        ['a\rb', false],
      ],
    );
  });

  it('never sets JavaScript’s own m flag', () => {
    expect(compiled('^b$', ['m']).flags).toBe('');
    expect(compiled('(?m)^b$').flags).toBe('');
    expect(compiled('^a.b$', ['m', 's']).flags).toBe('s');
  });

  it('reads an inline (?m) / (?s) as the modifiers', () => {
    expectMatches(
      '(?m)^b$',
      [],
      [
        [R4, false],
        [R5, true],
      ],
    );
    expectMatches('(?s)a.b', [], [['a\nb', true]]);
  });

  it('leaves escapes and classes alone', () => {
    for (const flags of [[], ['m'], ['s'], ['m', 's']] as Flag[][]) {
      expect(compiled('a\\$b\\.c', flags).source).toBe('a\\$b\\.c');
      expect(compiled('x[$.^]', flags).source).toBe('x[$.^]');
      expect(compiled('x[^.$]', flags).source).toBe('x[^.$]');
      expectMatches('a\\$b\\.c', flags, [
        ['a$b.c', true],
        ['a$bxc', false],
        ['ab.c', false],
        ['a\nb.c', false],
      ]);
      expectMatches('x[$.^]', flags, [
        ['x$', true],
        ['x.', true],
        ['x^', true],
        ['xa', false],
        ['x\n', false],
        ['x\r', false],
      ]);
    }
  });

  it('. under s matches every character', () => {
    expectMatches(
      'a.b',
      ['s'],
      [
        [R2, true],
        [R3, true],
        ['a\nb', true],
      ],
    );
  });

  it('i changes case only', () => {
    expectMatches(
      'A.B',
      ['i'],
      [
        [R2, true],
        [R3, true],
        ['a\nb', false],
      ],
    );
    expectMatches(
      '^B$',
      ['i', 'm'],
      [
        [R4, false],
        [R5, true],
        ['A\nb', true],
      ],
    );
    expectMatches('\\.EXE$', ['i'], [[R1, true]]);
  });

  it('m and s together: lines at \\n, . across them', () => {
    expectMatches(
      '^a.b$',
      ['m', 's'],
      [
        ['x\na\nb\ny', true],
        ['x\na\rb\ny', true],
        ['x\ra\nb', false],
        ['a\nb\ry', false],
      ],
    );
    expectMatches(
      'a.$',
      ['m', 's'],
      [
        ['a\n', true],
        ['a\r', true],
        ['a\r\n', true],
      ],
    );
  });

  it('reads \\A, \\z and \\Z as PCRE does, with or without m', () => {
    for (const flags of [[], ['m']] as Flag[][]) {
      expectMatches('\\Ab', flags, [
        ['b', true],
        ['a\nb', false],
      ]);
      expectMatches('a\\z', flags, [
        ['a', true],
        ['a\n', false],
        ['a\nb', false],
      ]);
      expectMatches('a\\Z', flags, [
        ['a', true],
        ['a\n', true],
        ['a\n\n', false],
        ['a\nb', false],
        ['a\r', false],
      ]);
    }
  });

  it('keeps named groups and back-references', () => {
    expectMatches(
      '(?P<x>a.)(?P=x)$',
      [],
      [
        ['a\ra\r', true],
        ['a\ra\r\n', true],
        ['a\ra\n', false],
      ],
    );
    expectMatches(
      '(?<x>a.)\\k<x>$',
      ['m'],
      [
        ['a\ra\r\nz', true],
        ['a\ra\rz', false],
        ['ababz', false],
        ['abab\nz', true],
      ],
    );
  });

  it('still drops an outer .* and merges repeats, on the translated dot', () => {
    expect(compiled('.*\\s+-enc.*').source).toBe('\\s+-enc');
    expect(compiled('.*a.*', ['s']).source).toBe('a');
    expect(compiled('x.*.*=', ['m']).source).toBe('x[^\\n]*=');
    expectMatches(
      'x.*.*=',
      [],
      [
        ['x\r=', true],
        ['x\n=', false],
      ],
    );
  });

  it('the backtracking guard sees the translated pattern', () => {
    // PCRE's dot matches \r: three `.*` with only \r between them can all match a run of \r.
    const result = compileSigmaRegExp('x.*\\r.*\\r.*\\ry', []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^regular expression refused: 3 unbounded/);
    expect(compileSigmaRegExp('(a|aa)+$', ['m']).ok).toBe(false);
    expect(compileSigmaRegExp('^\\w+\\s*\\w+x', []).ok).toBe(true);
    expect(compileSigmaRegExp('^\\w+\\s*\\w+x', ['m']).ok).toBe(false);
  });
});
