// The access report over data the bundle reader did not check (the app, a test): dates that are
// not dates, and users the directory does not know.
import { describe, expect, it } from 'vitest';
import { loadTestDocuments } from '../correlate/test-documents.ts';
import type { DatasetContext, EngineEvent, Entitlement } from '../types.ts';
import { accessReport, compileAccessPolicies } from './index.ts';

const POLICY = `
kind: access
id: finance-access
title: Finance systems
entitlements:
  - id: ap-payments
    roles: [accounts-payable]
    actions: [payment-create, payment-approve]
    resources: { ids: [erp-prod] }
`;

function compiled() {
  const { access, errors } = compileAccessPolicies(loadTestDocuments(POLICY, 'access.yml'));
  expect(errors).toEqual([]);
  return access;
}

function context(entitlements: Entitlement[], directory = [{ name: 'ann', role: 'accounts-payable' }]) {
  const ctx: DatasetContext = {
    manifest: { id: 'd', title: 'd', period: { start: '2026-03-01', end: '2026-03-31' } },
    directory,
    resources: [{ id: 'erp-prod' }],
    entitlements,
    scenarios: [],
  };
  return ctx;
}

const used: EngineEvent = {
  'event.id': 'e1',
  '@timestamp': '2026-03-02T10:00:00Z',
  'user.name': 'ann',
  'resource.id': 'erp-prod',
  'event.action': 'payment-approve',
};

describe('access report: grant dates that are not dates', () => {
  const grant = (granted: unknown): Entitlement =>
    ({
      user: 'ann',
      resource: 'erp-prod',
      actions: ['payment-create', 'payment-approve'],
      source: 'role:accounts-payable',
      granted,
    }) as Entitlement;

  it('a numeric date neither crashes the report nor dates the grant (2020 and 12345 alike)', () => {
    for (const granted of [2020, 12345, '2026-02-30', 'soon']) {
      const r = accessReport(compiled(), [used], context([grant(granted)]));
      // Treated as absent: the grant is judged, and its text names no date.
      expect(
        r.unused_rights.map((f) => f.unused_actions),
        String(granted),
      ).toEqual([['payment-create']]);
      expect(r.unused_rights[0]!.text).toContain('(granted through role:accounts-payable)');
      expect(r.unused_rights[0]!.text).not.toContain(String(granted));
    }
  });

  it('a real date still dates the grant', () => {
    const r = accessReport(compiled(), [used], context([grant('2025-08-14')]));
    expect(r.unused_rights[0]!.text).toContain('(granted through role:accounts-payable on 2025-08-14)');
    expect(accessReport(compiled(), [used], context([grant('2026-06-01')])).unused_rights).toEqual([]);
  });
});

describe('access report: users the directory does not know', () => {
  const ghostGrant: Entitlement = { user: 'ghost', resource: 'erp-prod', actions: ['payment-approve'] };
  const ghostEvent: EngineEvent = { ...used, 'event.id': 'g1', 'user.name': 'ghost' };

  it('says a grant holder has no directory entry instead of advising to revoke the right', () => {
    const r = accessReport(compiled(), [used, ghostEvent], context([ghostGrant]));
    expect(r.excess_rights).toHaveLength(1);
    expect(r.excess_rights[0]!.not_in_directory).toBe(true);
    expect(r.excess_rights[0]!.text).toContain('ghost has no entry in the directory');
    expect(r.excess_rights[0]!.text).not.toContain('revoke it');
  });

  it('says so of a denied access too, unless the events named the user’s role', () => {
    const r = accessReport(compiled(), [used, ghostEvent], context([]));
    expect(r.denied_access.map((f) => [f.user, f.not_in_directory])).toEqual([['ghost', true]]);
    expect(r.denied_access[0]!.text).toContain('ghost has no entry in the directory');
    const withRole = accessReport(compiled(), [{ ...ghostEvent, 'user.role': 'sales' }], context([]));
    expect(withRole.denied_access[0]!.not_in_directory).toBeUndefined();
    expect(withRole.denied_access[0]!.text).toContain('confirm with the resource owner');
  });

  it('with no directory at all, blames the missing directory rather than the account', () => {
    const r = accessReport(compiled(), [used, ghostEvent], context([], []));
    expect(r.denied_access.map((f) => f.user).sort()).toEqual(['ann', 'ghost']);
    for (const finding of r.denied_access) {
      expect(finding.not_in_directory).toBe(true);
      expect(finding.text).toContain('the dataset has no directory');
      expect(finding.text).not.toContain('has no entry in the directory');
    }
  });

  it('keeps the findings about known users as they were', () => {
    const known: Entitlement = { user: 'ann', resource: 'erp-prod', actions: ['vendor-create'] };
    const r = accessReport(compiled(), [used], context([known]));
    expect(r.excess_rights[0]!.text).toContain('revoke it, or add an entitlement');
    expect('not_in_directory' in r.excess_rights[0]!).toBe(false);
  });
});

describe('access report: a grant of a resource the catalogue does not hold', () => {
  it('says the resource is not in the catalogue, beside "not touched"', () => {
    const ghost: Entitlement = {
      user: 'ann',
      resource: 'no-such-resource',
      actions: ['read'],
      source: 'manual',
    };
    const r = accessReport(compiled(), [used], context([ghost]));
    const finding = r.unused_rights.find((f) => f.resource === 'no-such-resource');
    expect(finding?.text).toMatch(
      /not touched at all, and no resource "no-such-resource" is in the catalogue/,
    );
    // A catalogued resource nobody touched is only "not touched".
    const idle: Entitlement = {
      user: 'ann',
      resource: 'erp-prod',
      actions: ['payment-create'],
      source: 'manual',
    };
    const quiet = accessReport(compiled(), [], context([idle]));
    expect(quiet.unused_rights[0]?.text).toMatch(/the resource was not touched at all\.$/);
  });
});
