import { describe, expect, it } from 'vitest';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { loadTestDocuments } from '../correlate/test-documents.ts';
import { accessReport, compileAccessPolicies, decideAccess } from './index.ts';

const POLICY = `
kind: access
id: finance-access
title: Finance systems
entitlements:
  - id: ap-payments
    roles: [accounts-payable]
    actions: [payment-create, payment-approve]
    resources: { ids: [erp-prod] }
    conditions:
      working-hours: { days: [mon, tue, wed, thu, fri], from: '07:00', to: '19:00' }
      managed-device: true
  - id: procurement-vendors
    roles: [procurement]
    actions: [vendor-create, vendor-bank-change]
    resources: [erp-prod]
  - id: finance-share-read
    departments: [finance]
    actions: [read, copy]
    resources: { paths: ['/shares/finance/**'] }
    conditions: { networks: [10.0.0.0/8], countries: [DE] }
  - id: secret-docs
    groups: [board]
    actions: ['*']
    resources: { labels: [secret] }
separation-of-duties:
  - id: vendor-payment
    title: Create a vendor and approve payments to it
    actions: [vendor-create, payment-approve]
    object: erp.vendor_id
    response: { severity: high, owner: both }
  - id: expense
    actions: [expense-submit, expense-approve]
    object: erp.object_id
`;

function compiled(yaml = POLICY) {
  const { access, errors } = compileAccessPolicies(loadTestDocuments(yaml, 'access.yml'));
  expect(errors).toEqual([]);
  return access;
}

// Monday 2026-03-02
const MONDAY_10 = '2026-03-02T10:00:00Z';
const ev = (fields: EngineEvent): EngineEvent => ({ '@timestamp': MONDAY_10, ...fields });

describe('decideAccess', () => {
  const access = compiled();
  const clerk = { 'user.name': 'ann', 'user.role': 'accounts-payable', 'resource.id': 'erp-prod' };

  it.each([
    [
      'the role holds the action: allow',
      ev({ ...clerk, 'event.action': 'payment-approve' }),
      'allow',
      /entitlement "ap-payments" lets role accounts-payable payment-approve erp-prod/,
    ],
    [
      'the role lacks the action: deny, naming the user and role',
      ev({ ...clerk, 'event.action': 'vendor-create' }),
      'deny',
      /no entitlement lets ann \(role accounts-payable\) vendor-create erp-prod/,
    ],
    [
      'outside working hours: deny, saying when',
      { ...clerk, 'event.action': 'payment-approve', '@timestamp': '2026-03-07T23:14:00Z' },
      'deny',
      /only on mon\/tue\/wed\/thu\/fri from 07:00 to before 19:00 UTC, but the event was at 23:14 UTC on sat/,
    ],
    [
      'from a personal device: deny',
      ev({ ...clerk, 'event.action': 'payment-approve', 'host.managed': false, 'host.name': 'home-pc' }),
      'deny',
      /from a managed device, but host "home-pc" is not managed/,
    ],
    [
      'an entitlement given as a plain list of resource ids',
      ev({
        'user.name': 'pat',
        'user.role': 'procurement',
        'resource.id': 'erp-prod',
        'event.action': 'vendor-create',
      }),
      'allow',
      /procurement-vendors/,
    ],
    [
      'a path pattern with ** and a department',
      ev({
        'user.name': 'fay',
        'user.department': 'finance',
        'resource.id': 'fin-share',
        'resource.path': '/shares/finance/2026/q1.xlsx',
        'event.action': 'read',
        'source.ip': '10.1.2.3',
      }),
      'allow',
      /department finance/,
    ],
    [
      'a network outside the allowed ranges',
      ev({
        'user.name': 'fay',
        'user.department': 'finance',
        'resource.id': 'fin-share',
        'resource.path': '/shares/finance/q1.xlsx',
        'event.action': 'read',
        'source.ip': '203.0.113.9',
      }),
      'deny',
      /from 10\.0\.0\.0\/8, but it came from 203\.0\.113\.9/,
    ],
    [
      'a country not allowed',
      ev({
        'user.name': 'fay',
        'user.department': 'finance',
        'resource.id': 'fin-share',
        'resource.path': '/shares/finance/q1.xlsx',
        'event.action': 'read',
        'source.geo.country_iso_code': 'BR',
      }),
      'deny',
      /from DE, but it came from BR/,
    ],
    [
      'a sensitivity label, any action for the group',
      ev({
        'user.name': 'ceo',
        'user.groups': ['board', 'staff'],
        'resource.id': 'plan',
        'resource.sensitivity': 'Secret',
        'event.action': 'download',
      }),
      'allow',
      /group board/,
    ],
    [
      'a sensitivity label, someone outside the group',
      ev({
        'user.name': 'bob',
        'user.groups': ['staff'],
        'resource.id': 'plan',
        'resource.sensitivity': 'secret',
        'event.action': 'read',
      }),
      'deny',
      /no entitlement lets bob \(groups staff\) read plan \(secret\)/,
    ],
  ])('%s', (_name, event, decision, reason) => {
    const result = decideAccess(access, event);
    expect(result?.decision).toBe(decision);
    expect(result?.reason).toMatch(reason);
  });

  it.each([
    ['an event that touches no resource', ev({ 'user.name': 'ann', 'event.action': 'logon' })],
    [
      'a resource no policy covers',
      ev({ 'user.name': 'ann', 'resource.id': 'wiki', 'event.action': 'read' }),
    ],
  ])('no decision for %s', (_name, event) => {
    expect(decideAccess(access, event)).toBeNull();
  });
});

describe('access documents that are wrong say where', () => {
  const errorsOf = (yaml: string) => compileAccessPolicies(loadTestDocuments(yaml, 'a.yml')).errors;
  it.each([
    [
      'an unknown condition with a suggestion',
      POLICY.replace('managed-device: true', 'managed-devise: true'),
      'entitlements.0.conditions.managed-devise',
      'did you mean "managed-device"?',
    ],
    [
      'an entitlement for nobody',
      POLICY.replace('    roles: [procurement]\n', ''),
      'entitlements.1',
      undefined,
    ],
    [
      'a bad CIDR range',
      POLICY.replace('10.0.0.0/8', '10.0.0/8'),
      'entitlements.2.conditions.networks.0',
      undefined,
    ],
    [
      'a separation of duties with one action',
      POLICY.replace('[expense-submit, expense-approve]', '[expense-submit]'),
      'separation-of-duties.1.actions',
      undefined,
    ],
  ])('%s', (_name, yaml, path, suggestion) => {
    const errors = errorsOf(yaml);
    expect(errors.map((e) => e.path)).toContain(path);
    const error = errors.find((e) => e.path === path)!;
    expect(error.file).toBe('a.yml');
    expect(error.line).toBeGreaterThan(1);
    if (suggestion) expect(error.suggestion).toBe(suggestion);
  });
});

describe('accessReport', () => {
  const ctx: DatasetContext = {
    manifest: { id: 'd', title: 'd', period: { start: '2026-03-01', end: '2026-03-31' } },
    directory: [
      { name: 'ann', role: 'accounts-payable', department: 'finance' },
      { name: 'max', role: 'accounts-payable', department: 'finance' },
      { name: 'pat', role: 'procurement', department: 'finance' },
      { name: 'sam', role: 'sales', department: 'sales' },
    ],
    resources: [{ id: 'erp-prod', sensitivity: 'confidential' }],
    entitlements: [
      {
        user: 'ann',
        resource: 'erp-prod',
        actions: ['payment-create', 'payment-approve', 'vendor-create'],
        source: 'role:accounts-payable',
      },
      {
        user: 'max',
        resource: 'erp-prod',
        actions: ['payment-create', 'payment-approve'],
        source: 'role:accounts-payable',
      },
      { user: 'pat', resource: 'erp-prod', actions: ['vendor-create'], source: 'role:procurement' },
      { user: 'sam', resource: 'erp-prod', actions: ['payment-approve'], source: 'direct' },
    ],
    scenarios: [],
  };
  // Events carry only user.name: the report joins the directory itself when the run has not.
  const events: EngineEvent[] = [
    {
      'event.id': 'e1',
      '@timestamp': MONDAY_10,
      'user.name': 'ann',
      'resource.id': 'erp-prod',
      'event.action': 'vendor-create',
      'erp.vendor_id': 'V-77',
    },
    {
      'event.id': 'e2',
      '@timestamp': MONDAY_10,
      'user.name': 'ann',
      'resource.id': 'erp-prod',
      'event.action': 'payment-approve',
      'erp.vendor_id': 'V-77',
    },
    {
      'event.id': 'e3',
      '@timestamp': MONDAY_10,
      'user.name': 'pat',
      'resource.id': 'erp-prod',
      'event.action': 'vendor-create',
      'erp.vendor_id': 'V-78',
    },
    {
      'event.id': 'e4',
      '@timestamp': MONDAY_10,
      'user.name': 'max',
      'resource.id': 'erp-prod',
      'event.action': 'payment-approve',
      'erp.vendor_id': 'V-78',
    },
    {
      'event.id': 'e5',
      '@timestamp': MONDAY_10,
      'user.name': 'sam',
      'event.category': 'erp',
      'event.action': 'expense-submit',
      'erp.object_id': 'X-1',
    },
    {
      'event.id': 'e6',
      '@timestamp': MONDAY_10,
      'user.name': 'sam',
      'event.category': 'erp',
      'event.action': 'expense-approve',
      'erp.object_id': 'X-1',
    },
    {
      'event.id': 'e7',
      '@timestamp': MONDAY_10,
      'user.name': 'sam',
      'event.category': 'erp',
      'event.action': 'expense-approve',
      'erp.object_id': 'X-2',
    },
  ];
  const report = accessReport(compiled(), events, ctx);

  it('an excluded event (a system approval) is nobody’s duty', () => {
    const withExclude = POLICY.replace(
      '    object: erp.object_id\n',
      '    object: erp.object_id\n    exclude: { erp.approver: auto }\n',
    );
    const autoApproved = events.map((e) => (e['event.id'] === 'e6' ? { ...e, 'erp.approver': 'auto' } : e));
    const r = accessReport(compiled(withExclude), autoApproved, ctx);
    expect(r.sod_conflicts.map((f) => f.separation)).toEqual(['vendor-payment']);
  });

  it('has every finding kind as a list', () => {
    expect(Object.keys(report).sort()).toEqual([
      'denied_access',
      'excess_rights',
      'sod_conflicts',
      'sod_toxic_grants',
      'unused_rights',
      'unused_role_rights',
    ]);
  });

  it('finds the same person creating a vendor and approving its payment, and submitting and approving one expense', () => {
    expect(report.sod_conflicts.map((f) => [f.separation, f.user, f.resource, f.evidence])).toEqual([
      ['vendor-payment', 'ann', 'erp.vendor_id=V-77', ['e1', 'e2']],
      ['expense', 'sam', 'erp.object_id=X-1', ['e5', 'e6']],
    ]);
    expect(report.sod_conflicts[0]!.text).toMatch(
      /^ann did both vendor-create \(e1\) and payment-approve \(e2\) on erp\.vendor_id V-77/,
    );
  });

  it('counts a user under the directory name whatever case the log wrote it in', () => {
    const shouting = events.map((e) => (e['event.id'] === 'e1' ? { ...e, 'user.name': 'ANN' } : e));
    const r = accessReport(compiled(), shouting, ctx);
    expect(r.sod_conflicts.map((f) => [f.user, f.evidence])).toEqual(
      report.sod_conflicts.map((f) => [f.user, f.evidence]),
    );
    expect(r.unused_rights).toEqual(report.unused_rights);
  });

  it('reads grants under the directory name too, however the IAM export spells it', () => {
    const shouting = {
      ...ctx,
      entitlements: ctx.entitlements.map((g) => ({ ...g, user: g.user.toUpperCase() })),
    };
    const r = accessReport(compiled(), events, shouting);
    expect(r.unused_rights.map((f) => [f.user, f.unused_actions])).toEqual(
      report.unused_rights.map((f) => [f.user, f.unused_actions]),
    );
    expect(r.sod_toxic_grants).toEqual(report.sod_toxic_grants);
  });

  it('does not count a failed action as a duty done', () => {
    const failed = events.map((e) => (e['event.id'] === 'e2' ? { ...e, 'event.outcome': 'failure' } : e));
    const r = accessReport(compiled(), failed, ctx);
    expect(r.sod_conflicts.map((f) => [f.separation, f.user])).toEqual([['expense', 'sam']]);
  });

  it('lists rights granted but unused in the period, per user', () => {
    const rows = report.unused_rights.map((f) => [f.user, f.unused_actions]);
    expect(rows).toEqual([
      ['ann', ['payment-create']],
      ['max', ['payment-create']],
      ['sam', ['payment-approve']],
    ]);
    expect(report.unused_rights[0]!.text).toBe(
      'Remove payment-create on erp-prod from ann (role accounts-payable) (granted through role:accounts-payable): not used between 2026-03-01 and 2026-03-31; keep payment-approve, vendor-create, which were used.',
    );
  });

  it('tells to keep only rights of the grant that were used, not actions it does not hold', () => {
    const exported = [
      ...events,
      {
        'event.id': 'e8',
        '@timestamp': MONDAY_10,
        'user.name': 'max',
        'resource.id': 'erp-prod',
        'event.action': 'export',
      },
      {
        'event.id': 'e9',
        '@timestamp': MONDAY_10,
        'user.name': 'sam',
        'resource.id': 'erp-prod',
        'event.action': 'export',
      },
    ];
    const r = accessReport(compiled(), exported, ctx);
    const textOf = (user: string) => r.unused_rights.find((f) => f.user === user)?.text;
    expect(textOf('max')).toMatch(/; keep payment-approve, which was used\.$/);
    expect(textOf('sam')).toMatch(/; none of this grant was used \(only export, which it does not hold\)\.$/);
  });

  it('judges a grant only from its date: not at all when dated after the period, and uses before it are not its', () => {
    const dated = {
      ...ctx,
      entitlements: ctx.entitlements.map((grant) =>
        grant.user === 'max'
          ? { ...grant, granted: '2026-06-01' }
          : grant.user === 'pat'
            ? { ...grant, granted: '2026-03-15' }
            : grant,
      ),
    };
    const r = accessReport(compiled(), events, dated);
    // max's grant did not exist yet in March; pat's vendor-create (e3, 2 March) came before hers.
    expect(r.unused_rights.map((f) => [f.user, f.unused_actions])).toEqual([
      ['ann', ['payment-create']],
      ['pat', ['vendor-create']],
      ['sam', ['payment-approve']],
    ]);
  });

  it('and per role, when none of the role’s holders used a right', () => {
    expect(report.unused_role_rights.map((f) => [f.role, f.unused_actions, f.holders])).toEqual([
      ['accounts-payable', ['payment-create'], ['ann', 'max']],
    ]);
  });

  it('names grants no policy entitles (least privilege) and toxic combinations of grants', () => {
    expect(report.excess_rights.map((f) => [f.user, f.excess_actions])).toEqual([
      ['ann', ['vendor-create']],
      ['sam', ['payment-approve']],
    ]);
    expect(report.sod_toxic_grants.map((f) => [f.user, f.separation])).toEqual([['ann', 'vendor-payment']]);
  });

  it('groups the denials per user and resource with their events and reason', () => {
    expect(report.denied_access.map((f) => [f.user, f.resource, f.evidence])).toEqual([
      ['ann', 'erp-prod', ['e1']],
    ]);
    expect(report.denied_access[0]!.text).toMatch(
      /no entitlement lets ann \(role accounts-payable\) vendor-create erp-prod/,
    );
  });
});

describe('working-hours days', () => {
  const policy = (days: string) => POLICY.replace('days: [mon, tue, wed, thu, fri]', `days: ${days}`);

  it('reads three-letter and whole day names alike', () => {
    const short = compiled(policy('[mon, tue, wed, thu, fri]'));
    const long = compiled(policy('[Monday, Tuesday, wednesday, THU, Friday]'));
    const event = ev({
      'user.name': 'ann',
      'user.role': 'accounts-payable',
      'resource.id': 'erp-prod',
      'event.action': 'payment-approve',
      'host.managed': true,
    });
    expect(decideAccess(long, event)).toEqual(decideAccess(short, event));
  });

  it('names a day it does not know as written ("funday", not "fun"), and does not take "Mondays" for Monday', () => {
    const { errors } = compileAccessPolicies(
      loadTestDocuments(policy('[mon, funday, Mondays]'), 'access.yml'),
    );
    expect(errors.map((e) => e.message)).toEqual(['unknown day(s) "funday", "Mondays"']);
  });
});

describe('working-hours bounds: from inclusive, to exclusive', () => {
  const hours = (from: string, to: string, offset = '+01:00') =>
    compiled(
      POLICY.replace(
        "working-hours: { days: [mon, tue, wed, thu, fri], from: '07:00', to: '19:00' }",
        `working-hours: { days: [mon, tue, wed, thu, fri], from: '${from}', to: '${to}', utc-offset: '${offset}' }`,
      ),
    );
  // 2026-03-02 is a Monday; the times below are UTC, one hour behind UTC+01:00.
  const at = (utc: string) =>
    ({
      '@timestamp': `2026-03-02T${utc}:00Z`,
      'user.name': 'ann',
      'user.role': 'accounts-payable',
      'resource.id': 'erp-prod',
      'event.action': 'payment-approve',
      'host.managed': true,
    }) as EngineEvent;

  it('allows the first minute and the last minute before `to`, and denies `to` itself', () => {
    const access = hours('07:00', '19:00');
    expect(decideAccess(access, at('06:00'))?.decision).toBe('allow'); // 07:00 UTC+01:00
    expect(decideAccess(access, at('17:59'))?.decision).toBe('allow'); // 18:59
    expect(decideAccess(access, at('05:59'))?.decision).toBe('deny'); // 06:59
  });

  it('says that `to` is outside, so the reason does not read as a contradiction', () => {
    const decision = decideAccess(hours('07:00', '19:00'), at('18:00')); // 19:00 UTC+01:00
    expect(decision?.decision).toBe('deny');
    expect(decision?.reason).toContain(
      'only on mon/tue/wed/thu/fri from 07:00 to before 19:00 UTC+01:00, but the event was at 19:00 UTC+01:00 on mon',
    );
  });

  it("reads to: '24:00' as the end of the day and says so", () => {
    const access = hours('07:00', '24:00');
    expect(decideAccess(access, at('22:59'))?.decision).toBe('allow'); // 23:59
    const early = decideAccess(access, at('05:00')); // 06:00
    expect(early?.reason).toContain('from 07:00 to the end of the day UTC+01:00');
    const allDay = decideAccess(hours('00:00', '24:00'), {
      ...at('10:00'),
      '@timestamp': '2026-03-07T10:00:00Z',
    });
    expect(allDay?.reason).toContain(
      'only on mon/tue/wed/thu/fri all day UTC+01:00, but the event was at 11:00',
    );
  });

  it('refuses a time past 24:00', () => {
    const { errors } = compileAccessPolicies(
      loadTestDocuments(POLICY.replace("to: '19:00'", "to: '24:30'"), 'access.yml'),
    );
    expect(errors.map((e) => e.message)).toEqual(['`to` must be a time such as "19:00"']);
  });
});
