// Documents the loader refuses with a message of their own rather than guessing a kind.
import { describe, expect, it } from 'vitest';
import { loadPack } from './load-pack.ts';

describe('detectKind: documents that are neither a rule nor a correlation', () => {
  it('refuses a document with both `detection` and `correlation`, located at `correlation`', () => {
    const text = [
      'title: probe',
      'id: probe',
      'correlation:',
      '  type: event_count',
      '  rules: [rule_a]',
      '  group-by: [u]',
      '  timespan: 5m',
      '  condition: { gte: 3 }',
      'detection: { sel: { action: z }, condition: sel }',
      '',
    ].join('\n');
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(documents).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'p.yml',
      line: 3,
      severity: 'error',
      message: expect.stringMatching(/a correlation is a document of its own/),
    });
  });

  it('says that Sigma filters are not supported, located at `filter`', () => {
    const text = [
      'title: Filter out admin',
      'logsource: { product: test }',
      'filter:',
      '  rules: [rule_a]',
      '  selection: { user.name: admin }',
      '  condition: not selection',
      '',
    ].join('\n');
    const { documents, errors } = loadPack([{ name: 'f.yml', text }]);
    expect(documents).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'f.yml',
      line: 3,
      severity: 'error',
      message: expect.stringMatching(/Sigma filters .* are not supported/),
    });
  });

  it('still reads a plain rule and a plain correlation', () => {
    const text =
      'title: r\ndetection: { s: { a: 1 }, condition: s }\n---\ntitle: c\ncorrelation: { type: event_count }\n';
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.kind)).toEqual(['rule', 'correlation']);
  });
});
