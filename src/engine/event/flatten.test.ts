import { describe, expect, it } from 'vitest';
import { flattenRecord, MAX_NESTING, type FlattenProblem } from './flatten.ts';
import { makeJoiner } from './join.ts';

describe('flattenRecord', () => {
  it.each([
    ['nested maps become dotted names', { user: { name: 'a' } }, { 'user.name': 'a' }],
    ['deep nesting', { a: { b: { c: 1 } } }, { 'a.b.c': 1 }],
    ['lists of plain values stay lists', { email: { to: ['x', 'y'] } }, { 'email.to': ['x', 'y'] }],
    [
      'already dotted names are kept',
      { 'user.name': 'a', '@timestamp': 't' },
      { 'user.name': 'a', '@timestamp': 't' },
    ],
    [
      'maps inside lists are kept as JSON text, and each path of theirs is a list of its values',
      {
        dns: {
          answers: [
            { data: 'evil.com', type: 'A' },
            { data: 'x.net', ttl: [1, 2] },
          ],
        },
      },
      {
        'dns.answers': ['{"data":"evil.com","type":"A"}', '{"data":"x.net","ttl":[1,2]}'],
        'dns.answers.data': ['evil.com', 'x.net'],
        'dns.answers.type': ['A'],
        'dns.answers.ttl': [1, 2],
      },
    ],
    ['null stays null', { a: null }, { a: null }],
  ])('%s', (_name, input, expected) => {
    expect(flattenRecord(input)).toEqual(expected);
  });
});

describe('makeJoiner', () => {
  const join = makeJoiner({
    directory: [{ name: 'jdoe', department: 'Sales', hr: { resignation_date: '2026-02-20' } }],
    resources: [{ id: 'crm', sensitivity: 'confidential' }],
  });
  it('joins the directory as user.* and the catalogue as resource.*', () => {
    expect(join({ 'user.name': 'JDoe', 'resource.id': 'crm' })).toMatchObject({
      'user.department': 'Sales',
      'user.hr.resignation_date': '2026-02-20',
      'resource.sensitivity': 'confidential',
    });
  });
  it('fields already on the event win', () => {
    expect(join({ 'user.name': 'jdoe', 'user.department': 'IT' })['user.department']).toBe('IT');
  });
  it('the joined user.name keeps the event spelling', () => {
    expect(join({ 'user.name': 'JDoe' })['user.name']).toBe('JDoe');
  });
});

describe('flattenRecord: what a flat event cannot hold', () => {
  const flatten = (record: Record<string, unknown>) => {
    const problems: FlattenProblem[] = [];
    const event = flattenRecord(record, '', {}, { onProblem: (p) => problems.push(p) });
    return { event, problems };
  };
  const deep = (depth: number, wrap: (inner: unknown) => unknown): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = wrap(value);
    return value;
  };

  it('names a field given twice (dotted and nested), keeping the last one written', () => {
    const { event, problems } = flatten({ 'user.name': 'a', user: { name: 'conflict' } });
    expect(event['user.name']).toBe('conflict');
    expect(problems).toEqual([{ kind: 'duplicate', field: 'user.name' }]);
  });

  it('lets a field of the record replace a list projection without a word', () => {
    const { event, problems } = flatten({ dns: { answers: [{ data: 'x' }] }, 'dns.answers.data': 'own' });
    expect(event['dns.answers.data']).toBe('own');
    expect(problems).toEqual([]);
  });

  it('drops a value nested more than MAX_NESTING levels, without recursing into it', () => {
    const lists = flatten({ keep: 1, d: deep(100_000, (v) => [v]) });
    expect(lists.event).toEqual({ keep: 1 });
    expect(lists.problems).toEqual([{ kind: 'too-deep', field: 'd', limit: MAX_NESTING }]);
    const maps = flatten({ keep: 1, d: deep(100_000, (v) => ({ a: v })) });
    expect(maps.event).toEqual({ keep: 1 });
    expect(maps.problems).toMatchObject([{ kind: 'too-deep' }]);
    // At the limit itself everything is read.
    const atLimit = flatten({ d: deep(MAX_NESTING, (v) => [v]) });
    expect(atLimit.problems).toEqual([]);
    expect(atLimit.event.d).toHaveLength(1);
  });
});

describe('a field named __proto__', () => {
  it('is held as the event’s own field, never as its prototype', () => {
    const event = flattenRecord(JSON.parse('{"__proto__": ["a", "b"], "x": {"__proto__": 5}}'));
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.hasOwn(event, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(event, '__proto__')?.value).toEqual(['a', 'b']);
    expect(event['x.__proto__']).toBe(5);
    expect((event as Record<string, unknown>)['length']).toBeUndefined();
  });
});
