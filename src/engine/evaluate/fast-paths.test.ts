// The evaluation fast paths keep the plain definitions: a list of plain values is one item per value
// (ORed, or ANDed with `all`), and a shard has seen a field when some prepared event carries it.
import { describe, expect, it } from 'vitest';
import { compileRuleText, itemRule, ruleMatches } from '../compile/rule-fixture.ts';
import { compilePack } from '../pack.ts';
import { evaluateShard } from '../run/evaluate-shard.ts';
import type { DatasetContext, EngineEvent, FieldValue } from '../types.ts';

const needles = ['Report', 'q3', 'final.PDF', 'x.pdf'];
const values: (FieldValue | FieldValue[])[] = [
  'REPORT',
  'q3',
  'Q3 report final.pdf',
  'final.pdf',
  'X.PDF',
  'tax.pdf',
  'annual report',
  ['x', 'Q3'],
  ['report q3 final.pdf', null],
  ['q3', 'report', 'final.pdf'],
  [],
  42,
  '',
];

function expected(position: string, cased: boolean, all: boolean, negate: boolean, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== null).map(String);
  const fold = (t: string) => (cased ? t : t.toLowerCase());
  const hit = (text: string, needle: string) =>
    position === 'contains'
      ? fold(text).includes(fold(needle))
      : position === 'startswith'
        ? fold(text).startsWith(fold(needle))
        : position === 'endswith'
          ? fold(text).endsWith(fold(needle))
          : fold(text) === fold(needle);
  const one = (needle: string) => list.some((text) => hit(text, needle));
  const matched = all ? needles.every(one) : needles.some(one);
  return negate ? !matched : matched;
}

describe('a list of plain values', () => {
  const keys: [key: string, position: string, cased: boolean, all: boolean, negate: boolean][] = [
    ['f', 'whole', false, false, false],
    ['f|cased', 'whole', true, false, false],
    ['f|contains', 'contains', false, false, false],
    ['f|contains|all', 'contains', false, true, false],
    ['f|contains|cased', 'contains', true, false, false],
    ['f|startswith', 'startswith', false, false, false],
    ['f|endswith', 'endswith', false, false, false],
    ['f|endswith|all', 'endswith', false, true, false],
    ['f|neq', 'whole', false, false, true],
  ];
  for (const [key, position, cased, all, negate] of keys) {
    it(`${key}: any (or every) value against any of the event's values`, () => {
      const rule = itemRule(key, needles);
      for (const value of values) {
        const event: EngineEvent = { f: value };
        expect([value, ruleMatches(rule, event)]).toEqual([
          value,
          expected(position, cased, all, negate, value),
        ]);
      }
      expect(ruleMatches(rule, {})).toBe(false);
      expect(ruleMatches(rule, { f: null })).toBe(false);
    });
  }
  it('explains the value that matched', () => {
    const { rule } = compileRuleText(itemRule('f|endswith', needles));
    const explanation = rule?.explain({ event: { f: 'Q3 REPORT FINAL.pdf' }, spans: () => [] });
    expect(explanation?.selections?.[0]?.fields[0]?.value).toBe('Q3 REPORT FINAL.pdf');
  });
});

describe('fields a shard has seen', () => {
  const { pack } = compilePack([
    {
      name: 'rules.yml',
      text: [
        'title: uses facts',
        'id: facts',
        'detection:',
        '  a: { user.department: sales }',
        '  b: { resource.sensitivity: secret }',
        '  c: { access.decision: deny }',
        '  d: { host.name: h1 }',
        '  e: { user.location: x }',
        '  condition: a or b or c or d or e',
      ].join('\n'),
    },
    {
      name: 'access.yml',
      text: [
        'kind: access',
        'id: files',
        'title: files',
        'entitlements:',
        '  - id: readers',
        '    roles: [reader]',
        '    actions: [read]',
        '    resources: { ids: [doc] }',
      ].join('\n'),
    },
  ]);
  const context: DatasetContext = {
    directory: [{ name: 'Ann', department: 'Sales', location: 'Leeds' }],
    resources: [{ id: 'doc', sensitivity: 'secret' }],
    entitlements: [],
  } as unknown as DatasetContext;
  const seen = (events: EngineEvent[]) => evaluateShard(pack, events, context).fieldsSeen;

  it('counts the directory, the catalogue and the access decision only on events they join', () => {
    expect(seen([{ 'user.name': 'bob', 'event.action': 'read' }])).toEqual([]);
    expect(seen([{ 'user.name': 'ANN' }])).toEqual(['user.department', 'user.location']);
    expect(seen([{ 'resource.id': 'doc', 'event.action': 'read' }])).toEqual([
      'access.decision',
      'resource.sensitivity',
    ]);
    expect(seen([{ 'host.name': null }, { 'user.name': 'nobody' }])).toEqual(['host.name']);
  });
  it('matches the naive definition on a mixed shard', () => {
    const events: EngineEvent[] = [
      { 'user.name': 'x', 'host.name': 'h' },
      { 'user.name': 'ann', 'user.department': 'IT' },
      { 'resource.id': 'elsewhere' },
    ];
    expect(seen(events)).toEqual(['host.name', 'user.department', 'user.location']);
  });
});
