import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert, TruthTally } from '../types.ts';
import { loadExercise, scoreExercise, type RunMetricsView } from './index.ts';

const root = join(import.meta.dirname, '../../../sample-data');
const scenarioIds = new Set(readdirSync(join(root, 'scenarios')).map((name) => name.replace(/\.ya?ml$/, '')));

describe('shipped exercises', () => {
  const files = readdirSync(join(root, 'exercises')).filter((name) => name.endsWith('.yml'));
  it('ship at least four, from easy to hard, covering the four threats', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const levels = new Set<string>();
    for (const name of files) {
      const result = loadExercise(readFileSync(join(root, 'exercises', name), 'utf8'), name, scenarioIds);
      if (!result.ok)
        throw new Error(result.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
      levels.add(result.value.level);
    }
    expect(levels).toContain('easy');
    expect([...levels].some((level) => level === 'hard' || level === 'expert')).toBe(true);
  });
});

describe('loadExercise', () => {
  const valid = `id: t\ntitle: T\nlevel: easy\ntime_box_minutes: 10\nbriefing: b\ndataset: { seed: 1, users: 5, days: 3 }\nhidden_scenarios: [a]\nroles:\n  - { id: it, title: IT, sees: [events], brief: x }\n  - { id: sec, title: Sec, sees: [hr], brief: y }\nobjectives: [catch it]\n`;
  it('accepts a complete exercise', () => {
    expect(loadExercise(valid, 'x.yml').ok).toBe(true);
  });
  it('names a misspelled key with its line and the key it meant', () => {
    const result = loadExercise(valid.replace('objectives:', 'objectivs:'), 'x.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const unknown = result.errors.find((error) => error.message.includes('objectivs'));
    expect(unknown).toMatchObject({ file: 'x.yml', line: 11 });
    expect(unknown?.suggestion).toContain('objectives');
  });
  it('rejects a hidden scenario that does not exist', () => {
    const result = loadExercise(valid, 'x.yml', new Set(['b']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 7, path: 'hidden_scenarios[0]' });
  });
});

describe('scoreExercise', () => {
  const truth: TruthTally = {
    benignEvents: 1000,
    labelled: [
      { eventId: 'm1', scenario: 's', step: 1, time: 0, user: 'u' },
      { eventId: 'm2', scenario: 's', step: 2, time: 1, user: 'u' },
    ],
  };
  const alert = (events: string[], action: Alert['action']): Alert => ({
    rule: 'r',
    title: 'r',
    kind: 'rule',
    events,
    user: 'u',
    timestamp: '2026-01-01T00:00:00Z',
    severity: 'high',
    action,
    explanation: {},
  });
  const metrics = (f1: number, recall: number, fp: number, first: number | null): RunMetricsView => ({
    overall: { precision: f1, recall, f1, alerts: 2, false_positive_alerts: fp, benign_events: 1000 },
    scenarios: { s: { detected: first !== null, first_detected_step: first, steps: 2 } },
  });

  it('scores an empty pack 0 with F1 0', () => {
    const score = scoreExercise(['s'], [], truth, metrics(0, 0, 0, null));
    expect(score).toMatchObject({ score: 0, f1: 0, first_detected_step: null, disruption: 0 });
  });
  it('scores a perfect, early, quiet detection 100', () => {
    const score = scoreExercise(['s'], [alert(['m1'], 'block')], truth, metrics(1, 1, 0, 1));
    expect(score.score).toBe(100);
    expect(score.first_detected_step).toBe(1);
  });
  it('counts only blocks of benign events as disruption, and they cost points', () => {
    const clean = scoreExercise(
      ['s'],
      [alert(['m1'], 'block'), alert(['b1'], 'audit')],
      truth,
      metrics(1, 1, 1, 1),
    );
    const blocking = scoreExercise(
      ['s'],
      [alert(['m1'], 'block'), alert(['b1'], 'block')],
      truth,
      metrics(1, 1, 1, 1),
    );
    expect(clean.disruption).toBe(0);
    expect(blocking.disruption).toBe(1);
    expect(blocking.score).toBeLessThan(clean.score);
  });
  it('rewards catching the first step over catching only the last', () => {
    const early = scoreExercise(['s'], [], truth, metrics(0.5, 0.5, 0, 1));
    const late = scoreExercise(['s'], [], truth, metrics(0.5, 0.5, 0, 2));
    expect(early.score).toBeGreaterThan(late.score);
  });
});
