import { describe, expect, it } from 'vitest';
import type { Alert, Diagnostic } from '../src/engine/types.ts';
import { openRun } from '../src/store/runs.ts';
import { openTestDatabase } from '../tests/store/test-database.ts';
import { saveMergedRun, type RunDraft } from './save-run.ts';

const alert = (rule: string, user: string): Alert => ({
  rule,
  title: rule,
  kind: 'rule',
  events: [`${rule}-${user}`],
  user,
  timestamp: '2026-03-02T10:00:00Z',
  severity: 'high',
  action: 'block',
  explanation: {},
});

const stopped: Diagnostic = {
  file: 'rules/slow.yml',
  line: 1,
  column: 1,
  path: '',
  severity: 'error',
  message: 'rule "slow" exceeded its time budget and was stopped',
};

const draft: RunDraft = {
  id: 'r7',
  label: 'Pack version 3',
  packVersion: 3,
  datasetId: 'classroom',
  packId: null,
  packVersionId: null,
  createdAt: 1_000,
  timing: {
    wallMs: 900,
    workers: 2,
    events: 21_053,
    phases: { describeMs: 10, poolMs: 880, mergeMs: 0, saveMs: 0 },
  },
};

describe('a merged run stored by the merging worker', () => {
  it('is stored whole: record with the merge and pool errors, every alert in order, merge time in the wall time', async () => {
    const db = await openTestDatabase();
    const merged = {
      alerts: [alert('usb', 'amy'), alert('mail', 'bob'), alert('usb', 'carl')],
      metrics: { overall: { precision: 1, recall: 0.5 } },
      errors: [{ ...stopped, file: 'rules/broken.yml', message: 'rule "broken" failed while matching' }],
    };
    const saved = await saveMergedRun(db, draft, merged, [stopped], 120);

    const opened = await openRun(db, 'r7');
    expect(opened?.alerts.map((a) => `${a.rule}:${a.user}`)).toEqual(['usb:amy', 'mail:bob', 'usb:carl']);
    expect(opened?.run).toMatchObject({
      id: 'r7',
      label: 'Pack version 3',
      packVersion: 3,
      status: 'done',
      alertCount: 3,
      result: { metrics: { overall: { precision: 1, recall: 0.5 } } },
    });
    // The record keeps no second copy of the alerts (they are stored apart, in chunks).
    expect(opened?.run.result).not.toHaveProperty('alerts');
    expect(opened?.run.errors.map((e) => e.file)).toEqual(['rules/broken.yml', 'rules/slow.yml']);
    expect(opened?.run.timing?.wallMs).toBe(1020);
    expect(opened?.run.timing?.phases?.mergeMs).toBe(120);

    // The page gets the run it shows: alerts included, errors merged, the save time known.
    expect((saved.result.alerts as Alert[]).length).toBe(3);
    expect(saved.errors).toHaveLength(2);
    expect(saved.timing.phases?.saveMs).toBeGreaterThanOrEqual(0);
    db.close();
  });

  it('replaces the alerts of a run stored under the same id rather than adding to them', async () => {
    const db = await openTestDatabase();
    await saveMergedRun(db, draft, { alerts: [alert('usb', 'amy'), alert('usb', 'bob')] }, [], 1);
    await saveMergedRun(db, draft, { alerts: [alert('mail', 'dan')] }, [], 1);
    const opened = await openRun(db, 'r7');
    expect(opened?.alerts.map((a) => a.rule)).toEqual(['mail']);
    expect(opened?.run.alertCount).toBe(1);
    db.close();
  });
});
