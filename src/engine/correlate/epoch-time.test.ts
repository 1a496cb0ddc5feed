// An event at the Unix epoch (1970-01-01T00:00:00Z, or the number 0) has a time like any other:
// only an unreadable time (NaN) keeps an event out of correlations, never a time of 0.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import { runPack } from '../run/run-pack.ts';
import type { DatasetContext, EngineEvent, RuleMatch } from '../types.ts';
import { compileCorrelations, runCorrelations } from './index.ts';
import { loadTestDocuments, match } from './test-documents.ts';

const ctx: DatasetContext = {
  manifest: { id: 'd', title: 'd' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};

const CORRELATIONS = `
title: Many failed logons
id: many-fails
correlation:
  type: event_count
  rules: [failed-logon]
  group-by: [user.name]
  timespan: 5m
  condition: { gte: 3 }
---
title: Failed then succeeded
id: fail-then-success
correlation:
  type: temporal_ordered
  rules: [failed-logon, logon]
  group-by: [user.name]
  timespan: 5m
---
title: Large uploads on average
id: large-average
correlation:
  type: value_avg
  rules: [upload]
  group-by: [user.name]
  timespan: 5m
  condition: { field: file.size, gte: 1000 }
`;

function alertsOf(matches: RuleMatch[]) {
  const ids = new Set(['failed-logon', 'logon', 'upload']);
  const { correlations, errors } = compileCorrelations(loadTestDocuments(CORRELATIONS), ids, new Map());
  expect(errors).toEqual([]);
  return runCorrelations(correlations, matches, ctx).map((a) => [a.rule, a.timestamp, a.events.length]);
}

const EPOCH = '1970-01-01T00:00:00Z';

describe('an occurrence at the epoch is timed', () => {
  it('counts in an event_count window, and dates its alert', () => {
    const matches = [EPOCH, '1970-01-01T00:01:00Z', '1970-01-01T00:02:00Z'].map((at, i) =>
      match('failed-logon', at, { 'user.name': 'ann' }, `f${i}`),
    );
    expect(matches[0]!.time).toBe(0);
    expect(alertsOf(matches)).toEqual([['many-fails', '1970-01-01T00:02:00Z', 3]]);
  });

  it('comes first in a temporal_ordered chain, and fires it when the chain ends at the epoch', () => {
    const before = match('failed-logon', '1969-12-31T23:59:00Z', { 'user.name': 'bob' }, 'f');
    const at = match('logon', EPOCH, { 'user.name': 'bob' }, 's');
    expect(alertsOf([before, at])).toEqual([['fail-then-success', EPOCH, 2]]);
    const first = match('failed-logon', EPOCH, { 'user.name': 'cy' }, 'f2');
    const then = match('logon', '1970-01-01T00:04:00Z', { 'user.name': 'cy' }, 's2');
    expect(alertsOf([first, then])).toEqual([['fail-then-success', '1970-01-01T00:04:00Z', 2]]);
  });

  it('sits in the timespan before a later event (value_avg)', () => {
    const matches = [
      match('upload', EPOCH, { 'user.name': 'di', 'file.size': 1500 }, 'u0'),
      match('upload', '1970-01-01T00:05:00Z', { 'user.name': 'di', 'file.size': 500 }, 'u1'),
    ];
    expect(alertsOf(matches)).toEqual([['large-average', EPOCH, 2]]);
  });

  it('while an occurrence without a time (NaN) is left out, not dated 1970', () => {
    const matches = [NaN, 60_000, 120_000].map((time, i) => ({
      ...match('failed-logon', EPOCH, { 'user.name': 'ed' }, `n${i}`),
      time,
    }));
    expect(alertsOf(matches)).toEqual([]);
    expect(alertsOf([...matches, { ...matches[1]!, eventId: 'n3', time: 0 }])).toEqual([
      ['many-fails', '1970-01-01T00:02:00Z', 3],
    ]);
  });
});

describe('a run over events at the epoch', () => {
  const { pack } = compilePack([
    {
      name: 'pack.yml',
      text: `title: Failed logon
id: failed-logon
logsource: { category: authentication }
detection:
  selection: { event.outcome: failure }
  condition: selection
---
${CORRELATIONS.split('---')[0]}`,
    },
  ]);
  const fail = (id: string, time: string | number): EngineEvent => ({
    'event.id': id,
    '@timestamp': time,
    'event.category': 'authentication',
    'event.outcome': 'failure',
    'user.name': 'yo',
  });

  // An event without a readable time is dated NaN, not 0: one at the epoch keeps its place in a window.
  it.each([
    ['ISO text', EPOCH],
    ['the number 0', 0],
  ])('counts an event at the epoch written as %s', (_name, epoch) => {
    const result = runPack(pack, [fail('a', epoch), fail('b', 60), fail('c', 120)], ctx);
    expect(result.errors).toEqual([]);
    expect(result.alerts.filter((a) => a.rule === 'many-fails').map((a) => a.timestamp)).toEqual([
      '1970-01-01T00:02:00Z',
    ]);
  });
});
