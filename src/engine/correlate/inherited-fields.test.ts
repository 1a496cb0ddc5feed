// Correlations read a group-by or value field as the event's own property: a name every object
// inherits (`constructor`) is absent from an event that lacks it, so it forms no group.
import { describe, expect, it } from 'vitest';
import type { DatasetContext, RuleMatch } from '../types.ts';
import { fieldOf, groupOccurrences } from './group-by.ts';
import { compileCorrelations, occurrenceOf, runCorrelations } from './index.ts';
import { loadTestDocuments, match } from './test-documents.ts';

const CONTEXT: DatasetContext = {
  manifest: { id: 't', title: 't' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
} as DatasetContext;

const correlation = (field: string) => `title: c
id: c
correlation:
  type: event_count
  rules: [r]
  group-by: [${JSON.stringify(field)}]
  timespan: 1h
  condition: { gte: 2 }
`;

function run(yaml: string, matches: RuleMatch[]) {
  const { correlations, errors } = compileCorrelations(loadTestDocuments(yaml), new Set(['r']), new Map());
  expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  return runCorrelations(correlations, matches, CONTEXT);
}

describe('correlation fields named as inherited properties', () => {
  it.each(['constructor', 'toString', '__proto__'])(
    'group-by %s: events lacking it form no group',
    (field) => {
      const matches = [match('r', '2026-03-01T10:00:00Z'), match('r', '2026-03-01T10:05:00Z')];
      expect(run(correlation(field), matches)).toEqual([]);
    },
  );

  it.each(['constructor', '__proto__'])('group-by %s: an own field groups', (field) => {
    const own = (value: string) => JSON.parse(`{${JSON.stringify(field)}: ${JSON.stringify(value)}}`);
    const matches = [
      match('r', '2026-03-01T10:00:00Z', own('x')),
      match('r', '2026-03-01T10:05:00Z', own('x')),
      match('r', '2026-03-01T10:06:00Z', own('y')),
    ];
    const alerts = run(correlation(field), matches);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation.group).toEqual(own('x'));
    expect(Object.hasOwn(alerts[0]?.explanation.group ?? {}, field)).toBe(true);
  });

  it('occurrences keep an own `__proto__` field and read no inherited one', () => {
    const event = JSON.parse('{"__proto__": ["a"], "user.name": "u"}');
    const occurrence = occurrenceOf({ ...match('r', '2026-03-01T10:00:00Z'), event }, [
      '__proto__',
      'constructor',
      'user.name',
    ]);
    expect(Object.keys(occurrence.fields)).toEqual(['__proto__', 'user.name']);
    expect(Object.getPrototypeOf(occurrence.fields)).toBe(Object.prototype);
    expect(fieldOf({ aliases: {} }, occurrence, '__proto__')).toEqual(['a']);
    expect(fieldOf({ aliases: {} }, occurrence, 'constructor')).toBeUndefined();
    expect(groupOccurrences({ aliases: {}, groupBy: ['toString'] }, [occurrence])).toEqual([]);
  });
});
