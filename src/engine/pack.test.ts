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
});
