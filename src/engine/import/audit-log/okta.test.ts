// Okta System Log events as `/api/v1/logs` lists them and as a log stream writes them (one per
// line): each keeps Okta's own fields and is given the ECS fields our rules read.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import { OKTA_LOGIN_FAILURE, OKTA_MFA_RESET } from './samples.test-support.ts';
import { ecsFieldsOf } from './ecs-fields.test-support.ts';

const ecs = (event: Record<string, unknown>) => ecsFieldsOf(event, ['source.geo.city']);

describe('Okta System Log events', () => {
  const { events, errors } = parseJsonEvents(
    JSON.stringify([OKTA_LOGIN_FAILURE, OKTA_MFA_RESET], null, 2),
    'okta.json',
  );

  it('keep their own fields flattened', () => {
    expect(events[0]).toMatchObject({
      eventType: 'user.session.start',
      displayMessage: 'User login to Okta',
      'actor.alternateId': 'dana.k@acme.example',
      'outcome.result': 'FAILURE',
      'outcome.reason': 'INVALID_CREDENTIALS',
      'client.ipAddress': '198.51.100.14',
      'securityContext.isProxy': false,
    });
    // The target list's fields come as lists, as for any list of objects.
    expect(events[1]).toMatchObject({ 'target.alternateId': ['dana.k@acme.example'] });
  });

  it('are given the ECS fields our rules read', () => {
    expect(events.map(ecs)).toEqual([
      {
        '@timestamp': '2026-03-02T08:12:44.511Z',
        'event.id': OKTA_LOGIN_FAILURE.uuid,
        'event.action': 'user.session.start',
        'event.category': 'authentication',
        'event.outcome': 'failure',
        'user.name': 'dana.k@acme.example',
        'source.ip': '198.51.100.14',
        'source.geo.city': 'Lyon',
        'user_agent.original': OKTA_LOGIN_FAILURE.client.userAgent.rawUserAgent,
      },
      {
        '@timestamp': '2026-03-02T08:20:03.002Z',
        'event.id': OKTA_MFA_RESET.uuid,
        'event.action': 'user.mfa.factor.reset_all',
        'event.category': 'iam',
        'event.outcome': 'success',
        // The actor is the administrator; the user whose factors went is the target.
        'user.name': 'it.admin@acme.example',
        'source.ip': '2001:db8:77::5',
        'source.geo.city': undefined,
        // Okta writes UNKNOWN where it has no user agent.
        'user_agent.original': undefined,
      },
    ]);
  });

  it('are said once per file, as warnings', () => {
    expect(errors.map((e) => [e.severity, e.line, e.message])).toEqual([
      [
        'warning',
        2,
        `read as Okta System Log events (first at line 2): each keeps its own fields and is given @timestamp, event.id, event.action, event.category, event.outcome, user.name, source.ip, source.geo.city, user_agent.original where it lacks them`,
      ],
    ]);
  });

  it('read the same one per line', () => {
    const lines = [OKTA_LOGIN_FAILURE, OKTA_MFA_RESET].map((e) => JSON.stringify(e)).join('\n');
    const ndjson = parseNdjson(lines, 'okta.ndjson');
    expect(ndjson.events.map(ecs)).toEqual(events.map(ecs));
  });
});
