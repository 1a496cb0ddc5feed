import { describe, expect, it } from 'vitest';
import { flattenRecord } from './flatten.ts';
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
