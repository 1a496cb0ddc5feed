import { describe, expect, it } from 'vitest';
import type { DatasetContext, DirectoryUser, RuleMatch } from '../types.ts';
import { compileCorrelations, runCorrelations } from './index.ts';
import { loadTestDocuments, match } from './test-documents.ts';
import { isoTime } from '../import/event-time.ts';

const RULES = new Set([
  'web-visit',
  'usb-write',
  'file-copy',
  'file-rename',
  'file-delete',
  'logon',
  'mail-personal',
]);
const START = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const on = (day: number, hour = 10, minute = 0) =>
  isoTime(START + day * DAY + hour * 3_600_000 + minute * 60_000)!;

function context(directory: DirectoryUser[] = []): DatasetContext {
  return {
    manifest: { id: 't', title: 't', period: { start: '2026-03-01T00:00:00Z', end: '2026-04-30T00:00:00Z' } },
    directory,
    resources: [],
    entitlements: [],
    scenarios: [],
  };
}

function run(yaml: string, matches: RuleMatch[], ctx = context()) {
  const { correlations, errors } = compileCorrelations(loadTestDocuments(yaml), RULES, new Map());
  expect(errors).toEqual([]);
  return runCorrelations(correlations, matches, ctx);
}

describe('first_seen', () => {
  const yaml = `
title: New upload domain
id: new-domain
correlation:
  type: first_seen
  rules: [web-visit]
  field: destination.domain
  learning: 3d
response: { severity: low, owner: security }
`;
  const visit = (day: number, domain: string, user = 'bob') =>
    match('web-visit', on(day), { 'user.name': user, 'destination.domain': domain });

  it('alerts on a value never seen for the user, only after the learning period', () => {
    const alerts = run(yaml, [
      visit(0, 'a.com'),
      visit(1, 'b.com'),
      visit(4, 'a.com'),
      visit(4, 'c.com'),
      visit(5, 'c.com'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'new-domain',
      kind: 'baseline',
      user: 'bob',
      severity: 'low',
      owner: 'security',
    });
    expect(alerts[0]!.explanation.summary).toContain('c.com');
    expect(alerts[0]!.explanation.values).toMatchObject({ new_values: 1, known_values: 2, learning_days: 3 });
  });

  it('what one user knows does not count for another', () => {
    const alerts = run(yaml, [visit(0, 'a.com', 'bob'), visit(4, 'a.com', 'eve')]);
    expect(alerts.map((a) => a.user)).toEqual(['eve']);
  });

  it('a new joiner learns from their own start date', () => {
    const ctx = context([{ name: 'new', employment: { start: '2026-03-10T00:00:00Z' } }]);
    const alerts = run(
      yaml,
      [visit(10, 'a.com', 'new'), visit(11, 'b.com', 'new'), visit(14, 'c.com', 'new')],
      ctx,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ first_new: 'c.com' });
  });

  it('new values of one day make one alert', () => {
    const alerts = run(yaml, [visit(0, 'a.com'), visit(5, 'x.com'), visit(5, 'y.com'), visit(6, 'z.com')]);
    expect(alerts.map((a) => a.events.length)).toEqual([2, 1]);
  });
});

describe('user_deviation', () => {
  const yaml = `
title: Unusual USB volume
id: usb-volume
correlation:
  type: user_deviation
  rules: [usb-write]
  field: file.size
  history: 14
  k: 3
  min-history: 7
`;
  const usb = (day: number, size: number, user = 'bob') =>
    match('usb-write', on(day), { 'user.name': user, 'file.size': size });
  const usual = [100, 120, 80, 110, 90, 100, 120, 80, 110, 90].map((s, d) => usb(d, s));

  it('alerts when today is above mean + k·σ of the user’s own previous days, and explains the numbers', () => {
    const alerts = run(yaml, [...usual, usb(10, 5_000_000)]);
    expect(alerts).toHaveLength(1);
    const values = alerts[0]!.explanation.values!;
    expect(values).toMatchObject({ today: 5_000_000, mean: 100, history_days: 10, k: 3 });
    expect(values.sigma).toBeCloseTo(14.14, 1);
    expect(alerts[0]!.explanation.summary).toMatch(/4\.8 MB/);
  });

  it('stays quiet on a day within the usual spread', () => {
    expect(run(yaml, [...usual, usb(10, 140)])).toEqual([]);
  });

  it('judges nobody before min-history days of history exist', () => {
    expect(run(yaml, [usb(0, 100), usb(3, 9_000_000)])).toEqual([]);
  });

  it('counts days without activity as zero', () => {
    // One write a week is usual; five in a day is not.
    const weekly = [0, 7, 14].map((d) => match('usb-write', on(d), { 'user.name': 'bob' }));
    const burst = Array.from({ length: 5 }, (_, i) =>
      match('usb-write', on(20, 10, i), { 'user.name': 'bob' }),
    );
    const counting = yaml.replace('  field: file.size\n', '');
    const alerts = run(counting, [...weekly, ...burst]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ today: 5, history_days: 14 });
  });
});

describe('peer_deviation', () => {
  const yaml = `
title: Mails to personal domains, unlike peers
id: personal-mail-peers
correlation:
  type: peer_deviation
  rules: [mail-personal]
  peer: department
  k: 2
  min-value: 3
`;
  const directory: DirectoryUser[] = [
    { name: 'bob', department: 'sales' },
    { name: 'ann', department: 'sales' },
    { name: 'cid', department: 'sales' },
    { name: 'dan', department: 'sales' },
    { name: 'eve', department: 'it' },
  ];
  const mails = (user: string, n: number, day = 2) =>
    Array.from({ length: n }, (_, i) => match('mail-personal', on(day, 9, i), { 'user.name': user }));

  it('compares a user with the other members of the same department, idle ones counting as zero', () => {
    const alerts = run(
      yaml,
      [...mails('bob', 12), ...mails('ann', 1), ...mails('cid', 2)],
      context(directory),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.user).toBe('bob');
    expect(alerts[0]!.explanation.values).toMatchObject({
      user_value: 12,
      peer_mean: 1,
      peers: 3,
      peer_group: 'sales',
    });
  });

  it('does not compare across departments, and needs at least two peers', () => {
    expect(run(yaml, [...mails('eve', 30)], context(directory))).toEqual([]);
  });

  it('min-value keeps tiny numbers from alerting', () => {
    expect(run(yaml, [...mails('bob', 2)], context(directory))).toEqual([]);
  });
});

describe('off_hours', () => {
  const yaml = `
title: Activity at unusual hours
id: off-hours
correlation:
  type: off_hours
  rules: [logon]
  min-history: 20
`;
  const workdays = Array.from({ length: 10 }, (_, d) =>
    [9, 13, 17].map((h) => match('logon', on(d, h), { 'user.name': 'bob' })),
  ).flat();

  it('alerts on an hour the user is not usually active at, after learning', () => {
    const alerts = run(yaml, [
      ...workdays,
      match('logon', on(11, 3), { 'user.name': 'bob' }),
      match('logon', on(11, 10), { 'user.name': 'bob' }),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ hours: '03:00', learned_from: 30 });
    expect(alerts[0]!.explanation.summary).toContain('08:00–11:00, 12:00–15:00, 16:00–19:00');
  });

  it('learns first: nothing before min-history earlier events', () => {
    expect(
      run(yaml, [
        match('logon', on(0, 9), { 'user.name': 'bob' }),
        match('logon', on(0, 3), { 'user.name': 'bob' }),
      ]),
    ).toEqual([]);
  });

  it('a night-shift worker at night is usual', () => {
    const nights = Array.from({ length: 10 }, (_, d) =>
      [1, 3, 5].map((h) => match('logon', on(d, h), { 'user.name': 'nia' })),
    ).flat();
    expect(run(yaml, [...nights, match('logon', on(11, 3), { 'user.name': 'nia' })])).toEqual([]);
  });
});

describe('sequence', () => {
  const yaml = `
title: Collect, exfiltrate, hide, clean up
id: exfil-sequence
correlation:
  type: sequence
  steps:
    - { name: collection, rules: [file-copy] }
    - { name: exfiltration, rules: [usb-write] }
    - { name: obfuscation, rules: [file-rename] }
    - { name: clean-up, rules: [file-delete] }
  link: [file.name, file.previous_name]
  timespan: 2d
response: { severity: critical, category: leakage }
`;
  const step = (rule: string, hours: number, name: string, previous?: string, user = 'bob') =>
    match(rule, new Date(START + hours * 3_600_000).toISOString(), {
      'user.name': user,
      'file.name': name,
      ...(previous ? { 'file.previous_name': previous } : {}),
    });

  it('follows one file through the four steps, across a rename', () => {
    const alerts = run(yaml, [
      step('file-copy', 1, 'customers.xlsx'),
      step('usb-write', 2, 'customers.xlsx'),
      step('file-rename', 3, 'holiday.jpg', 'customers.xlsx'),
      step('file-delete', 4, 'holiday.jpg'),
      step('file-copy', 5, 'other.docx'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'exfil-sequence',
      severity: 'critical',
      category: 'leakage',
      user: 'bob',
    });
    expect(alerts[0]!.events).toHaveLength(4);
    expect(alerts[0]!.explanation.values).toMatchObject({
      sequence: 'collection → exfiltration → obfuscation → clean-up',
    });
  });

  it('links file names without regard to case, as Sigma compares text', () => {
    const alerts = run(yaml, [
      step('file-copy', 1, 'Report.zip'),
      step('usb-write', 2, 'report.zip'),
      step('file-rename', 3, 'x.jpg', 'REPORT.ZIP'),
      step('file-delete', 4, 'x.jpg'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.events).toHaveLength(4);
  });

  it.each([
    [
      'steps out of order',
      [
        ['file-delete', 1, 'a'],
        ['file-copy', 2, 'a'],
        ['usb-write', 3, 'a'],
        ['file-rename', 4, 'a'],
      ],
    ],
    [
      'different files',
      [
        ['file-copy', 1, 'a'],
        ['usb-write', 2, 'b'],
        ['file-rename', 3, 'c'],
        ['file-delete', 4, 'c'],
      ],
    ],
    [
      'beyond the window',
      [
        ['file-copy', 1, 'a'],
        ['usb-write', 2, 'a'],
        ['file-rename', 3, 'a'],
        ['file-delete', 49.5, 'a'],
      ],
    ],
  ] as const)('no alert for %s', (_name, steps) => {
    expect(
      run(
        yaml,
        steps.map(([rule, h, name]) => step(rule, h, name)),
      ),
    ).toEqual([]);
  });

  it('min-steps allows a partial sequence', () => {
    const partial = yaml.replace('  timespan: 2d\n', '  timespan: 2d\n  min-steps: 2\n');
    const alerts = run(partial, [step('file-copy', 1, 'a'), step('file-delete', 2, 'a')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.explanation.values).toMatchObject({ steps_seen: 2, sequence: 'collection → clean-up' });
  });
});

describe('cumulative_exfiltration', () => {
  const yaml = `
title: Cumulative exfiltration
id: cumulative
correlation:
  type: cumulative_exfiltration
  rules: [usb-write, mail-personal]
  field: file.size
  timespan: 30d
  peer: department
  k: 3
`;
  const directory: DirectoryUser[] = ['a', 'b', 'c', 'd', 'e', 'f', 'bob'].map((name) => ({
    name,
    department: 'eng',
  }));
  const out = (user: string, day: number, size: number, rule = 'usb-write') =>
    match(rule, on(day), { 'user.name': user, 'file.size': size });

  it('alerts once when a 30-day total crosses the organisation and peer norms, over all channels', () => {
    const normal = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((u, i) => [
      out(u, 1, 1000 + i * 100),
      out(u, 8, 900),
    ]);
    const bob = [
      out('bob', 2, 1500),
      out('bob', 9, 20_000, 'mail-personal'),
      out('bob', 10, 30_000),
      out('bob', 12, 10_000),
    ];
    const alerts = run(yaml, [...normal, ...bob], context(directory));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.user).toBe('bob');
    expect(alerts[0]!.events).toHaveLength(2);
    expect(alerts[0]!.explanation.values).toMatchObject({ total: 21_500, window_days: 30 });
  });

  it('a total that leaves the 30-day window no longer counts', () => {
    const normal = ['a', 'b', 'c', 'd', 'e', 'f'].map((u) => out(u, 40, 1000));
    const alerts = run(yaml, [out('bob', 1, 50_000), ...normal, out('bob', 40, 1000)], context(directory));
    // Day 1 alone is an alert (everybody else is at zero); day 40 is ordinary.
    expect(alerts.map((a) => a.timestamp)).toEqual([on(1)]);
  });
});
