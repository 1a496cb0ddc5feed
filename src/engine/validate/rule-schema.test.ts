// A rule's id and name are keys alerts, tests and correlations know it by: blank text is refused.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';

const rule = (key: string, value: string, user: string) =>
  `title: t\n${key}: ${value}\ndetection:\n  sel: { user.name: ${user} }\n  condition: sel\n`;

describe('RuleSchema: id and name', () => {
  it.each([
    ['id', '""'],
    ['id', "'   '"],
    ['name', '""'],
  ])('%s %s is an error at the key, on every rule that has it', (key, value) => {
    const text = `${rule(key, value, 'a')}---\n${rule(key, value, 'b')}`;
    const { errors } = compilePack([{ name: 'p.yml', text }]);
    // ("   " is also a duplicate of the first: the pack says so too.)
    const empty = errors.filter((error) => error.message.includes('is empty'));
    expect(empty.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 2, column: 1, message: `${key} is empty: write one, or leave "${key}:" out` },
      { line: 8, column: 1, message: `${key} is empty: write one, or leave "${key}:" out` },
    ]);
  });

  it('a number, a text id, and no id at all are still fine', () => {
    for (const text of [rule('id', '42', 'a'), rule('id', 'x-1', 'a'), rule('level', 'low', 'a')])
      expect(compilePack([{ name: 'p.yml', text }]).errors).toEqual([]);
  });
});
