import { describe, it, expect } from 'vitest';
import type { Alert } from '../../engine/types.ts';
import type { RunRecord as StoredRun } from '../../store/records.ts';
import {
  metricsView,
  parseAlertId,
  alertId,
  riskSeries,
  runFromStore,
  runListItems,
  sessionRunItem,
  type RunRecord,
} from './run-model.ts';

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

describe('runs kept in the store', () => {
  const alerts: Alert[] = ['usb', 'mail'].map((rule, i) => ({
    rule,
    title: rule,
    kind: 'rule',
    events: [`e${i}`],
    user: 'amy',
    timestamp: '2026-03-02T10:00:00Z',
    severity: 'high',
    action: 'audit',
    explanation: {},
  }));
  const metrics = {
    overall: { precision: 0.75, recall: 0.5, f1: 0.6, alerts: 2, false_positive_alerts: 0, benign_events: 9 },
    rules: {},
    scenarios: {},
  };
  const risk = {
    users: [{ user: 'amy', points: [{ time: '2026-03-02T10:00:00Z', score: 3, rule: 'usb' }] }],
  };
  const stored: StoredRun = {
    id: 'r3',
    datasetId: 'classroom',
    packId: null,
    packVersionId: null,
    status: 'done',
    createdAt: Date.parse('2026-04-01T12:00:00Z'),
    finishedAt: Date.parse('2026-04-01T12:00:00Z'),
    result: { metrics, risk, unmatchable: [{ rule: 'x', reason: 'no such field' }], errors: [] },
    errors: [],
    alertCount: 2,
    timing: { wallMs: 1234.4, workers: 2, events: 21053 },
    label: 'Default pack on the classroom dataset',
    packVersion: 1,
  };

  it('a reopened run shows what the run showed when it finished: alerts, ids, metrics, risk', () => {
    const page = runFromStore(stored, alerts);
    expect(page).toMatchObject({
      id: 'r3',
      label: 'Default pack on the classroom dataset',
      packVersion: 1,
      datasetId: 'classroom',
      durationMs: 1234,
      eventCount: 21053,
      metrics: metricsView(metrics),
      risk: riskSeries(risk),
      unmatchable: [{ rule: 'x', reason: 'no such field' }],
      stored: true,
    });
    expect(page.alerts.map((a) => a.id)).toEqual(['r3-0', 'r3-1']);
    expect(page.alerts[1]).toEqual({ ...alerts[1], id: 'r3-1' });
  });

  it('a run stored without a label or pack version still gets a name', () => {
    const { label: _l, packVersion: _p, ...bare } = stored;
    expect(runFromStore(bare, []).label).toBe('Run on classroom');
  });

  it('lists stored and in-memory runs newest first, each once, in-memory ones marked not stored', () => {
    const memory: RunRecord = {
      ...runFromStore({ ...stored, id: 'r4', createdAt: stored.createdAt + 60_000 }, alerts),
      stored: false,
    };
    const sameAsStored: RunRecord = runFromStore(stored, alerts);
    const older: StoredRun = { ...stored, id: 'r1', createdAt: stored.createdAt - 60_000, pinned: true };
    const items = runListItems([stored, older], [sameAsStored, memory]);
    expect(items.map((i) => [i.id, i.stored, i.pinned])).toEqual([
      ['r4', false, false],
      ['r3', true, false],
      ['r1', true, true],
    ]);
    expect(items[1]).toMatchObject({ precision: 0.75, recall: 0.5, alertCount: 2, durationMs: 1234 });
    expect(sessionRunItem(memory)).toMatchObject({ alertCount: 2, precision: 0.75, stored: false });
  });

  it('a failed stored run is listed with its status', () => {
    const failed: StoredRun = { ...stored, status: 'failed', result: null, alertCount: 0 };
    expect(runListItems([failed], [])[0]).toMatchObject({ status: 'failed', precision: null });
  });
});
