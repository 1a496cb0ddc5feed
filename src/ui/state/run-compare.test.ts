import { describe, it, expect } from 'vitest';
import type { AlertRecord, RunRecord } from './run-model.ts';
import { buildTruthIndex } from './truth-index.ts';
import { compareRuns, formatDelta } from './run-compare.ts';

function alert(
  rule: string,
  events: string[],
  user: string,
  action: AlertRecord['action'] = 'audit',
): AlertRecord {
  return {
    id: `${rule}-${events.join()}`,
    rule,
    title: rule,
    kind: 'rule',
    events,
    user,
    timestamp: '2026-03-02T10:00:00Z',
    severity: 'medium',
    action,
    explanation: {},
  };
}

function run(id: string, alerts: AlertRecord[], precision: number, recall: number): RunRecord {
  return {
    id,
    label: id,
    packVersion: 1,
    datasetId: 'classroom',
    startedAt: '',
    durationMs: 0,
    eventCount: 10,
    alerts,
    metrics: {
      overall: {
        precision,
        recall,
        f1: null,
        alerts: alerts.length,
        false_positive_alerts: 0,
        benign_events: 8,
      },
      rules: {},
      scenarios: { s1: { detected: true, recall, first_detected_step: 1, steps: 2, steps_detected: 1 } },
    },
    risk: [],
    errors: [],
    unmatchable: [],
  };
}

describe('comparing two runs', () => {
  const truth = buildTruthIndex([{ 'event.id': 'm1', 'labels.scenario': 's1', 'labels.step': 1 }]);
  const directory = [
    { name: 'amy', department: 'Sales' },
    { name: 'bob', department: 'Finance' },
  ];
  const a = run('r1', [alert('usb', ['m1'], 'eve'), alert('mail', ['b1'], 'amy')], 0.5, 0.5);
  const b = run('r2', [alert('usb', ['m1'], 'eve'), alert('mail-loose', ['b2'], 'bob', 'block')], 0.4, 1);
  const c = compareRuns(a, b, truth, directory);

  it('lists alerts gained and lost, matching by rule and events', () => {
    expect(c.gained.map((x) => x.rule)).toEqual(['mail-loose']);
    expect(c.lost.map((x) => x.rule)).toEqual(['mail']);
    expect(c.unchanged).toBe(1);
  });

  it('gives precision and recall deltas', () => {
    expect(c.deltas.precision).toBeCloseTo(-0.1);
    expect(c.deltas.recall).toBeCloseTo(0.5);
    expect(c.deltas.f1).toBeNull();
    expect(formatDelta(c.deltas.recall)).toBe('+0.50');
    expect(formatDelta(c.deltas.precision)).toBe('−0.10');
  });

  it('names the departments the false positives would hit, and the blocks', () => {
    expect(c.falsePositivesByDepartment).toEqual([
      { department: 'Finance', before: 0, after: 1, blockedAfter: 1 },
      { department: 'Sales', before: 1, after: 0, blockedAfter: 0 },
    ]);
  });

  it('per-scenario recall before and after', () => {
    expect(c.scenarios).toEqual([{ id: 's1', before: 0.5, after: 1 }]);
  });
});
