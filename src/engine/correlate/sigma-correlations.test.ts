import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DatasetContext, RuleMatch } from '../types.ts';
import { compileCorrelations, referencedRules, runCorrelations } from './index.ts';
import { loadTestDocuments, match } from './test-documents.ts';
import { isoTime } from '../import/event-time.ts';

const ctx: DatasetContext = {
  manifest: { id: 't', title: 't' },
  directory: [],
  resources: [],
  entitlements: [],
  scenarios: [],
};
const RULES = new Set(['failed-logon', 'logon', 'usb-write', 'web-upload', 'rule-a', 'rule-b', 'rule-c']);
const NAMES = new Map([['failed_logon', 'failed-logon']]);

function compile(yaml: string) {
  const result = compileCorrelations(loadTestDocuments(yaml), RULES, NAMES);
  expect(result.errors).toEqual([]);
  return result.correlations;
}

function alertsOf(yaml: string, matches: RuleMatch[]) {
  return runCorrelations(compile(yaml), matches, ctx);
}

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (seconds: number) => isoTime(T0 + seconds * 1000)!;

const EVENT_COUNT = `
title: Many failed logons
id: many-failed
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [user.name]
  timespan: 5m
  condition: { gte: 3 }
`;

describe('event_count', () => {
  it('counts events of the referenced rules per group within the timespan', () => {
    const alerts = alertsOf(EVENT_COUNT, [
      match('failed-logon', at(0), { 'user.name': 'bob' }, 'a'),
      match('failed-logon', at(60), { 'user.name': 'bob' }, 'b'),
      match('failed-logon', at(120), { 'user.name': 'bob' }, 'c'),
      match('failed-logon', at(130), { 'user.name': 'eve' }, 'd'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'many-failed',
      user: 'bob',
      kind: 'correlation',
      events: ['a', 'b', 'c'],
    });
    expect(alerts[0]!.timestamp).toBe(at(120));
    expect(alerts[0]!.explanation.summary).toContain('3 events');
  });

  it.each([
    ['an event exactly one timespan after the first is inside the window', 300_000, 1],
    ['an event one millisecond later is outside it', 300_001, 0],
  ])('%s', (_name, lastOffsetMs, expected) => {
    const alerts = alertsOf(EVENT_COUNT, [
      match('failed-logon', new Date(T0).toISOString(), { 'user.name': 'bob' }),
      match('failed-logon', new Date(T0 + 1000).toISOString(), { 'user.name': 'bob' }),
      match('failed-logon', new Date(T0 + lastOffsetMs).toISOString(), { 'user.name': 'bob' }),
    ]);
    expect(alerts).toHaveLength(expected);
  });

  it('finds a burst whatever the order matches arrive in', () => {
    const matches = [
      match('failed-logon', at(200), { 'user.name': 'bob' }, 'z'),
      match('failed-logon', at(0), { 'user.name': 'bob' }, 'x'),
      match('failed-logon', at(100), { 'user.name': 'bob' }, 'y'),
    ];
    const alerts = alertsOf(EVENT_COUNT, matches);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.events).toEqual(['x', 'y', 'z']);
  });

  it('leaves events without a group-by field out of every group', () => {
    const alerts = alertsOf(EVENT_COUNT, [
      match('failed-logon', at(0), { 'user.name': 'bob' }),
      match('failed-logon', at(10), { 'user.name': 'bob' }),
      match('failed-logon', at(20), {}),
      match('failed-logon', at(30), { 'user.name': null }),
    ]);
    expect(alerts).toEqual([]);
  });

  it('does not alert twice on the same events: the next window starts after an alert', () => {
    const matches = Array.from({ length: 7 }, (_, i) =>
      match('failed-logon', at(i * 10), { 'user.name': 'bob' }),
    );
    const alerts = alertsOf(EVENT_COUNT, matches);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.events).toHaveLength(7);
  });

  it('counts one event once even when two referenced rules match it', () => {
    const yaml = EVENT_COUNT.replace('rules: [failed_logon]', 'rules: [failed_logon, logon]');
    const alerts = alertsOf(yaml, [
      match('failed-logon', at(0), { 'user.name': 'bob' }, 'same'),
      match('logon', at(0), { 'user.name': 'bob' }, 'same'),
      match('failed-logon', at(5), { 'user.name': 'bob' }, 'other'),
    ]);
    expect(alerts).toEqual([]);
  });
});

describe('metric conditions', () => {
  const counts = (n: number) =>
    Array.from({ length: n }, (_, i) => match('failed-logon', at(i), { 'user.name': 'bob' }));
  it.each([
    ['gt: the count must be greater than the given value', '{ gt: 3 }', 3, false],
    ['gt', '{ gt: 3 }', 4, true],
    ['gte: greater than or equal', '{ gte: 3 }', 3, true],
    ['eq: equal', '{ eq: 2 }', 2, true],
    ['eq', '{ eq: 2 }', 3, false],
    ['neq: not equal', '{ neq: 2 }', 2, false],
    ['neq', '{ neq: 2 }', 1, true],
    ['a range: gt and lte together', '{ gt: 1, lte: 3 }', 3, true],
    ['lt: fewer than', '{ lt: 2 }', 1, true],
    ['lte: the tail of a larger burst does not count', '{ lte: 2 }', 3, false],
    ['lte', '{ lte: 2 }', 2, true],
  ])('%s (%s with %i events → %s)', (_name, condition, n, expected) => {
    const yaml = EVENT_COUNT.replace('condition: { gte: 3 }', `condition: ${condition}`);
    expect(alertsOf(yaml, counts(n)).length > 0).toBe(expected);
  });
});

describe('value_count, value_sum, value_avg, value_percentile', () => {
  const web = (seconds: number, domain: string | undefined, size: number, user = 'bob') =>
    match('web-upload', at(seconds), {
      'user.name': user,
      'destination.domain': domain ?? null,
      'file.size': size,
    });

  it('value_count counts distinct values of the field, ignoring events without it', () => {
    const yaml = `
title: Uploads to many domains
id: many-domains
correlation:
  type: value_count
  rules: [web-upload]
  group-by: [user.name]
  timespan: 1h
  condition: { field: destination.domain, gte: 3 }
`;
    const few = [web(0, 'a.com', 1), web(10, 'a.com', 1), web(20, 'b.com', 1), web(30, undefined, 1)];
    expect(alertsOf(yaml, few)).toEqual([]);
    const many = [...few, web(40, 'c.com', 1)];
    const alerts = alertsOf(yaml, many);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ 'distinct values': 3 });
  });

  it.each([
    ['value_sum adds the field up', 'value_sum', '{ field: file.size, gt: 1000 }', [600, 500], true],
    ['value_sum below the bound', 'value_sum', '{ field: file.size, gt: 1000 }', [600, 400], false],
    ['value_avg averages it', 'value_avg', '{ field: file.size, gte: 550 }', [600, 500], true],
    [
      'value_avg below: when 600 arrives, the hour averages 550',
      'value_avg',
      '{ field: file.size, gte: 551 }',
      [500, 600],
      false,
    ],
    [
      'value_avg is judged as events arrive: 600 meets it before 500 lowers it',
      'value_avg',
      '{ field: file.size, gte: 551 }',
      [600, 500],
      true,
    ],
    [
      'value_percentile compares the given percentile',
      'value_percentile',
      '{ field: file.size, percentile: 50, eq: 20 }',
      [10, 20, 30],
      true,
    ],
    [
      'value_percentile interpolates',
      'value_percentile',
      '{ field: file.size, percentile: 75, eq: 25 }',
      [10, 20, 30],
      true,
    ],
  ])('%s', (_name, type, condition, sizes, expected) => {
    const yaml = `
title: Volume
id: volume
correlation:
  type: ${type}
  rules: [web-upload]
  group-by: [user.name]
  timespan: 1h
  condition: ${condition}
`;
    const matches = sizes.map((s, i) => web(i * 60, 'x.com', s));
    expect(alertsOf(yaml, matches).length > 0).toBe(expected);
  });
});

describe('temporal and temporal_ordered', () => {
  const yaml = (type: string, extra = '') => `
title: A then B
id: a-b
correlation:
  type: ${type}
  rules: [rule-a, rule-b]
  group-by: [user.name]
  timespan: 10m
${extra}`;

  it.each([
    ['temporal: all rules in any order', 'temporal', ['rule-b', 'rule-a'], 1],
    ['temporal: one rule only is not enough', 'temporal', ['rule-a', 'rule-a'], 0],
    ['temporal_ordered: in the given order', 'temporal_ordered', ['rule-a', 'rule-b'], 1],
    ['temporal_ordered: the wrong order does not match', 'temporal_ordered', ['rule-b', 'rule-a'], 0],
  ])('%s', (_name, type, order, expected) => {
    const matches = order.map((rule, i) => match(rule, at(i * 60), { 'user.name': 'bob' }));
    expect(alertsOf(yaml(type), matches)).toHaveLength(expected);
  });

  it('temporal_ordered accepts the two events at the same instant in list order', () => {
    const matches = [
      match('rule-b', at(0), { 'user.name': 'bob' }),
      match('rule-a', at(0), { 'user.name': 'bob' }),
    ];
    expect(alertsOf(yaml('temporal_ordered'), matches)).toHaveLength(1);
  });

  it('temporal needs the rules within the timespan of each other', () => {
    const matches = [
      match('rule-a', at(0), { 'user.name': 'bob' }),
      match('rule-b', at(601), { 'user.name': 'bob' }),
    ];
    expect(alertsOf(yaml('temporal'), matches)).toEqual([]);
  });

  it('temporal honours an explicit condition', () => {
    const y = yaml('temporal', '  condition: { gte: 1 }').replace(
      '[rule-a, rule-b]',
      '[rule-a, rule-b, rule-c]',
    );
    expect(alertsOf(y, [match('rule-c', at(0), { 'user.name': 'bob' })])).toHaveLength(1);
  });

  it('aliases group events whose shared value sits in differently named fields', () => {
    const y = `
title: Same address
id: same-address
correlation:
  type: temporal
  rules: [rule-a, rule-b]
  group-by: [ip]
  timespan: 1m
  aliases:
    ip:
      rule-a: source.ip
      rule-b: destination.ip
`;
    const alerts = alertsOf(y, [
      match('rule-a', at(0), { 'source.ip': '10.0.0.1' }),
      match('rule-b', at(10), { 'destination.ip': '10.0.0.1' }),
      match('rule-b', at(20), { 'destination.ip': '10.0.0.2' }),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.group).toEqual({ ip: '10.0.0.1' });
  });
});

describe('correlations over correlations, generate', () => {
  const chain = `
title: Many failed logons
name: many_failed
correlation:
  type: event_count
  rules: [failed-logon]
  group-by: [host.name]
  timespan: 10m
  condition: { gte: 3 }
---
title: Brute force then success
id: brute-force-success
correlation:
  type: temporal_ordered
  rules: [many_failed, logon]
  group-by: [user.name]
  timespan: 1h
`;
  it('an outer correlation consumes the inner alerts and lists every event behind them', () => {
    const m = [
      match('failed-logon', at(0), { 'host.name': 'h1', 'user.name': 'bob' }, 'f1'),
      match('failed-logon', at(10), { 'host.name': 'h1', 'user.name': 'bob' }, 'f2'),
      match('failed-logon', at(20), { 'host.name': 'h1', 'user.name': 'bob' }, 'f3'),
      match('logon', at(600), { 'host.name': 'h1', 'user.name': 'bob' }, 's1'),
    ];
    const alerts = alertsOf(chain, m);
    // The inner correlation is referenced without generate: only the outer alert is reported.
    expect(alerts.map((a) => a.rule)).toEqual(['brute-force-success']);
    expect(alerts[0]!.events).toEqual(['f1', 'f2', 'f3', 's1']);
    expect(alerts[0]!.user).toBe('bob');
  });

  it('generate: true keeps the referenced alerts', () => {
    const yaml = chain.replace('  timespan: 1h\n', '  timespan: 1h\n  generate: true\n');
    const c = compile(yaml);
    // The inner correlation still hides its own building block.
    expect([...referencedRules(c)]).toEqual(['failed-logon']);
    const m = [0, 10, 20].map((s) => match('failed-logon', at(s), { 'host.name': 'h1', 'user.name': 'bob' }));
    expect(runCorrelations(c, m, ctx).map((a) => a.rule)).toEqual(['many_failed']);
  });

  it('referencedRules names the building blocks whose own alerts are suppressed', () => {
    expect([...referencedRules(compile(chain))].sort()).toEqual(['failed-logon', 'logon', 'many_failed']);
  });

  it('an outer correlation is evaluated after its inner one whatever the file order', () => {
    const reversed = chain.split('---').reverse().join('---');
    const c = compile(reversed);
    expect(c.correlations.map((x) => x.key)).toEqual(['many_failed', 'brute-force-success']);
  });
});

describe('the same matches split into shards and shuffled give the same alerts', () => {
  const yaml = `${EVENT_COUNT}---
title: A then B
id: a-b
correlation:
  type: temporal_ordered
  rules: [rule-a, rule-b]
  group-by: [user.name]
  timespan: 10m
---
title: Volume
id: volume
correlation:
  type: value_sum
  rules: [web-upload]
  group-by: [user.name]
  timespan: 30m
  condition: { field: file.size, gte: 2000 }
`;
  const compiled = compile(yaml);
  const users = ['ann', 'bob', 'cid'];
  const rules = ['failed-logon', 'rule-a', 'rule-b', 'web-upload'];
  const base: RuleMatch[] = Array.from({ length: 120 }, (_, i) =>
    match(
      rules[i % 4]!,
      at((i * 37) % 3600),
      { 'user.name': users[i % 3]!, 'file.size': (i * 53) % 900 },
      `ev${i}`,
    ),
  );
  const expected = runCorrelations(compiled, base, ctx);

  it('has something to compare', () => {
    expect(expected.length).toBeGreaterThan(3);
  });

  it('for any permutation and any split into shards (with overlapping edges)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: base.length, maxLength: base.length }),
        fc.array(fc.nat({ max: base.length }), { maxLength: 6 }),
        (keys, cuts) => {
          const shuffled = base
            .map((m, i) => [keys[i]!, m] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, m]) => m);
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
          const shards: RuleMatch[][] = [];
          for (let i = 0; i + 1 < bounds.length; i++) {
            // Each shard repeats the previous shard's last match, as overlapping segments would.
            shards.push(shuffled.slice(Math.max(0, bounds[i]! - 1), bounds[i + 1]));
          }
          expect(runCorrelations(compiled, shards.flat(), ctx)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('compile errors say what and where', () => {
  const errorsOf = (yaml: string) =>
    compileCorrelations(loadTestDocuments(yaml, 'c.yml'), RULES, NAMES).errors;

  it('an unknown rule reference, with a suggestion', () => {
    const errors = errorsOf(EVENT_COUNT.replace('[failed_logon]', '[failed_logn]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'c.yml',
      line: 6,
      path: 'correlation.rules.0',
      suggestion: 'did you mean "failed_logon"?',
    });
  });

  it.each([
    ['a timespan without unit', EVENT_COUNT.replace('timespan: 5m', 'timespan: 5'), 'correlation.timespan'],
    ['an upper-case unit', EVENT_COUNT.replace('timespan: 5m', 'timespan: 5M'), 'correlation.timespan'],
    ['an unknown type', EVENT_COUNT.replace('event_count', 'event_cnt'), 'correlation.type'],
    [
      'event_count without condition',
      EVENT_COUNT.replace('  condition: { gte: 3 }\n', ''),
      'correlation.condition',
    ],
    ['an unknown condition key', EVENT_COUNT.replace('gte: 3', 'gtee: 3'), 'correlation.condition.gtee'],
    ['value_count without field', EVENT_COUNT.replace('event_count', 'value_count'), 'correlation.condition'],
    ['a severity that does not exist', `${EVENT_COUNT}response: { severity: hihg }\n`, 'response.severity'],
  ])('%s', (_name, yaml, path) => {
    const errors = errorsOf(yaml);
    expect(errors.map((e) => e.path)).toContain(path);
  });

  it('a cycle of correlations', () => {
    const yaml = `
title: X
id: x
correlation: { type: temporal, rules: [y, logon], group-by: [user.name], timespan: 1m }
---
title: Y
id: y
correlation: { type: temporal, rules: [x, logon], group-by: [user.name], timespan: 1m }
`;
    expect(errorsOf(yaml).some((e) => e.message.includes('cycle'))).toBe(true);
  });
});

describe('a condition no count can meet', () => {
  it.each([
    ['{ gte: 2, lte: 1 }', 'gte 2 and lte 1'],
    ['{ gt: 5, eq: 5 }', 'gt 5 and eq 5'],
    ['{ gt: 3, lt: 3 }', 'gt 3 and lt 3'],
  ])('refuses %s, which would never fire', (condition, named) => {
    const yaml = EVENT_COUNT.replace('condition: { gte: 3 }', `condition: ${condition}`);
    const errors = compileCorrelations(loadTestDocuments(yaml), RULES, NAMES).errors.map((e) => e.message);
    expect(errors).toEqual([`no count or value can meet ${named}: the correlation could never fire`]);
  });

  it('accepts a range that holds some value', () => {
    for (const condition of ['{ gte: 2, lte: 2 }', '{ gt: 1, lte: 10 }', '{ neq: 0 }'])
      expect(
        compile(EVENT_COUNT.replace('condition: { gte: 3 }', `condition: ${condition}`)).correlations,
      ).toHaveLength(1);
  });
});

describe('a rule listed twice', () => {
  it('counts once, with a warning at the second mention', () => {
    const yaml = `
title: Twice
id: twice
correlation:
  type: temporal
  rules: [failed_logon, failed-logon]
  group-by: [user.name]
  timespan: 5m
`;
    const { correlations, errors } = compileCorrelations(loadTestDocuments(yaml), RULES, NAMES);
    expect(correlations.correlations[0]?.rules).toEqual(['failed-logon']);
    expect(errors).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: '"failed-logon" is listed twice in rules; it counts once',
      }),
    ]);
  });
});
