// Validation of classifier documents: every error is located (file, line, column, path) and
// suggests the nearest valid name; nothing a user writes makes compilation throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../load/load-pack.ts';
import { compileClassifiers } from './index.ts';

function compile(yaml: string, file = 'pack/classifiers.yml') {
  const loaded = loadPack([{ name: file, text: yaml }]);
  expect(loaded.errors).toEqual([]);
  return compileClassifiers(loaded.documents.filter((d) => d.kind === 'classifier'));
}

describe('validation errors are located and suggest the nearest name', () => {
  it('names an unknown validator with its line and the nearest validator', () => {
    const { errors, classifiers: compiled } = compile(`kind: classifier
id: card
name: Card
patterns:
  - confidence: high
    regex: '\\d{16}'
    validator: lunh
`);
    expect(compiled.ids).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'pack/classifiers.yml',
      line: 7,
      column: 5,
      path: 'patterns[0].validator',
      suggestion: 'did you mean "luhn"?',
    });
    expect(errors[0]?.message).toContain('unknown validator "lunh"');
  });

  it('names an unknown dictionary and suggests the defined one', () => {
    const { errors } = compile(`kind: classifier
id: words
name: Words
dictionaries:
  customer_terms: [customer id]
patterns:
  - confidence: high
    dictionary: custmer_terms
`);
    expect(errors[0]).toMatchObject({
      line: 8,
      path: 'patterns[0].dictionary',
      suggestion: 'did you mean "customer_terms"?',
    });
  });

  it('rejects a regex that does not compile and one the ReDoS guard refuses', () => {
    const { errors } = compile(`kind: classifier
id: bad
name: Bad
patterns:
  - confidence: high
    regex: '(\\d{3}'
  - confidence: high
    regex: '(\\d+)+x'
`);
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [6, 'patterns[0].regex'],
      [8, 'patterns[1].regex'],
    ]);
    expect(errors[0]?.message).toMatch(/^invalid regular expression/);
    expect(errors[1]?.message).toMatch(/catastrophic backtracking/);
  });

  it('suggests the nearest key for a misspelled one, and rejects a bad confidence word', () => {
    const { errors } = compile(`kind: classifier
id: x
name: X
patterns:
  - confidence: hihg
    keywords: [a]
    suportting: { keywords: [b] }
`);
    const keyError = errors.find((e) => e.path === 'patterns[0].suportting');
    expect(keyError).toMatchObject({ line: 7, suggestion: 'did you mean "supporting"?' });
    expect(errors.find((e) => e.path === 'patterns[0].confidence')).toMatchObject({
      line: 5,
      message: 'patterns.0.confidence must be a number or one of low, medium, high (got "hihg")',
      suggestion: 'did you mean "high"?',
    });
  });

  it('rejects a pattern with no primary element, and a duplicate id', () => {
    const { errors } = compile(`kind: classifier
id: x
name: X
patterns:
  - confidence: high
---
kind: classifier
id: y
name: Y
patterns: [{ confidence: high, keywords: [a] }]
---
kind: classifier
id: y
name: Y again
patterns: [{ confidence: high, keywords: [b] }]
`);
    expect(errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([
      [5, 'a pattern needs a primary element: regex'],
      [13, 'classifier id "y" is already used in pac'],
    ]);
  });
});

describe('robustness', () => {
  it('rejects supporting evidence asking for more distinct words than it lists (each counts once)', () => {
    const { errors, classifiers: compiled } = compile(`kind: classifier
id: account
name: Account
patterns:
  - confidence: high
    regex: '\\b\\d{8}\\b'
    supporting: { keywords: [acct, ACCT, account], min_matches: 3 }
`);
    expect(compiled.ids).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: 7, path: 'patterns[0].supporting.min_matches' }),
    ]);
    expect(errors[0]?.message).toMatch(/min_matches 3 can never be met: .* only 2 distinct words/);
  });

  it('never throws on arbitrary classifier documents: every problem is a located diagnostic', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constantFrom('luhn', 'high', 'low', 85, '(a+)+', '[', '\\d{4}', 'ab', null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const pattern = fc.dictionary(
      fc.constantFrom(
        'confidence',
        'regex',
        'keywords',
        'dictionary',
        'validator',
        'supporting',
        'flags',
        'name',
        'proximity',
      ),
      fc.oneof(
        value,
        fc.dictionary(fc.constantFrom('keywords', 'regex', 'dictionary', 'min_matches'), value),
      ),
    );
    const doc = fc.record(
      {
        kind: fc.constant('classifier'),
        id: fc.oneof(fc.constantFrom('a', 'b'), fc.string()),
        name: fc.string(),
        patterns: fc.array(pattern, { maxLength: 3 }),
        dictionaries: fc.dictionary(fc.string(), fc.array(fc.string(), { minLength: 1, maxLength: 3 })),
        exclusions: fc.dictionary(fc.constantFrom('values', 'regex', 'keywords'), value),
        min_count: value,
        max_count: value,
        entropy: value,
        mask: value,
      },
      { requiredKeys: ['kind', 'id', 'name', 'patterns'] },
    );
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 3 }), fc.string(), (datas, text) => {
        const docs = datas.map((data, index) => ({
          file: 'p.yml',
          index,
          kind: 'classifier' as const,
          data: data as Record<string, unknown>,
          locate: (path: readonly (string | number)[]) => ({
            file: 'p.yml',
            line: index + 1,
            column: 1,
            path: path.join('.'),
          }),
        }));
        const { classifiers: compiled, errors } = compileClassifiers(docs);
        for (const error of errors)
          expect(error).toMatchObject({
            file: 'p.yml',
            line: expect.any(Number),
            message: expect.any(String),
          });
        expect(Array.isArray(compiled.scan(`${text} 4111 1111 1111 1111 ab`, 'content'))).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('regular expressions as JavaScript runs them', () => {
  it('reads Unicode property classes (\\p{Lu}) in Unicode mode, in patterns and exclusions', () => {
    const { errors, classifiers } = compile(`kind: classifier
id: staff-id
name: Staff id
patterns:
  - confidence: high
    regex: '\\p{Lu}{2}\\d{6}'
exclusions:
  regex: 'ÄÖ\\d+'
`);
    expect(errors).toEqual([]);
    const found = classifiers.scan('staff ÉM123456 and ÄÖ654321, not em123456', 'content');
    expect(found.map((m) => [m.classifier, m.start, m.end])).toEqual([['staff-id', 6, 14]]);
  });

  it('refuses at load an expression too big for the engine, at its place', () => {
    const { errors, classifiers } = compile(`kind: classifier
id: huge
name: Huge
patterns:
  - confidence: high
    regex: '${'(?:abc|def)'.repeat(10_000)}'
`);
    expect(classifiers.ids).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 6, path: 'patterns[0].regex' })]);
  });
});
