// Ids and names correlations reference by must each mean one document (Sigma: `name` is unique).
import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';

const rule = (title: string, fields: Record<string, string>) =>
  [
    `title: ${title}`,
    ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`),
    'detection: { sel: { action: a }, condition: sel }',
  ].join('\n');
const correlation = (title: string, fields: Record<string, string>, rules = 'rule_a') =>
  [
    `title: ${title}`,
    ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`),
    'correlation:',
    '  type: event_count',
    `  rules: [${rules}]`,
    '  group-by: [user.name]',
    '  timespan: 5m',
    '  condition: { gte: 3 }',
  ].join('\n');

function located(files: { name: string; text: string }[]) {
  return compilePack(files).errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
}

describe('names and ids that two documents claim are located errors naming both places', () => {
  it('two rules with the same name', () => {
    const errors = located([
      {
        name: 'p.yml',
        text: [
          rule('rule A', { id: 'a1', name: 'rule_a' }),
          rule('rule B', { id: 'b1', name: 'rule_a' }),
          correlation('c', { id: 'c' }),
        ].join('\n---\n'),
      },
    ]);
    expect(errors).toEqual([
      'p.yml:8: name "rule_a" is already the name of rule "rule A" (p.yml:3): a correlation naming "rule_a" could mean either',
    ]);
  });

  it("a rule's name equal to another rule's id, across files", () => {
    const errors = located([
      { name: 'a.yml', text: rule('rule A', { id: 'x-1' }) },
      { name: 'b.yml', text: rule('rule B', { id: 'b1', name: 'x-1' }) },
    ]);
    expect(errors).toEqual([
      'b.yml:3: name "x-1" is already the id of rule "rule A" (a.yml:2): a correlation naming "x-1" could mean either',
    ]);
  });

  it("a correlation's name equal to a rule's name, and a rule's id equal to a correlation's name", () => {
    expect(
      located([
        {
          name: 'p.yml',
          text: [
            rule('rule a', { id: 'a1', name: 'shared' }),
            correlation('c', { id: 'c1', name: 'shared' }, 'a1'),
          ].join('\n---\n'),
        },
      ]),
    ).toEqual([
      'p.yml:8: name "shared" is already the name of rule "rule a" (p.yml:3): a correlation naming "shared" could mean either',
    ]);
    expect(
      located([
        {
          name: 'p.yml',
          text: [correlation('c', { id: 'c1', name: 'n1' }, 'a1'), rule('rule a', { id: 'n1' })].join(
            '\n---\n',
          ),
        },
      ]),
    ).toContain(
      'p.yml:12: id "n1" is already the name of correlation "c" (p.yml:3): a correlation naming "n1" could mean either',
    );
  });

  it('one document whose id and name are equal, and distinct names, are fine', () => {
    expect(
      located([
        {
          name: 'p.yml',
          text: [
            rule('rule A', { id: 'rule_a', name: 'rule_a' }),
            rule('rule B', { id: 'b1', name: 'rule_b' }),
          ].join('\n---\n'),
        },
      ]),
    ).toEqual([]);
  });

  it('a duplicate id is reported once, by the id check', () => {
    const errors = located([
      { name: 'p.yml', text: [rule('one', { id: 'same' }), rule('two', { id: 'same' })].join('\n---\n') },
    ]);
    expect(errors).toEqual(['p.yml:6: rule id "same" is already used in p.yml']);
  });
});
