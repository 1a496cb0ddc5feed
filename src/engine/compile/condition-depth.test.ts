// Deep conditions are refused with their place, on the rule that has them: no stack overflow
// escapes a rule (which would lose the file, the line and every other rule of the pack).
import { describe, expect, it } from 'vitest';
import { loadPack } from '../load/load-pack.ts';
import { compileRule } from './rule.ts';
import { MAX_CONDITION_DEPTH, parseCondition } from './condition.ts';
import { compileRuleText, ruleMatches } from './rule-fixture.ts';

const nots = (count: number) => `${'not '.repeat(count)}sel`;

describe('the depth of a condition', () => {
  it('"not" repeated 10,000 times is refused where the limit is passed', () => {
    const parsed = parseCondition(nots(10_000));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.message).toMatch(/too deeply nested/);
      expect(parsed.error.offset).toBe(MAX_CONDITION_DEPTH * 4);
    }
  });

  it('parentheses and "not" count together', () => {
    const half = MAX_CONDITION_DEPTH / 2;
    const within = `${'not ('.repeat(half)}sel${')'.repeat(half)}`;
    expect(parseCondition(within).ok).toBe(true);
    const beyond = `not ${within}`;
    expect(parseCondition(beyond).ok).toBe(false);
  });

  it('a chain of "not" at the limit still compiles and evaluates', () => {
    const rule = (count: number) => `title: t\ndetection:\n  sel: { a: 1 }\n  condition: ${nots(count)}\n`;
    expect(ruleMatches(rule(MAX_CONDITION_DEPTH), { a: 1 })).toBe(true);
    expect(ruleMatches(rule(MAX_CONDITION_DEPTH - 1), { a: 1 })).toBe(false);
  });

  it('a rule with 10,000 "not"s is a located error, and the next rule still compiles', () => {
    const text = `title: deep\nid: deep\ndetection:\n  sel: { a: 1 }\n  condition: ${nots(10_000)}\n---\ntitle: fine\nid: fine\ndetection:\n  sel: { a: 1 }\n  condition: not sel\n`;
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(errors).toEqual([]);
    const [deep, fine] = documents.map((document) => compileRule(document));
    expect(deep?.rule).toBeUndefined();
    expect(deep?.errors).toHaveLength(1);
    expect(deep?.errors[0]).toMatchObject({
      file: 'p.yml',
      line: 5,
      column: 14 + MAX_CONDITION_DEPTH * 4,
      severity: 'error',
    });
    expect(deep?.errors[0]?.message).toMatch(/^condition: the condition is too deeply nested/);
    expect(fine?.errors).toEqual([]);
    expect(fine?.rule?.test({ event: { a: 2 }, spans: () => [] })).toBe(true);
  });

  it('deep parentheses are located at the parenthesis past the limit', () => {
    const { errors } = compileRuleText(
      `title: t\ndetection:\n  sel: { a: 1 }\n  condition: ${'('.repeat(5000)}sel${')'.repeat(5000)}\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, column: 14 + MAX_CONDITION_DEPTH });
  });
});
