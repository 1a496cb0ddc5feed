// Regression tests for bugs a reviewer reproduced (misspelled keys, min-history, peer buckets,
// first_seen values, percentile speed, correlations that can never fire, off_hours' usual hours).
import { describe, expect, it } from 'vitest';
import type { DatasetContext, DirectoryUser, RuleMatch } from '../types.ts';
import { compileCorrelations, runCorrelations } from './index.ts';
import { percentile } from './sigma/value-aggregate.ts';
import { loadTestDocuments, match } from './test-documents.ts';

const RULES = new Set(['logon', 'failed-logon', 'usb-write', 'mail-personal', 'web-visit', 'upload']);
const START = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const on = (day: number, hour = 10, minute = 0) =>
  new Date(START + day * DAY + hour * 3_600_000 + minute * 60_000).toISOString();

function context(directory: DirectoryUser[] = [], period = true): DatasetContext {
  return {
    manifest: {
      id: 't',
      title: 't',
      ...(period ? { period: { start: '2026-03-01T00:00:00Z', end: '2026-04-30T00:00:00Z' } } : {}),
    },
    directory,
    resources: [],
    entitlements: [],
    scenarios: [],
  };
}

const errorsOf = (yaml: string) =>
  compileCorrelations(loadTestDocuments(yaml, 'c.yml'), RULES, new Map()).errors;

function run(yaml: string, matches: RuleMatch[], ctx = context()) {
  const { correlations, errors } = compileCorrelations(loadTestDocuments(yaml), RULES, new Map());
  expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  return runCorrelations(correlations, matches, ctx);
}

describe('unknown keys in `correlation` are located errors with a suggestion', () => {
  const base = `title: Three fails per user
id: c3u
correlation:
  type: event_count
  rules: [failed-logon]
  group-by: [user.name]
  timespan: 10m
  condition: { gte: 3 }
`;
  it.each([
    ['groupby', base.replace('group-by:', 'groupby:'), 6, 'group-by'],
    ['genrate', `${base}  genrate: true\n`, 9, 'generate'],
    ['timspan', base.replace('timespan:', 'timspan:'), 7, 'timespan'],
  ])('"%s"', (key, yaml, line, suggested) => {
    const errors = errorsOf(yaml).filter((e) => e.path === `correlation.${key}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'c.yml',
      line,
      severity: 'error',
      suggestion: `did you mean "${suggested}"?`,
    });
    expect(errors[0]!.message).toContain(`unknown key "${key}"`);
  });

  it('misspelled baseline keys (histroy, min_history) too', () => {
    const errors = errorsOf(
      'title: b\nid: b\ncorrelation: { type: user_deviation, rules: [logon], histroy: 10, min_history: 3 }\n',
    );
    expect(errors.map((e) => [e.path, e.suggestion, e.line])).toEqual([
      ['correlation.histroy', 'did you mean "history"?', 3],
      ['correlation.min_history', 'did you mean "min-history"?', 3],
    ]);
    expect(errors.every((e) => e.column > 1)).toBe(true);
  });

  it('a baseline key on a type that ignores it is a warning, every documented key is accepted', () => {
    const warned = errorsOf(
      'title: c\nid: c\ncorrelation: { type: event_count, rules: [logon], group-by: [user.name], timespan: 1h, condition: {gte: 1}, learning: 5d }\n',
    );
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ severity: 'warning', path: 'correlation.learning' });
    const ok = `title: all
id: all
correlation:
  type: user_deviation
  rules: [usb-write]
  group-by: [user.name]
  timespan: 1d
  generate: false
  field: file.size
  history: 30
  k: 3
  min-history: 7
  min-value: 1
---
title: aliases
id: al
correlation:
  type: temporal
  rules: [logon, failed-logon]
  group-by: [ip]
  timespan: 10m
  aliases:
    ip: { logon: source.ip, failed-logon: destination.ip }
`;
    expect(errorsOf(ok)).toEqual([]);
  });
});

describe('user_deviation: min-history counts the group’s own history', () => {
  const yaml = `
title: Unusual logons
id: logons
correlation:
  type: user_deviation
  rules: [logon]
  history: 14
  min-history: 7
`;
  const logon = (day: number, user = 'bob', minute = 0) =>
    match('logon', on(day, 10, minute), { 'user.name': user, 'host.name': `h-${user}` });

  it('a user’s first-ever event is not judged, however late in the dataset it comes', () => {
    expect(run(yaml, [logon(10)])).toEqual([]);
    expect(run(yaml, [logon(10), ...Array.from({ length: 9 }, (_, i) => logon(12, 'bob', i))])).toEqual([]);
  });

  it('history starts at the user’s first day, not the dataset’s', () => {
    const days = [10, 11, 12, 13, 14, 15, 16].map((d) => logon(d));
    const burst = Array.from({ length: 20 }, (_, i) => logon(17, 'bob', i));
    const alerts = run(yaml, [...days, ...burst]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ today: 20, mean: 1, history_days: 7 });
  });

  it('a directory user’s idle days are their history; a new joiner’s start with their employment', () => {
    const directory: DirectoryUser[] = [
      { name: 'bob' },
      { name: 'ann', employment: { start: '2026-03-11T00:00:00Z' } },
    ];
    // bob was employed all along and never logged on before day 10: that is his habit.
    expect(run(yaml, [logon(10)], context(directory))).toHaveLength(1);
    // ann joined on day 10: her first day is not judged, nor anything before 7 days of her own.
    expect(run(yaml, [logon(10, 'ann'), logon(13, 'ann')], context(directory))).toEqual([]);
  });

  it('the same for groups by host', () => {
    const byHost = yaml.replace('  history: 14', '  group-by: [host.name]\n  history: 14');
    expect(run(byHost, [logon(10, 'ann')])).toEqual([]);
  });
});

describe('peer_deviation', () => {
  const yaml = `
title: Mails unlike peers
id: peers
correlation:
  type: peer_deviation
  rules: [mail-personal]
  k: 2
  min-value: 3
`;
  const directory: DirectoryUser[] = ['bob', 'ann', 'cid', 'dan'].map((name) => ({
    name,
    department: 'sales',
  }));

  it('buckets are UTC days even when the dataset starts mid-day', () => {
    const matches = [
      match('mail-personal', on(0, 10), { 'user.name': 'ann' }),
      ...Array.from({ length: 12 }, (_, i) => match('mail-personal', on(1, 8, i), { 'user.name': 'bob' })),
    ];
    const alerts = run(yaml, matches, context(directory, false));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({
      bucket_start: '2026-03-02T00:00:00Z',
      user_value: 12,
      peer_mean: 0,
    });
  });

  it.each(['peer_deviation', 'cumulative_exfiltration'])(
    '%s compares users: another group-by is a located error',
    (type) => {
      const errors = errorsOf(
        `title: p\nid: p\ncorrelation:\n  type: ${type}\n  rules: [mail-personal]\n  group-by: [host.name]\n`,
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ path: 'correlation.group-by', line: 6, severity: 'error' });
    },
  );
});

describe('first_seen', () => {
  const yaml = `
title: New host
id: new-host
correlation:
  type: first_seen
  rules: [logon]
  field: host.name
  learning: 2d
`;
  const logon = (day: number, host: string | string[], hour = 10) =>
    match('logon', on(day, hour), { 'user.name': 'a', 'host.name': host });

  it('matches values case-insensitively, as Sigma matches strings', () => {
    expect(run(yaml, [logon(0, 'HostA'), logon(3, 'hosta')])).toEqual([]);
  });

  it('a value repeated in a list counts once, and the known values are true', () => {
    const alerts = run(yaml, [
      logon(0, 'HostA'),
      logon(3, 'hosta'),
      logon(3, ['x', 'x', 'X'], 11),
      logon(3, '', 12),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ new_values: 1, known_values: 1, first_new: 'x' });
  });
});

describe('value_percentile', () => {
  const yaml = (condition: string, timespan = '1h') => `
title: Large uploads
id: pct
correlation:
  type: value_percentile
  rules: [upload]
  group-by: [user.name]
  timespan: ${timespan}
  condition: { field: file.size, ${condition} }
`;
  // A reference: the straightforward scan the fast one must agree with. As each event arrives, the
  // percentile of the unused events of the timespan ending at it; an alert lists that window up to
  // one timespan after its first event.
  function naive(
    sizes: (number | null)[],
    times: number[],
    p: number,
    test: (v: number) => boolean,
    span: number,
  ) {
    const hits: number[][] = [];
    let free = 0;
    for (let fired = 0; fired < sizes.length; fired++) {
      let start = free;
      while (times[fired]! - times[start]! > span) start += 1;
      const values = sizes.slice(start, fired + 1).filter((v): v is number => v !== null);
      const value = percentile(values, p);
      if (value === null || !test(value)) continue;
      let end = fired;
      while (end + 1 < sizes.length && times[end + 1]! - times[start]! <= span) end += 1;
      hits.push([start, end]);
      free = end + 1;
      fired = end;
    }
    return hits;
  }

  it('gives the same windows as a plain sort of each window as its events arrive', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (const p of [0, 37.5, 50, 95, 100]) {
      const times: number[] = [];
      const sizes: (number | null)[] = [];
      let t = START;
      for (let i = 0; i < 400; i++) {
        t += Math.floor(random() * 600_000);
        times.push(t);
        sizes.push(random() < 0.1 ? null : Math.floor(random() * 50) * 100);
      }
      const matches = times.map((time, i) =>
        match(
          'upload',
          new Date(time).toISOString(),
          sizes[i] === null ? { 'user.name': 'u' } : { 'user.name': 'u', 'file.size': sizes[i]! },
          `e${String(i).padStart(4, '0')}`,
        ),
      );
      const alerts = run(yaml(`percentile: ${p}, gte: 3000`), matches);
      const expected = naive(sizes, times, p, (v) => v >= 3000, 3_600_000);
      expect(alerts.map((a) => [a.events[0], a.events.length])).toEqual(
        expected.map(([s, e]) => [`e${String(s).padStart(4, '0')}`, e! - s! + 1]),
      );
    }
  });

  it('is not quadratic: 20,000 events in one window group in well under the old tens of seconds', () => {
    const matches = Array.from({ length: 20_000 }, (_, i) =>
      match('upload', new Date(START + i * 1000).toISOString(), { 'user.name': 'u', 'file.size': i % 997 }),
    );
    const began = performance.now();
    const alerts = run(yaml('percentile: 95, gt: 1000000', '365d'), matches);
    expect(alerts).toEqual([]);
    expect(performance.now() - began).toBeLessThan(5000);
  }, 60_000);
});

describe('correlations that can never fire are refused, with the reason', () => {
  const doc = (body: string) => `title: x\nid: x\ncorrelation: { ${body} }\n`;
  it.each([
    [
      'rules: []',
      doc('type: event_count, rules: [], timespan: 1h, condition: { gte: 3 }'),
      'correlation.rules',
      /no rule/,
    ],
    [
      'event_count eq 0',
      doc('type: event_count, rules: [logon], timespan: 1h, condition: { eq: 0 }'),
      'correlation.condition',
      /empty windows/,
    ],
    [
      'event_count lt 0',
      doc('type: event_count, rules: [logon], timespan: 1h, condition: { lt: 0 }'),
      'correlation.condition',
      /never/,
    ],
    [
      'event_count lte 0',
      doc('type: event_count, rules: [logon], timespan: 1h, condition: { lte: 0 }'),
      'correlation.condition',
      /empty windows/,
    ],
    [
      'temporal of 2 rules gte 3',
      doc('type: temporal, rules: [logon, failed-logon], timespan: 1h, condition: { gte: 3 }'),
      'correlation.condition',
      /at most 2/,
    ],
    [
      'value_count lt 0',
      doc('type: value_count, rules: [logon], timespan: 1h, condition: { field: host.name, lt: 0 }'),
      'correlation.condition',
      /never/,
    ],
    [
      'off_hours min-share 2',
      doc('type: off_hours, rules: [logon], min-share: 2'),
      'correlation.min-share',
      /share/,
    ],
    [
      'off_hours tolerance 12',
      doc('type: off_hours, rules: [logon], tolerance: 12'),
      'correlation.tolerance',
      /every hour/,
    ],
  ])('%s', (_name, yaml, path, reason) => {
    const errors = errorsOf(yaml).filter((e) => e.severity === 'error');
    expect(errors.map((e) => e.path)).toContain(path);
    const error = errors.find((e) => e.path === path)!;
    expect(error.message).toMatch(reason);
    expect(error.line).toBe(3);
  });

  it('still accepts conditions some window can meet', () => {
    const grouped = (body: string) => doc(`${body}, group-by: [user.name]`);
    expect(
      errorsOf(grouped('type: event_count, rules: [logon], timespan: 1h, condition: { lt: 2 }')),
    ).toEqual([]);
    expect(
      errorsOf(grouped('type: temporal, rules: [logon, failed-logon], timespan: 1h, condition: { gte: 2 }')),
    ).toEqual([]);
    expect(
      errorsOf(grouped('type: value_sum, rules: [logon], timespan: 1h, condition: { field: n, lt: 0 }')),
    ).toEqual([]);
  });
});

describe('off_hours: an hour is usual when min-share of the activity fell within tolerance hours of it', () => {
  const yaml = `
title: Off hours
id: off
correlation:
  type: off_hours
  rules: [logon]
  min-share: 0.1
  tolerance: 1
  min-history: 20
`;
  it('activity spread thinly over the day makes its neighbourhood usual', () => {
    // Two events at each hour 08..22: each hour alone is 6.7 % (< 10 %), any three neighbours 13 %.
    const history = Array.from({ length: 15 }, (_, i) => [
      match('logon', on(0, 8 + i), { 'user.name': 'bob' }),
      match('logon', on(1, 8 + i), { 'user.name': 'bob' }),
    ]).flat();
    const alerts = run(yaml, [
      ...history,
      match('logon', on(3, 3), { 'user.name': 'bob' }),
      match('logon', on(3, 12), { 'user.name': 'bob' }),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ hours: '03:00', usual_hours: '08:00–23:00' });
  });
});
