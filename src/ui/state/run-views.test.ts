import { describe, it, expect } from 'vitest';
import { labelsScenarios, type AlertRecord } from './run-model.ts';
import { buildTruthIndex } from './truth-index.ts';
import { missedEvents } from './missed-events.ts';
import {
  alertsOverTimeBySeverity,
  coverageMatrix,
  filterAlerts,
  formatRatio,
  hasGroundTruth,
  heatLevel,
  missedCount,
  riskOverTime,
  tpFpCaption,
  truePositivesPerRule,
} from './run-views.ts';

function alert(partial: Partial<AlertRecord> & { rule: string; events: string[] }): AlertRecord {
  return {
    id: `r1-${partial.rule}-${partial.events.join()}`,
    title: partial.rule,
    kind: 'rule',
    user: 'jdoe',
    timestamp: '2026-03-02T10:00:00Z',
    severity: 'high',
    action: 'audit',
    explanation: {},
    ...partial,
  };
}

const truth = buildTruthIndex([
  { 'event.id': 'e1', 'labels.scenario': 'departing-engineer', 'labels.step': 2 },
  { 'event.id': 'e2', 'labels.scenario': 'vendor-fraud', 'labels.step': 1 },
  { 'event.id': 'e3' },
]);

const alerts = [
  alert({ rule: 'usb-archive', events: ['e1'], timestamp: '2026-03-01T22:00:00Z', severity: 'critical' }),
  alert({ rule: 'usb-archive', events: ['e3'], timestamp: '2026-03-03T09:00:00Z', user: 'amy' }),
  alert({ rule: 'vendor-self-approve', events: ['e2'], timestamp: '2026-03-03T11:00:00Z', action: 'block' }),
];

describe('alert list filters', () => {
  it('keeps only false positives when asked', () => {
    expect(filterAlerts(alerts, { truth: 'fp' }, truth).map((a) => a.events[0])).toEqual(['e3']);
  });
  it('filters by scenario through the ground truth', () => {
    expect(filterAlerts(alerts, { scenario: 'vendor-fraud' }, truth).map((a) => a.rule)).toEqual([
      'vendor-self-approve',
    ]);
  });
  it('combines user and free text', () => {
    expect(filterAlerts(alerts, { user: 'amy', text: 'USB' }, truth)).toHaveLength(1);
    expect(filterAlerts(alerts, { user: 'amy', text: 'vendor' }, truth)).toHaveLength(0);
  });
});

describe('chart series', () => {
  it('alerts over time include quiet days and only severities that occur', () => {
    const s = alertsOverTimeBySeverity(alerts);
    expect(s.labels).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(s.series).toEqual([
      { name: 'critical', data: [1, 0, 0] },
      { name: 'high', data: [0, 0, 2] },
    ]);
  });

  it('TP/FP per rule counts an alert as true when any event is labelled', () => {
    expect(truePositivesPerRule(alerts, truth)).toEqual({
      labels: ['usb-archive', 'vendor-self-approve'],
      tp: [1, 1],
      fp: [1, 0],
      totalRules: 2,
      fpRules: 1,
    });
    expect(tpFpCaption(truePositivesPerRule(alerts, truth))).toBe('True and false positives per rule');
  });

  it('TP/FP per rule always shows a rule with a false positive, however few its alerts', () => {
    // 30 busy rules with only true positives, and one rule with a single false positive.
    const busy = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 31 - i }, () =>
        alert({ rule: `busy-${String(i).padStart(2, '0')}`, events: ['e1'] }),
      ),
    ).flat();
    const view = truePositivesPerRule(
      [...busy, alert({ rule: 'job-search-then-usb', events: ['e3'] })],
      truth,
    );
    expect(view.labels).toHaveLength(25);
    expect(view.labels).toContain('job-search-then-usb');
    expect(view.labels.at(-1)).toBe('job-search-then-usb');
    expect(view.labels.slice(0, 24)).toEqual(
      busy
        .map((a) => a.rule)
        .filter((r, i, all) => all.indexOf(r) === i)
        .slice(0, 24),
    );
    expect(view.fp.reduce((n, x) => n + x, 0)).toBe(1);
    expect(view).toMatchObject({ totalRules: 31, fpRules: 1 });
    expect(tpFpCaption(view)).toBe(
      'True and false positives per rule: 25 of 31 rules with alerts, the rule with a false positive, then the ones with most alerts',
    );
  });

  it('TP/FP caption says when no rule has a false positive', () => {
    expect(tpFpCaption({ labels: ['a', 'b'], totalRules: 5, fpRules: 0 })).toBe(
      'True and false positives per rule: 2 of 5 rules with alerts, the ones with most alerts (no rule has a false positive)',
    );
    expect(tpFpCaption({ labels: ['a', 'b', 'c'], totalRules: 9, fpRules: 2 })).toContain(
      'all 2 rules with a false positive',
    );
  });

  it('risk over time carries the score forward and picks the riskiest users', () => {
    const day = (d: number, h = 12) => Date.UTC(2026, 2, d, h);
    const s = riskOverTime(
      [
        { user: 'low', points: [{ time: day(1), score: 1 }] },
        {
          user: 'high',
          points: [
            { time: day(1), score: 10 },
            { time: day(3, 1), score: 40 },
          ],
        },
      ],
      1,
    );
    expect(s.labels).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(s.series).toEqual([{ name: 'high', data: [10, 10, 40] }]);
  });
});

describe('coverage heatmap', () => {
  it('counts alerts per scenario and rule, listing uncaught scenarios as empty rows', () => {
    const m = coverageMatrix(alerts, truth, ['departing-engineer', 'vendor-fraud', 'hr-salary-snooping']);
    expect(m.scenarios).toEqual(['departing-engineer', 'hr-salary-snooping', 'vendor-fraud']);
    expect(m.rules).toEqual(['usb-archive', 'vendor-self-approve']);
    expect(m.cells).toEqual([
      [1, 0],
      [0, 0],
      [0, 1],
    ]);
    expect(m.max).toBe(1);
  });

  it("orders rule columns along the rows: each scenario's rules, most alerts first, after the previous scenario's", () => {
    const scenarioTruth = buildTruthIndex([
      { 'event.id': 'a1', 'labels.scenario': 'a-scenario', 'labels.step': 1 },
      { 'event.id': 'a2', 'labels.scenario': 'a-scenario', 'labels.step': 2 },
      { 'event.id': 'b1', 'labels.scenario': 'b-scenario', 'labels.step': 1 },
    ]);
    const m = coverageMatrix(
      [
        alert({ rule: 'zeta', events: ['a1'] }),
        alert({ rule: 'alpha', events: ['b1'] }),
        alert({ rule: 'mid', events: ['a1'] }),
        alert({ rule: 'mid', events: ['a2'] }),
        alert({ rule: 'zeta', events: ['b1'] }),
      ],
      scenarioTruth,
    );
    expect(m.scenarios).toEqual(['a-scenario', 'b-scenario']);
    expect(m.rules).toEqual(['mid', 'zeta', 'alpha']);
    expect(m.cells).toEqual([
      [2, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('colour levels scale with the busiest cell', () => {
    expect([0, 1, 5, 10, 20].map((n) => heatLevel(n, 20))).toEqual([0, 1, 1, 2, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});

describe('which rules catch a scenario', () => {
  it('lists the rules with alerts on its events, earliest step first', async () => {
    const { rulesCatching } = await import('./run-views.ts');
    const t = buildTruthIndex([
      { 'event.id': 'a', 'labels.scenario': 's', 'labels.step': 3 },
      { 'event.id': 'b', 'labels.scenario': 's', 'labels.step': 1 },
    ]);
    const rows = rulesCatching(
      [
        alert({ rule: 'late', events: ['a'] }),
        alert({ rule: 'early', events: ['b'] }),
        alert({ rule: 'late', events: ['a', 'x'] }),
      ],
      t,
      's',
    );
    expect(rows.map((r) => [r.rule, r.alerts, r.firstStep])).toEqual([
      ['early', 1, 1],
      ['late', 2, 3],
    ]);
  });
});

describe('labelled events no alert names', () => {
  it('counts what the Why-not screen lists, an event named by several alerts once', () => {
    const t = buildTruthIndex([
      { 'event.id': 'a', 'labels.scenario': 's', 'labels.step': 1 },
      { 'event.id': 'b', 'labels.scenario': 's', 'labels.step': 2 },
      { 'event.id': 'c', 'labels.scenario': 'u', 'labels.step': 1 },
      { 'event.id': 'benign' },
    ]);
    const some = [
      alert({ rule: 'r1', events: ['a', 'benign'] }),
      alert({ rule: 'r2', events: ['a'] }),
      alert({ rule: 'r3', events: ['not-in-dataset'] }),
    ];
    for (const list of [[], some, [...some, alert({ rule: 'r4', events: ['b', 'c'] })]])
      expect(missedCount(list, t)).toBe(missedEvents(list, t).length);
    expect(missedCount(some, t)).toBe(2);
  });
});

describe('ratios on screen', () => {
  it('never shows a ratio rounded to a value it is not', () => {
    expect(formatRatio(0.994)).toBe('0.99');
    expect(formatRatio(249 / 250)).toBe('>0.99');
    expect(formatRatio(1)).toBe('1.00');
    expect(formatRatio(0.004)).toBe('<0.01');
    expect(formatRatio(0)).toBe('0.00');
    expect(formatRatio(0.7351)).toBe('0.74');
    expect(formatRatio(null)).toBe('—');
  });
});

describe('ground truth', () => {
  const scenario = { detected: true, recall: 1, first_detected_step: 1, steps: 1, steps_detected: 1 };
  const generated = { context: { manifest: { generator: { seed: 7 } } } };
  const imported = { context: { manifest: {} } };
  it('is there when the dataset labels a scenario, or was generated (benign by construction)', () => {
    expect(hasGroundTruth(labelsScenarios({ scenarios: { 'vendor-fraud': scenario } }), imported)).toBe(true);
    expect(hasGroundTruth(labelsScenarios({ scenarios: {} }), generated)).toBe(true);
  });
  it('is not there for unlabelled imported logs, a run without metrics, or a dataset since deleted', () => {
    expect(hasGroundTruth(labelsScenarios({ scenarios: {} }), imported)).toBe(false);
    expect(hasGroundTruth(labelsScenarios(null), imported)).toBe(false);
    expect(hasGroundTruth(false, null)).toBe(false);
  });
});
