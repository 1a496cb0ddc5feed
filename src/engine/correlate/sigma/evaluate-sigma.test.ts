// Spec semantics of Sigma correlations found by probing with unseen packs: when an alert fires,
// and what value_count counts in a field that holds a list.
import { describe, expect, it } from 'vitest';
import type { DatasetContext, RuleMatch } from '../../types.ts';
import { compileCorrelations, runCorrelations } from '../index.ts';
import { loadTestDocuments, match } from '../test-documents.ts';
import { isoTime } from '../../import/event-time.ts';

const ctx: DatasetContext = {
  manifest: { id: 't', title: 't' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};
const RULES = new Set(['failed-login', 'successful-login', 'web-upload']);
const NAMES = new Map([
  ['failed_login', 'failed-login'],
  ['successful_login', 'successful-login'],
]);

function alertsOf(yaml: string, matches: RuleMatch[]) {
  const { correlations, errors } = compileCorrelations(loadTestDocuments(yaml), RULES, NAMES);
  expect(errors).toEqual([]);
  return runCorrelations(correlations, matches, ctx);
}

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (seconds: number) => isoTime(T0 + seconds * 1000)!;

// The specification's own example ("Failed Logins Followed by Successful Login"), thresholds kept.
const FAILED_THEN_SUCCESS = `
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
generate: true
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [user.name]
  timespan: 10m
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [user.name]
  timespan: 10m
  condition: { gte: 10 }
`;

describe('an "at least" alert fires when its condition is first met', () => {
  const failures = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => match('failed-login', at(from + i * 10), { 'user.name': 'ivy' }));

  it.each([
    ['multiple failed logins followed by a successful login', 0],
    ['… while the attacker keeps failing after the success', 3],
  ])('%s fires the ordered correlation', (_name, moreFailures) => {
    const matches = [
      ...failures(0, 10),
      match('successful-login', at(120), { 'user.name': 'ivy' }),
      ...failures(130, moreFailures),
    ];
    const alerts = alertsOf(FAILED_THEN_SUCCESS, matches);
    const inner = alerts.find((a) => a.rule === 'a8418a5a-5fc4-46b5-b23b-6c73beb19d41');
    // The tenth failure is where "gte: 10" is met; the window still lists every event it holds.
    expect(inner?.timestamp).toBe(at(90));
    expect(inner?.events).toHaveLength(10 + moreFailures);
    expect(inner?.explanation.values?.window_end).toBe(
      at(moreFailures > 0 ? 130 + (moreFailures - 1) * 10 : 90),
    );
    const outer = alerts.find((a) => a.rule === 'b180ead8-d58f-40b2-ae54-c8940995b9b6');
    expect(outer?.timestamp).toBe(at(120));
  });

  it('a condition with an upper bound is judged on the whole window: dated at its last event', () => {
    const yaml = FAILED_THEN_SUCCESS.split('---')[1]!.replace('{ gte: 10 }', '{ gte: 2, lte: 3 }');
    const alerts = alertsOf(yaml, failures(0, 3));
    expect(alerts.map((a) => a.timestamp)).toEqual([at(20)]);
  });
});

describe('value_count: "the count of distinct values contained in the field"', () => {
  const yaml = (field: string, gte: number) => `
title: Uploads to many domains
id: many-domains
correlation:
  type: value_count
  rules: [web-upload]
  group-by: [user.name]
  timespan: 1h
  condition: { field: ${field}, gte: ${gte} }
`;
  const upload = (seconds: number, fields: Record<string, string | string[]>) =>
    match('web-upload', at(seconds), { 'user.name': 'bob', ...fields });

  it.each([
    ['one event whose field lists three values contains three values', [['a', 'b', 'c']], 3],
    [
      'the same values listed in another order are not new',
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
      2,
    ],
    ['a list and a single value share their values', [['a', 'b'], 'a', 'c'], 3],
  ])('%s', (_name, values, distinct) => {
    const matches = values.map((v, i) => upload(i * 60, { 'destination.domain': v }));
    expect(alertsOf(yaml('destination.domain', distinct), matches)).toHaveLength(1);
    expect(alertsOf(yaml('destination.domain', distinct + 1), matches)).toEqual([]);
  });

  it('several fields count the combinations of their values', () => {
    const matches = [upload(0, { 'destination.domain': ['a', 'b'], 'host.name': 'h1' })];
    const alerts = alertsOf(yaml('[destination.domain, host.name]', 2), matches);
    expect(alerts[0]?.explanation.values?.['distinct values']).toBe(2);
  });
});

describe('value_avg and value_percentile are judged as events arrive (pySigma reference matcher)', () => {
  const yaml = (type: string, condition: string) => `
title: Large uploads
id: large-uploads
correlation:
  type: ${type}
  rules: [web-upload]
  group-by: [user.name]
  timespan: 1h
  condition: { field: file.size, ${condition} }
`;
  const upload = (seconds: number, size: number) =>
    match('web-upload', at(seconds), { 'user.name': 'ann', 'file.size': size });
  // 1 GB, then two small files within the hour: the hour's average is ~333 MB.
  const uploads = () => [upload(0, 1e9), upload(600, 1), upload(1200, 1)];

  it.each([
    ['value_avg', 'gte: 500000000', 'average'],
    ['value_percentile', 'percentile: 90, gte: 500000000', 'percentile'],
  ])('%s fires on the first upload, dated there, listing the hour it opened', (type, condition, metric) => {
    const alerts = alertsOf(yaml(type, condition), uploads());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.timestamp).toBe(at(0));
    expect(alerts[0]!.events).toHaveLength(3);
    expect(alerts[0]!.explanation.values).toMatchObject({ [metric]: 1e9, measured_events: 1, events: 3 });
    expect(alerts[0]!.explanation.summary).toContain('over 1 event within');
  });

  it('an upper bound still judges the whole hour (average below 400 MB)', () => {
    const alerts = alertsOf(yaml('value_avg', 'lt: 400000000'), uploads());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.timestamp).toBe(at(1200));
    expect(alerts[0]!.explanation.values).not.toHaveProperty('measured_events');
  });
});
