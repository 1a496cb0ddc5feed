// GitHub audit log entries as an organisation's export writes them: each keeps its own fields and
// is given the ECS fields our rules read; the epoch-millisecond `@timestamp` is written as ISO.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import { GITHUB_ADD_MEMBER, GITHUB_GIT_CLONE } from './samples.test-support.ts';
import { ecsFieldsOf } from './ecs-fields.test-support.ts';

const ecs = (event: Record<string, unknown>) => ecsFieldsOf(event, ['source.geo.country_iso_code']);

describe('GitHub audit log entries', () => {
  const lines = [GITHUB_GIT_CLONE, GITHUB_ADD_MEMBER].map((e) => JSON.stringify(e)).join('\n');
  const { events, errors } = parseNdjson(lines, 'export.ndjson');

  it('keep their own fields', () => {
    expect(events[0]).toMatchObject({
      action: 'git.clone',
      actor: 'dana-k',
      org: 'acme-corp',
      repo: 'acme-corp/payments-service',
      repository_public: false,
      transport_protocol_name: 'http',
    });
    expect(events[1]).toMatchObject({ user: 'contractor-7', permission: 'read' });
  });

  it('are given the ECS fields our rules read', () => {
    expect(events.map(ecs)).toEqual([
      {
        '@timestamp': '2026-03-02T10:00:00.123Z',
        'event.id': 'Xj9aB3cD4eF5gH6iJ7kL8m',
        'event.action': 'git.clone',
        'event.category': 'file',
        // GitHub's audit log says no outcome.
        'event.outcome': undefined,
        'user.name': 'dana-k',
        'source.ip': '198.51.100.14',
        'source.geo.country_iso_code': 'FR',
        'user_agent.original': 'git/2.43.0',
      },
      {
        '@timestamp': '2026-03-02T11:00:00.456Z',
        'event.id': 'Qw3eR4tY5uI6oP7aS8dF9g',
        'event.action': 'org.add_member',
        'event.category': 'iam',
        'event.outcome': undefined,
        'user.name': 'octo-admin',
        'source.ip': undefined,
        'source.geo.country_iso_code': undefined,
        'user_agent.original': undefined,
      },
    ]);
    expect(errors.map((e) => e.severity)).toEqual(['warning']);
  });

  it('read the same from a JSON list', () => {
    const list = parseJsonEvents(JSON.stringify([GITHUB_GIT_CLONE, GITHUB_ADD_MEMBER]), 'export.json');
    expect(list.events.map(ecs)).toEqual(events.map(ecs));
  });
});
