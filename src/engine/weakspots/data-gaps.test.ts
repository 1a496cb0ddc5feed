// Weak spots over directories the bundle reader did not check (the app, a test): dates that are
// not dates are no dates, and a missing directory is said, not taken for "nothing found".
import { describe, expect, it } from 'vitest';
import type { DatasetContext, DirectoryUser, EngineEvent } from '../types.ts';
import { findWeakSpots } from './index.ts';

function context(directory: DirectoryUser[], overrides: Partial<DatasetContext> = {}): DatasetContext {
  return {
    manifest: { id: 'test', title: 'test' },
    directory,
    resources: [{ id: 'payroll', sensitivity: 'confidential' }],
    entitlements: [],
    scenarios: [],
    ...overrides,
  };
}

const events: EngineEvent[] = ['2026-03-03', '2026-03-04', '2026-03-05'].map((day, i) => ({
  'event.id': `e${i}`,
  '@timestamp': `${day}T10:00:00Z`,
  'user.name': 'sz',
  'resource.id': 'payroll',
  'event.action': 'read',
}));

describe('weak spots: dates that are not dates', () => {
  it('an impossible end date (2026-02-30) is not rolled over into a "left on 2026-03-02" finding', () => {
    for (const end of ['2026-02-30', 'soon', 2026]) {
      const user = { name: 'sz', employment: { end } } as unknown as DirectoryUser;
      const findings = findWeakSpots({ events, ctx: context([user]) });
      expect(findings.map((f) => f.text).join('\n'), String(end)).not.toMatch(/left|leaving/);
      expect(findings.filter((f) => f.kind === 'departing_user_access')).toEqual([]);
    }
  });

  it('a resignation or termination date that is not a date is no departure', () => {
    const user = { name: 'sz', hr: { resignation_date: '2026-02-30', termination_date: 99999999999999 } };
    const findings = findWeakSpots({ events, ctx: context([user as unknown as DirectoryUser]) });
    expect(findings).toEqual([]);
  });

  it('a real end date still makes the leaver finding', () => {
    const user = { name: 'sz', employment: { end: '2026-03-01' } };
    const findings = findWeakSpots({ events, ctx: context([user]) });
    expect(findings.find((f) => f.kind === 'dormant_account')?.text).toMatch(/^sz left on 2026-03-01/);
  });
});

describe('weak spots: no directory', () => {
  it('says there is no directory to judge accounts against rather than report nothing', () => {
    const findings = findWeakSpots({ events, ctx: context([]) });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'dormant_account',
      severity: 'informational',
      subject: '(no directory)',
    });
    expect(findings[0]!.text).toContain('no directory');
    expect(findings[0]!.text).toContain('1 account(s)');
  });

  it('says nothing of it when there are no users in the events either', () => {
    expect(findWeakSpots({ events: [], ctx: context([]) })).toEqual([]);
  });
});
