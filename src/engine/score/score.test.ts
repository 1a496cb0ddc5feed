import { describe, expect, it } from 'vitest';
import type { Alert, AlertKind, DatasetContext, ResponseAction, Severity, TruthTally } from '../types.ts';
import { computeMetrics, computeRisk } from './index.ts';

function alert(
  rule: string,
  events: string[],
  opts: {
    kind?: AlertKind;
    action?: ResponseAction;
    severity?: Severity;
    user?: string | null;
    at?: string;
  } = {},
): Alert {
  return {
    rule,
    title: rule,
    kind: opts.kind ?? 'rule',
    events,
    user: opts.user ?? null,
    timestamp: opts.at ?? '2026-03-02T10:00:00.000Z',
    severity: opts.severity ?? 'medium',
    action: opts.action ?? 'audit',
    explanation: {},
  };
}

describe('computeMetrics on a tiny labelled dataset, computed by hand', () => {
  // Scenario S1 has steps 1–3 (3 does the harm), S2 steps 1–2; 95 benign events.
  const ctx: DatasetContext = {
    manifest: { id: 'tiny', title: 'tiny' },
    directory: [],
    resources: [],
    entitlements: [],
    scenarios: [
      {
        id: 'S1',
        title: 'Departing engineer',
        category: 'leakage',
        steps: [
          { step: 1, title: 'collect' },
          { step: 2, title: 'stage' },
          { step: 3, title: 'exfiltrate', damaging: true },
        ],
      },
      {
        id: 'S2',
        title: 'Vendor fraud',
        category: 'fraud',
        steps: [
          { step: 1, title: 'create vendor' },
          { step: 2, title: 'pay' },
        ],
      },
    ],
  };
  const T = Date.parse('2026-03-02T09:00:00Z');
  const truth: TruthTally = {
    benignEvents: 95,
    labelled: [
      { eventId: 'a1', scenario: 'S1', step: 1, time: T, user: 'bob' },
      { eventId: 'a2', scenario: 'S1', step: 2, time: T + 60_000, user: 'bob' },
      { eventId: 'a3', scenario: 'S1', step: 3, time: T + 120_000, user: 'bob' },
      { eventId: 'b1', scenario: 'S2', step: 1, time: T, user: 'ann' },
      { eventId: 'b2', scenario: 'S2', step: 2, time: T, user: 'ann' },
    ],
  };
  const alerts = [
    alert('R1', ['a1'], { action: 'block' }),
    alert('R1', ['n1'], { action: 'block' }),
    alert('R2', ['a2', 'a3'], { kind: 'correlation', action: 'block' }),
    alert('R3', ['n2'], { action: 'warn' }),
    alert('R3', ['n3'], { action: 'warn' }),
  ];
  const m = computeMetrics(alerts, truth, ctx);

  it('overall: 2 of 5 alerts true, 3 of 5 steps detected', () => {
    expect(m.overall).toMatchObject({
      precision: 0.4,
      recall: 0.6,
      f1: 0.48,
      alerts: 5,
      false_positive_alerts: 3,
      benign_events: 95,
      fp_per_1000_benign: 31.5789,
      steps: 5,
      steps_detected: 3,
      scenarios_detected: 1,
    });
  });

  it('per rule: alerts, TP, FP, precision and recall over all steps', () => {
    expect(m.rules).toEqual({
      R1: { alerts: 2, tp: 1, fp: 1, precision: 0.5, recall: 0.2, f1: 0.2857, steps_detected: 1 },
      R2: { alerts: 1, tp: 1, fp: 0, precision: 1, recall: 0.4, f1: 0.5714, steps_detected: 2 },
      R3: { alerts: 2, tp: 0, fp: 2, precision: 0, recall: 0, f1: 0, steps_detected: 0 },
    });
  });

  it('per scenario: detected, recall, first step detected, steps covered', () => {
    expect(m.scenarios.S1).toMatchObject({
      detected: true,
      recall: 1,
      first_detected_step: 1,
      steps: 3,
      steps_detected: 3,
      missed_steps: [],
      rules: ['R1', 'R2'],
    });
    expect(m.scenarios.S2).toMatchObject({
      detected: false,
      recall: 0,
      first_detected_step: null,
      steps: 2,
      steps_detected: 0,
      missed_steps: [1, 2],
    });
  });

  it('time to detect: from the first labelled event to the first true alert', () => {
    expect(m.scenarios.S1!.time_to_detect_minutes).toBe(60);
  });

  it('simulated actions: only single-event blocks prevent anything; blocks of benign events are disruption', () => {
    expect(m.actions).toEqual({
      blocked_malicious_events: 1,
      blocked_benign_events: 1,
      warned_malicious_events: 0,
      warned_benign_events: 2,
      damaging_steps: 1,
      prevented_damaging_steps: 0,
    });
  });

  it('steps come from labels when the dataset declares no scenario truth; no alerts is precision 0', () => {
    const bare = computeMetrics([], truth, { ...ctx, scenarios: [] });
    expect(bare.overall).toMatchObject({ precision: 0, recall: 0, f1: 0, alerts: 0, steps: 5 });
    expect(Object.keys(bare.scenarios)).toEqual(['S1', 'S2']);
    // A scenario known only from labels still has the documented title and category keys: null.
    expect(bare.scenarios.S1).toMatchObject({ title: null, category: null });
    expect(JSON.parse(JSON.stringify(bare.scenarios.S2))).toHaveProperty('title', null);
  });

  it('lists every alerting rule, with 0 alerts for one that raised none', () => {
    const listed = computeMetrics(alerts, truth, ctx, ['R1', 'R2', 'R3', 'R4']);
    expect(Object.keys(listed.rules)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(listed.rules.R4).toEqual({
      alerts: 0,
      tp: 0,
      fp: 0,
      precision: 0,
      recall: 0,
      f1: 0,
      steps_detected: 0,
    });
    // The rules that did alert are counted as without the list.
    expect(listed.rules.R1).toEqual(m.rules.R1);
    expect(listed.overall).toEqual(m.overall);
  });

  it('counts a rule or scenario named like an Object member as any other', () => {
    const odd = computeMetrics(
      [alert('constructor', ['a1']), alert('__proto__', ['n1']), alert('__proto__', ['n2'])],
      { benignEvents: 2, labelled: [{ eventId: 'a1', scenario: '__proto__', step: 1, time: T, user: null }] },
      { ...ctx, scenarios: [] },
      ['toString'],
    );
    const json = JSON.parse(JSON.stringify(odd));
    expect(json.rules.constructor).toMatchObject({ alerts: 1, tp: 1, fp: 0 });
    expect(Object.keys(json.rules).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(json.rules, '__proto__')?.value).toMatchObject({
      alerts: 2,
      fp: 2,
    });
    expect(json.rules.toString).toMatchObject({ alerts: 0 });
    expect(Object.getOwnPropertyDescriptor(json.scenarios, '__proto__')?.value).toMatchObject({
      detected: true,
      steps: 1,
    });
  });

  it('serialises with exactly the documented keys', () => {
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['overall', 'rules', 'scenarios']));
    for (const key of ['precision', 'recall', 'f1', 'alerts', 'false_positive_alerts', 'benign_events'])
      expect(m.overall).toHaveProperty(key);
    for (const key of ['detected', 'recall', 'first_detected_step', 'steps', 'steps_detected'])
      expect(m.scenarios.S1).toHaveProperty(key);
  });
});

describe('computeRisk', () => {
  const ctx: DatasetContext = {
    manifest: { id: 'r', title: 'r', period: { start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' } },
    directory: [
      { name: 'bob', hr: { resignation_date: '2026-03-10T00:00:00Z', performance_plan: true } },
      { name: 'eve' },
      { name: 'zoe', hr: { financial_stress: false } },
    ],
    resources: [],
    entitlements: [],
    scenarios: [],
  };
  const risk = computeRisk(
    [
      alert('usb', ['1'], { user: 'bob', severity: 'high', at: '2026-03-12T10:00:00.000Z' }),
      alert('mail', ['2'], { user: 'bob', severity: 'medium', at: '2026-03-05T10:00:00.000Z' }),
      alert('web', ['3'], { user: 'eve', severity: 'low', at: '2026-03-05T10:00:00.000Z' }),
      alert('noise', ['4'], { user: null }),
    ],
    ctx,
  );

  it('adds points by severity, multiplied by the HR facts in effect at the time', () => {
    const bob = risk.users[0]!;
    expect(bob.user).toBe('bob');
    expect(bob.points.map((p) => [p.rule, p.added, p.score])).toEqual([
      ['hr:performance_plan', 5, 5],
      ['mail', 22.5, 27.5], // 15 × 1.5 (performance plan)
      ['hr:resignation_date', 10, 37.5],
      ['usb', 90, 127.5], // 30 × 1.5 × 2 (departing from the resignation date)
    ]);
    expect(bob.score).toBe(127.5);
    expect(bob.points[3]!.reason).toBe(
      'high alert: 30 points × 3 (departing user (resignation) ×2, performance improvement plan ×1.5)',
    );
  });

  it('scores one account once whatever case its alerts wrote the name in, with its HR facts', () => {
    const shouting = computeRisk(
      [
        alert('usb', ['1'], { user: 'BOB', severity: 'high', at: '2026-03-12T10:00:00.000Z' }),
        alert('mail', ['2'], { user: 'bob', severity: 'medium', at: '2026-03-05T10:00:00.000Z' }),
      ],
      ctx,
    );
    expect(shouting.users.map((u) => [u.user, u.score])).toEqual([['bob', 127.5]]);
  });

  it('ranks users by score; false flags and alerts without a user add nothing', () => {
    expect(risk.users.map((u) => [u.user, u.score])).toEqual([
      ['bob', 127.5],
      ['eve', 5],
    ]);
  });
});
