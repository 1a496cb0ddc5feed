import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifiersMatching, parseCondition } from './condition.ts';
import { ruleMatches } from './rule-fixture.ts';

/** A rule with selections a, b, c (each true when the event field of that name is "1"). */
function abc(condition: string, extra = ''): string {
  return `title: t\ndetection:\n  a: { a: 1 }\n  b: { b: 1 }\n  c: { c: 1 }\n${extra}  condition: ${condition}\n`;
}

const truth = (a: boolean, b: boolean, c: boolean) => ({ a: a ? 1 : 0, b: b ? 1 : 0, c: c ? 1 : 0 });

describe('condition grammar and precedence (or < and < not < x of < parentheses)', () => {
  const cases: [condition: string, expected: (a: boolean, b: boolean, c: boolean) => boolean][] = [
    ['a and b', (a, b) => a && b],
    ['a or b', (a, b) => a || b],
    ['not a', (a) => !a],
    ['a or b and c', (a, b, c) => a || (b && c)],
    ['a and b or c', (a, b, c) => (a && b) || c],
    ['not a and b', (a, b) => !a && b],
    ['not a or b', (a, b) => !a || b],
    ['not (a or b)', (a, b) => !(a || b)],
    ['(a or b) and c', (a, b, c) => (a || b) && c],
    ['not not a', (a) => a],
    ['1 of them', (a, b, c) => a || b || c],
    ['all of them', (a, b, c) => a && b && c],
    ['not 1 of them', (a, b, c) => !(a || b || c)],
    ['a AND NOT b', (a, b) => a && !b],
  ];
  const all = [false, true].flatMap((a) =>
    [false, true].flatMap((b) => [false, true].map((c) => [a, b, c] as const)),
  );
  it.each(cases)('%s', (condition, expected) => {
    for (const [a, b, c] of all) expect(ruleMatches(abc(condition), truth(a, b, c))).toBe(expected(a, b, c));
  });

  it('a list of conditions is ORed', () => {
    const rule = `title: t\ndetection:\n  a: { a: 1 }\n  b: { b: 1 }\n  condition:\n    - a\n    - b\n`;
    expect(ruleMatches(rule, { a: 0, b: 1 })).toBe(true);
    expect(ruleMatches(rule, { a: 0, b: 0 })).toBe(false);
  });

  it('identifiers beginning with _ are not part of "them"', () => {
    const rule = `title: t\ndetection:\n  a: { a: 1 }\n  _b: { b: 1 }\n  condition: all of them\n`;
    expect(ruleMatches(rule, { a: 1, b: 0 })).toBe(true);
  });

  it('"1 of selection*" matches identifiers by wildcard pattern', () => {
    const rule = `title: t\ndetection:\n  selection_one: { a: 1 }\n  selection_two: { b: 1 }\n  filter: { c: 1 }\n  condition: 1 of selection* and not filter\n`;
    expect(ruleMatches(rule, { a: 0, b: 1, c: 0 })).toBe(true);
    expect(ruleMatches(rule, { a: 0, b: 1, c: 1 })).toBe(false);
    expect(identifiersMatching('sel*_x', ['sel_a_x', 'sel_b', 'sel_x'])).toEqual(['sel_a_x', 'sel_x']);
  });

  it('"all of x*" ANDs the matching identifiers', () => {
    const rule = `title: t\ndetection:\n  sel_a: { a: 1 }\n  sel_b: { b: 1 }\n  condition: all of sel_*\n`;
    expect(ruleMatches(rule, { a: 1, b: 0 })).toBe(false);
    expect(ruleMatches(rule, { a: 1, b: 1 })).toBe(true);
  });
});

describe('condition errors are located', () => {
  const errors: [condition: string, message: RegExp, offset: number][] = [
    ['a and', /ends where a selection name was expected/, 5],
    ['(a or b', /missing "\)"/, 7],
    ['a b', /expected "and" or "or" before "b"/, 2],
    ['a or )', /unexpected "\)"/, 5],
    ['2 of them', /use "1 of" or "all of"/, 0],
    ['selection | count() > 5', /correlation rule/, 10],
    ['sel*', /is a pattern/, 0],
    ['', /empty/, 0],
  ];
  it.each(errors)('%s', (condition, message, offset) => {
    const parsed = parseCondition(condition);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.offset).toBe(offset);
    }
  });

  it('an undefined selection is named with a suggestion and a column', async () => {
    const { compileRuleText } = await import('./rule-fixture.ts');
    const { errors: found } = compileRuleText(abc('a and not flter', '  filter: { x: 1 }\n'));
    expect(found[0]).toMatchObject({
      line: 7,
      column: 24,
      message: expect.stringMatching(/"flter"/),
      suggestion: 'did you mean "filter"?',
    });
  });
});

describe('the condition parser never throws', () => {
  it('returns a tree or a located error for any text', () => {
    const words = fc.constantFrom(
      'a',
      'b',
      'and',
      'or',
      'not',
      '(',
      ')',
      '1',
      'all',
      'of',
      'them',
      'sel*',
      '|',
      'x y',
      '',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(words).map((w) => w.join(' ')),
        ),
        (text) => {
          const parsed = parseCondition(text);
          if (!parsed.ok) {
            expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
            expect(parsed.error.offset).toBeLessThanOrEqual(text.length);
            expect(parsed.error.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting', () => {
    expect(parseCondition('('.repeat(20000) + 'a' + ')'.repeat(20000)).ok).toBe(false);
  });
});
