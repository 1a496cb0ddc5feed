import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from './load-pack.ts';

describe('loadPack', () => {
  it('detects document kinds: explicit kind, detection → rule, correlation → correlation', () => {
    const text =
      'title: r\ndetection: { s: { a: 1 }, condition: s }\n---\ncorrelation: { type: event_count }\n---\nkind: classifier\nid: c\n---\nkind: test\nname: t\n---\nkind: access\n';
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(errors).toEqual([]);
    expect(documents.map((d) => [d.kind, d.index])).toEqual([
      ['rule', 0],
      ['correlation', 1],
      ['classifier', 2],
      ['test', 3],
      ['access', 4],
    ]);
  });

  it('locates keys and list items (1-based line and column)', () => {
    const text = 'title: r\ndetection:\n  sel:\n    f:\n      - a\n      - b\n  condition: sel\n';
    const doc = loadPack([{ name: 'p.yml', text }]).documents[0];
    expect(doc?.locate(['detection', 'sel', 'f'])).toEqual({
      file: 'p.yml',
      line: 4,
      column: 5,
      path: 'detection.sel.f',
    });
    expect(doc?.locate(['detection', 'sel', 'f', 1])).toMatchObject({
      line: 6,
      column: 9,
      path: 'detection.sel.f[1]',
    });
    // A path that does not exist falls back to its nearest existing parent.
    expect(doc?.locate(['detection', 'nope'])).toMatchObject({ line: 2, column: 1 });
  });

  it('reports YAML syntax errors with their position and keeps loading other files', () => {
    const { documents, errors } = loadPack([
      { name: 'bad.yml', text: 'title: x\ndetection: [\n' },
      { name: 'good.yml', text: 'title: r\ndetection: { s: { a: 1 }, condition: s }\n' },
    ]);
    expect(errors[0]).toMatchObject({
      file: 'bad.yml',
      severity: 'error',
      message: expect.stringMatching(/YAML syntax error/),
    });
    expect(documents.map((d) => d.file)).toEqual(['good.yml']);
  });

  it('places an indentation error at the key written wrong, not at the start of its line', () => {
    const { errors } = loadPack([
      {
        name: 'p.yml',
        text: 'title: t\nid: t\ndetection:\n  s:\n    a: 1\n   bad_indent: x\n  condition: s\n',
      },
    ]);
    expect(errors[0]).toMatchObject({ line: 6, column: 4, message: expect.stringMatching(/same column/) });
  });

  it('reports duplicate keys', () => {
    const { errors } = loadPack([{ name: 'p.yml', text: 'title: a\ntitle: b\ndetection: {}\n' }]);
    expect(errors[0]?.message).toMatch(/unique/i);
    expect(errors[0]?.line).toBe(2);
  });

  it('suggests the kind a misspelled key meant', () => {
    const { errors } = loadPack([{ name: 'p.yml', text: 'title: a\ndetecton:\n  s: { a: 1 }\n' }]);
    expect(errors[0]).toMatchObject({ line: 2, column: 1, suggestion: 'did you mean "detection"?' });
    const kind = loadPack([{ name: 'p.yml', text: 'kind: tset\n' }]).errors[0];
    expect(kind?.suggestion).toBe('did you mean "test"?');
  });

  it('skips empty documents and rejects documents that are not maps', () => {
    const { documents, errors } = loadPack([
      { name: 'p.yml', text: '---\n# only a comment\n---\n- a list\n' },
    ]);
    expect(documents).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(4);
  });

  it('never throws: arbitrary text yields documents or located diagnostics', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'a: 1',
          '- x',
          '---',
          'detection:',
          '  s: {',
          ']',
          '"',
          "'",
          ':',
          '&a',
          '*a',
          '!!binary',
          '\t',
          'kind: rule',
          '? k',
        ),
        { maxLength: 12 },
      )
      .map((l) => l.join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.string(), yamlish), (text) => {
        const { errors } = loadPack([{ name: 'f.yml', text }]);
        for (const error of errors) {
          expect(error.file).toBe('f.yml');
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Sigma rule collections (action: global / reset / repeat, as pySigma reads them)', () => {
  const text = [
    'action: global',
    'title: shared',
    'logsource: { product: linux, service: auditd }',
    'detection:',
    '  selection: { type: EXECVE }',
    '---',
    'id: one',
    'detection:',
    '  more: { a0: sudoedit }',
    '  condition: selection and more',
    '---',
    'action: repeat',
    'id: two',
    '---',
    'action: reset',
    '---',
    'title: alone',
    'detection: { s: { a: 1 }, condition: s }',
    '',
  ].join('\n');

  it('merges the global document into each later one, repeats the previous, and resets', () => {
    const { documents, errors } = loadPack([{ name: 'c.yml', text }]);
    expect(errors).toEqual([]);
    expect(documents.map((d) => [d.index, d.kind, d.data.id ?? null, d.data.title])).toEqual([
      [1, 'rule', 'one', 'shared'],
      [2, 'rule', 'two', 'shared'],
      [4, 'rule', null, 'alone'],
    ]);
    expect(documents[0]?.data.detection).toEqual({
      selection: { type: 'EXECVE' },
      more: { a0: 'sudoedit' },
      condition: 'selection and more',
    });
    expect(documents[1]?.data.detection).toEqual(documents[0]?.data.detection);
    expect(documents[1]?.data).not.toHaveProperty('action');
    expect(documents[2]?.data).not.toHaveProperty('logsource');
  });

  it('locates each key where it is written: in the global document or in the rule', () => {
    const [one, two] = loadPack([{ name: 'c.yml', text }]).documents;
    expect(one?.locate(['title'])).toMatchObject({ line: 2, column: 1 });
    expect(one?.locate(['detection', 'selection', 'type'])).toMatchObject({ line: 5 });
    expect(one?.locate(['detection', 'more', 'a0'])).toMatchObject({ line: 9 });
    expect(one?.locateValue(['detection', 'condition'])).toMatchObject({ line: 10, column: 14 });
    expect(two?.locate(['id'])).toMatchObject({ line: 13 });
    expect(two?.locate(['detection', 'more'])).toMatchObject({ line: 9 });
  });

  it('an unknown action is an error at its value; a document with kind: is not part of a collection', () => {
    const { documents, errors } = loadPack([
      { name: 'c.yml', text: 'action: glbal\ntitle: t\ndetection: { s: { a: 1 }, condition: s }\n' },
    ]);
    expect(documents).toEqual([]);
    expect(errors).toMatchObject([
      { line: 1, column: 9, message: expect.stringMatching(/unknown Sigma collection action "glbal"/) },
    ]);
    const explicit = loadPack([
      { name: 'k.yml', text: 'action: global\ntitle: shared\n---\nkind: test\nname: t\naction: global\n' },
    ]);
    expect(explicit.errors).toEqual([]);
    expect(explicit.documents.map((d) => [d.kind, d.data.action, d.data.title])).toEqual([
      ['test', 'global', undefined],
    ]);
  });
});
