import { describe, expect, it } from 'vitest';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { findWeakSpots, weakSpotsToCsv, type WeakSpotFinding } from './index.ts';

function context(overrides: Partial<DatasetContext> = {}): DatasetContext {
  return {
    manifest: { id: 'test', title: 'test' },
    directory: [],
    resources: [],
    entitlements: [],
    scenarios: [],
    ...overrides,
  };
}

let counter = 0;
function event(fields: Record<string, unknown>): EngineEvent {
  counter += 1;
  return { 'event.id': `e${counter}`, ...fields } as EngineEvent;
}

function ofKind(findings: WeakSpotFinding[], kind: WeakSpotFinding['kind']) {
  return findings.filter((finding) => finding.kind === kind);
}

describe('weak-spots register', () => {
  it('names plain FTP as an unencrypted channel, high when it carried confidential files', () => {
    const events = [
      event({
        '@timestamp': '2026-03-02T10:00:00Z',
        'user.name': 'ann',
        'network.protocol': 'ftp',
        'destination.domain': 'files.example.net',
        'file.sensitivity': 'confidential',
      }),
      event({
        '@timestamp': '2026-03-02T10:05:00Z',
        'user.name': 'bob',
        'network.protocol': 'https',
        'destination.domain': 'safe.example.net',
      }),
    ];
    const found = ofKind(findWeakSpots({ events, ctx: context() }), 'unencrypted_channel');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'high',
      subject: 'ftp://files.example.net',
      evidence: ['e1'],
    });
    expect(found[0]?.text).toMatch(/unencrypted/);
  });

  it('uses the pack classifiers to find sensitive content in unencrypted mail', () => {
    const events = [
      event({
        '@timestamp': '2026-03-02T10:00:00Z',
        'user.name': 'ann',
        'event.category': 'email',
        'email.encrypted': false,
        'email.to': ['x@partner.example'],
        content: 'card 4111111111111111',
      }),
      event({
        '@timestamp': '2026-03-02T10:01:00Z',
        'user.name': 'ann',
        'event.category': 'email',
        'email.encrypted': false,
        'email.to': ['x@partner.example'],
        content: 'lunch?',
      }),
    ];
    const classify = (text: string) =>
      text.includes('4111')
        ? [
            {
              classifier: 'credit-card-number',
              field: 'content',
              start: 5,
              end: 21,
              confidence: 85,
              level: 'high' as const,
              masked: '4111…1111',
              decidedBy: {},
            },
          ]
        : [];
    const found = ofKind(findWeakSpots({ events, ctx: context(), classify }), 'unencrypted_channel');
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toEqual([events[0]?.['event.id']]);
    expect(found[0]?.owner).toBe('both');
  });

  it('finds shared accounts, weak passwords and impossible travel, and not a possible trip', () => {
    const events = [
      event({
        '@timestamp': '2026-03-02T08:00:00Z',
        'event.category': 'authentication',
        'event.action': 'logon',
        'user.name': 'ops-shared',
        'authentication.shared_account': true,
      }),
      event({
        '@timestamp': '2026-03-02T09:00:00Z',
        'event.category': 'authentication',
        'event.action': 'logon',
        'user.name': 'carl',
        'authentication.password_policy': 'weak',
        'source.geo.country_iso_code': 'DE',
      }),
      event({
        '@timestamp': '2026-03-02T09:38:00Z',
        'event.category': 'authentication',
        'event.action': 'vpn-connect',
        'user.name': 'carl',
        'source.geo.country_iso_code': 'BR',
      }),
      event({
        '@timestamp': '2026-03-02T09:00:00Z',
        'event.category': 'authentication',
        'event.action': 'logon',
        'user.name': 'dora',
        'source.geo.country_iso_code': 'DE',
      }),
      event({
        '@timestamp': '2026-03-03T09:00:00Z',
        'event.category': 'authentication',
        'event.action': 'logon',
        'user.name': 'dora',
        'source.geo.country_iso_code': 'FR',
      }),
    ];
    const found = ofKind(findWeakSpots({ events, ctx: context() }), 'weak_credentials');
    const subjects = found.map((finding) => `${finding.subject}:${finding.severity}`).sort();
    expect(subjects).toEqual(['carl:high', 'carl:medium', 'ops-shared:high']);
    const travel = found.find((finding) => finding.subject === 'carl' && finding.severity === 'high');
    expect(travel?.text).toContain('DE and BR 38 minutes apart');
  });

  it('finds an account used after its owner left, and a dormant account that still holds rights', () => {
    const ctx = context({
      directory: [
        { name: 'eve', employment: { start: '2020-01-01', end: '2026-01-31' } },
        { name: 'finn' },
        { name: 'gus' },
      ],
      entitlements: [
        { user: 'finn', resource: 'crm', actions: ['read'] },
        { user: 'gus', resource: 'crm', actions: ['read'] },
      ],
    });
    const events = [
      event({ '@timestamp': '2026-03-01T10:00:00Z', 'user.name': 'eve', 'event.category': 'authentication' }),
      event({ '@timestamp': '2026-01-02T10:00:00Z', 'user.name': 'finn', 'event.category': 'file' }),
      event({ '@timestamp': '2026-03-02T10:00:00Z', 'user.name': 'gus', 'event.category': 'file' }),
    ];
    const found = ofKind(findWeakSpots({ events, ctx }), 'dormant_account');
    expect(found.map((finding) => [finding.subject, finding.severity])).toEqual([
      ['eve', 'critical'],
      ['finn', 'medium'],
    ]);
    expect(found[0]?.evidence).toEqual([events[0]?.['event.id']]);
  });

  it('counts a user under the directory name whatever case the log wrote it in', () => {
    const ctx = context({
      directory: [{ name: 'gus' }],
      entitlements: [{ user: 'gus', resource: 'crm', actions: ['read'] }],
    });
    const events = [
      event({ '@timestamp': '2026-03-02T10:00:00Z', 'user.name': 'Gus', 'event.category': 'file' }),
    ];
    // Neither "Gus is not in the directory" nor "gus has been dormant all period".
    expect(ofKind(findWeakSpots({ events, ctx }), 'dormant_account')).toEqual([]);
  });

  it('flags a departing user who still touches confidential data after resigning', () => {
    const ctx = context({
      directory: [{ name: 'hal', hr: { resignation_date: '2026-03-01' } }],
      resources: [{ id: 'crm', sensitivity: 'confidential' }],
      entitlements: [{ user: 'hal', resource: 'crm', actions: ['read', 'export'] }],
    });
    const events = [
      event({ '@timestamp': '2026-02-20T10:00:00Z', 'user.name': 'hal', 'resource.id': 'crm' }),
      event({ '@timestamp': '2026-03-04T10:00:00Z', 'user.name': 'hal', 'resource.id': 'crm' }),
    ];
    const found = ofKind(findWeakSpots({ events, ctx }), 'departing_user_access');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ subject: 'hal', severity: 'high', evidence: [events[1]?.['event.id']] });
  });

  it('counts every touch of a leaver past the evidence shown, names each resource once, and says left or resigned', () => {
    const ctx = context({
      directory: [
        { name: 'hal', hr: { resignation_date: '2026-03-01' } },
        { name: 'kim', employment: { start: '2019-01-01', end: '2026-01-12' } },
      ],
      resources: [
        { id: 'crm', sensitivity: 'confidential' },
        { id: 'erp', sensitivity: 'restricted' },
      ],
      entitlements: [
        { user: 'hal', resource: 'crm', actions: ['read'], source: 'role:sales' },
        { user: 'hal', resource: 'crm', actions: ['export'], source: 'direct' },
        { user: 'kim', resource: 'erp', actions: ['read'] },
      ],
    });
    const events = Array.from({ length: 30 }, (_, i) =>
      event({
        '@timestamp': `2026-03-${String(2 + (i % 20)).padStart(2, '0')}T10:00:00Z`,
        'user.name': 'hal',
        'resource.id': 'crm',
      }),
    );
    const found = ofKind(findWeakSpots({ events, ctx }), 'departing_user_access');
    const hal = found.find((finding) => finding.subject === 'hal');
    expect(hal?.evidence).toHaveLength(20);
    expect(hal?.text).toBe(
      "hal resigned (2026-03-01) and still holds rights on crm and touched sensitive data 30 time(s) since; HR and IT should agree the leaver's access plan now, not on the last day.",
    );
    expect(found.find((finding) => finding.subject === 'kim')?.text).toMatch(
      /^kim left \(2026-01-12\) and still holds rights on erp;/,
    );
  });

  it('reports HR red flags only together with a change in behaviour', () => {
    const ctx = context({
      directory: [
        { name: 'ivy', hr: { performance_plan: true, conflict_report: true } },
        { name: 'jon', hr: { financial_stress: true } },
      ],
    });
    const events: EngineEvent[] = [];
    for (let day = 1; day <= 10; day += 1) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      for (const user of ['ivy', 'jon']) {
        for (let i = 0; i < 5; i += 1)
          events.push(event({ '@timestamp': `${date}T1${i}:00:00Z`, 'user.name': user }));
      }
    }
    for (let i = 0; i < 30; i += 1) {
      events.push(
        event({ '@timestamp': `2026-03-11T23:${String(i).padStart(2, '0')}:00Z`, 'user.name': 'ivy' }),
      );
    }
    const found = ofKind(findWeakSpots({ events, ctx }), 'hr_red_flag_behaviour_change');
    expect(found.map((finding) => finding.subject)).toEqual(['ivy']);
    expect(found[0]?.severity).toBe('high');
    expect(found[0]?.text).toContain('2026-03-11');
    expect(found[0]?.evidence.length).toBeGreaterThan(0);
  });

  it('exports CSV with quoted cells and neutralised formulas', () => {
    const csv = weakSpotsToCsv([
      {
        kind: 'dormant_account',
        severity: 'low',
        owner: 'it',
        subject: '=cmd',
        evidence: ['a', 'b'],
        text: 'say "hi", ok',
      },
    ]);
    expect(csv).toBe(
      `kind,severity,owner,subject,evidence,text\ndormant_account,low,it,'=cmd,a b,"say ""hi"", ok"\n`,
    );
  });
});
