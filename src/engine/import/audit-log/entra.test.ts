// Microsoft Entra ID sign-in and audit records, from Microsoft Graph (the record itself) and from an
// Azure diagnostic setting (`{"records": [{…, "properties": {record}}]}`): each keeps its own fields
// and is given the ECS fields our rules read.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import {
  ENTRA_AUDIT_DIAGNOSTIC,
  ENTRA_AUDIT_GRAPH,
  ENTRA_SIGN_IN_DIAGNOSTIC,
  ENTRA_SIGN_IN_GRAPH,
} from './samples.test-support.ts';
import { ecsFieldsOf } from './ecs-fields.test-support.ts';

describe('Microsoft Entra ID sign-in records', () => {
  const ecs = (event: Record<string, unknown>) =>
    ecsFieldsOf(event, ['source.geo.city', 'source.geo.country_iso_code']);

  it('from Graph keep their own fields and are given ours', () => {
    const { events } = parseNdjson(JSON.stringify(ENTRA_SIGN_IN_GRAPH), 'signins.ndjson');
    expect(events[0]).toMatchObject({
      appDisplayName: 'Office 365 Exchange Online',
      clientAppUsed: 'Browser',
      'status.errorCode': 0,
      'deviceDetail.isManaged': false,
    });
    expect(ecs(events[0]!)).toEqual({
      '@timestamp': '2026-03-02T08:30:11Z',
      'event.id': ENTRA_SIGN_IN_GRAPH.id,
      'event.action': 'Sign-in activity',
      'event.category': 'authentication',
      'event.outcome': 'success',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '203.0.113.80',
      'source.geo.city': 'Seattle',
      'source.geo.country_iso_code': 'US',
      'user_agent.original': undefined,
    });
  });

  it('from a diagnostic setting are read from their "records" list and under "properties"', () => {
    const text = JSON.stringify({ records: [ENTRA_SIGN_IN_DIAGNOSTIC] }, null, 2);
    const { events, errors } = parseJsonEvents(text, 'PT1H.json');
    expect(events[0]).toMatchObject({
      category: 'SignInLogs',
      resultType: '50126',
      'properties.appDisplayName': 'Azure Active Directory PowerShell',
      'properties.status.errorCode': 50126,
      'properties.authenticationRequirement': 'singleFactorAuthentication',
    });
    expect(ecs(events[0]!)).toEqual({
      // The sign-in's own time, not the export's.
      '@timestamp': '2026-03-02T08:41:51.1234567+00:00',
      'event.id': ENTRA_SIGN_IN_DIAGNOSTIC.properties.id,
      'event.action': 'Sign-in activity',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '198.51.100.200',
      'source.geo.city': 'Amsterdam',
      'source.geo.country_iso_code': 'NL',
      'user_agent.original': ENTRA_SIGN_IN_DIAGNOSTIC.properties.userAgent,
    });
    expect(errors.map((e) => [e.severity, e.message])).toEqual([
      ['warning', 'read the events listed under "records"'],
      ['warning', expect.stringMatching(/^read as Microsoft Entra ID sign-in records \(first at line 3\): /)],
    ]);
  });
});

describe('Microsoft Entra ID audit records', () => {
  const ecs = (event: Record<string, unknown>) => ecsFieldsOf(event, ['target.user.name']);

  it('from Graph and from a diagnostic setting keep their own fields and are given ours', () => {
    const { events } = parseJsonEvents(
      JSON.stringify({ value: [ENTRA_AUDIT_GRAPH, ENTRA_AUDIT_DIAGNOSTIC] }),
      'audits.json',
    );
    expect(events[0]).toMatchObject({
      loggedByService: 'Core Directory',
      'initiatedBy.user.userPrincipalName': 'it.admin@contoso.com',
      'targetResources.type': ['User'],
    });
    expect(events[1]).toMatchObject({
      operationName: 'Delete user',
      'properties.resultReason': 'Insufficient privileges',
    });
    expect(events.map(ecs)).toEqual([
      {
        '@timestamp': '2026-03-02T10:01:00.4512345Z',
        'event.id': ENTRA_AUDIT_GRAPH.id,
        'event.action': 'Add member to role',
        'event.category': 'iam',
        'event.outcome': 'success',
        'user.name': 'it.admin@contoso.com',
        'target.user.name': 'megan.b@contoso.com',
        'source.ip': '203.0.113.9',
      },
      {
        '@timestamp': '2026-03-02T10:12:29.8123456+00:00',
        'event.id': ENTRA_AUDIT_DIAGNOSTIC.properties.id,
        'event.action': 'Delete user',
        'event.category': 'iam',
        'event.outcome': 'failure',
        'user.name': 'helpdesk.2@contoso.com',
        'target.user.name': 'megan.b@contoso.com',
        // `callerIpAddress: <null>` and an empty `ipAddress` are no address.
        'source.ip': undefined,
      },
    ]);
  });
});
