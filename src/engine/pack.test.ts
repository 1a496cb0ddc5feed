import { describe, expect, it } from 'vitest';
import { compilePack } from './pack.ts';

describe('compilePack', () => {
  it('names a rule id used twice, and still reports the second rule’s own errors', () => {
    const rule = (title: string, condition: string) =>
      [
        `title: ${title}`,
        'id: dup',
        'detection:',
        '  selection: { user.name: bob }',
        `  condition: ${condition}`,
      ].join('\n');
    const { pack, errors } = compilePack([
      { name: 'a.yml', text: rule('first', 'selection') },
      { name: 'b.yml', text: rule('second', 'selection and sel2') },
    ]);
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'b.yml:2: rule id "dup" is already used in a.yml',
      'b.yml:5: the condition names "sel2", which is not a selection of this rule',
    ]);
    expect(pack?.rules.map((r) => r.title) ?? []).toEqual(['first']);
  });

  it('warns about a rule that reads the ground-truth labels, and still compiles it', () => {
    const text = [
      'title: cheat',
      'id: cheat',
      'detection:',
      '  selection: { labels.scenario|exists: true }',
      '  condition: selection',
    ].join('\n');
    const { pack, errors, warnings } = compilePack([{ name: 'cheat.yml', text }]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([
      expect.stringMatching(/^cheat\.yml:3: rule "cheat" reads labels\.scenario: the dataset's ground truth/),
    ]);
    expect(pack.rules.map((r) => r.id)).toEqual(['cheat']);
  });
});

describe('compilePack: names tests and rules refer to', () => {
  const rule = (title: string, id?: string) =>
    [
      `title: ${title}`,
      ...(id ? [`id: ${id}`] : []),
      'detection:',
      '  selection: { user.name: bob }',
      '  condition: selection',
    ].join('\n');

  it('gives a second rule known only by a title another has its own key, with a warning', () => {
    const { pack, errors, warnings } = compilePack([
      { name: 'a.yml', text: `${rule('Same')}\n---\n${rule('Same')}` },
    ]);
    expect(errors).toEqual([]);
    expect(pack.rules.map((r) => r.id)).toEqual(['Same', 'Same (2)']);
    expect(warnings.map((w) => w.message)).toEqual([
      'another rule without id has the title "Same": this one is "Same (2)" in alerts and tests',
    ]);
  });

  it('locates a test expecting a rule, correlation or classifier the pack lacks, with the nearest name', () => {
    const test = [
      'kind: test',
      'name: t',
      'events: [{ user.name: bob }]',
      'expect:',
      '  fire: [bobs-rule, no-such-rule]',
      '  not_fire: [bobs-rul]',
    ].join('\n');
    const { errors } = compilePack([
      { name: 'r.yml', text: rule('Bob', 'bobs-rule') },
      { name: 't.yml', text: test },
    ]);
    expect(errors.map((e) => [e.file, e.line, e.message, e.suggestion])).toEqual([
      ['t.yml', 5, 'the pack has no rule or correlation "no-such-rule"', undefined],
      ['t.yml', 6, 'the pack has no rule or correlation "bobs-rul"', 'did you mean "bobs-rule"?'],
    ]);
  });
});
