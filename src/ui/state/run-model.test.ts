import { describe, it, expect } from 'vitest';
import { metricsView, parseAlertId, alertId, riskSeries } from './run-model.ts';

describe('reading the engine’s run result', () => {
  it('keeps the metrics names of the command line', () => {
    const m = metricsView({
      overall: {
        precision: 0.9,
        recall: 1,
        f1: 0.95,
        alerts: 10,
        false_positive_alerts: 1,
        benign_events: 900,
      },
      rules: { usb: { alerts: 3, tp: 2, fp: 1, precision: 0.67 } },
      scenarios: { s1: { detected: true, recall: 0.5, first_detected_step: 2, steps: 4, steps_detected: 2 } },
    });
    expect(m?.overall.false_positive_alerts).toBe(1);
    expect(m?.rules.usb).toEqual({ alerts: 3, tp: 2, fp: 1, precision: 0.67 });
    expect(m?.scenarios.s1?.first_detected_step).toBe(2);
  });

  it('a precision the engine could not compute stays unknown, not zero', () => {
    expect(metricsView({ overall: { precision: null } })?.overall.precision).toBeNull();
  });

  it.each([
    ['a map of users', { jdoe: [{ time: '2026-03-01T00:00:00Z', score: 5, rule: 'usb' }] }],
    [
      'a users key',
      { users: { jdoe: [{ time: Date.parse('2026-03-01T00:00:00Z'), score: 5, rule: 'usb' }] } },
    ],
    [
      "the engine's own shape (users: UserRisk[])",
      {
        users: [
          {
            user: 'jdoe',
            score: 5,
            alerts: 1,
            factors: [],
            points: [{ time: '2026-03-01T00:00:00Z', score: 5, rule: 'usb' }],
          },
        ],
      },
    ],
    ['a list', [{ user: 'jdoe', points: [{ time: '2026-03-01T00:00:00Z', score: 5, rule: 'usb' }] }]],
  ])('risk timelines arrive as %s', (_name, raw) => {
    expect(riskSeries(raw)).toEqual([
      { user: 'jdoe', points: [{ time: Date.parse('2026-03-01T00:00:00Z'), score: 5, rule: 'usb' }] },
    ]);
  });

  it('alert ids round-trip, even when the run id has dashes', () => {
    expect(parseAlertId(alertId('run-2', 14))).toEqual({ runId: 'run-2', index: 14 });
    expect(parseAlertId('nonsense')).toBeNull();
  });
});
