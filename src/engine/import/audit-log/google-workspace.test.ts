// Google Workspace activities as the Admin SDK Reports API lists them: each keeps its own fields
// and is given the ECS fields our rules read; the first of its events names its action.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import { WORKSPACE_DRIVE_DOWNLOAD, WORKSPACE_LOGIN_FAILURE } from './samples.test-support.ts';
import { ecsFieldsOf } from './ecs-fields.test-support.ts';

const ecs = (event: Record<string, unknown>) => ecsFieldsOf(event);

describe('Google Workspace activities', () => {
  const response = {
    kind: 'admin#reports#activities',
    etag: '"Qx1yZ2aB3cD4/page1"',
    items: [WORKSPACE_DRIVE_DOWNLOAD, WORKSPACE_LOGIN_FAILURE],
    nextPageToken: 'A:1772449200000000:-5012345678901234567:drive:C03abc123',
  };
  const { events } = parseJsonEvents(JSON.stringify(response, null, 2), 'activities.json');

  it('keep their own fields flattened, events as lists', () => {
    expect(events[0]).toMatchObject({
      kind: 'admin#reports#activity',
      'id.applicationName': 'drive',
      'actor.email': 'dana.k@acme.example',
      'actor.callerType': 'USER',
      'events.type': ['access'],
      'events.name': ['download'],
    });
    // Each event's parameters stay as JSON text, searchable.
    expect(String(events[0]!['events.parameters.value'])).toContain('Customer list 2026');
  });

  it('are given the ECS fields our rules read', () => {
    expect(events.map(ecs)).toEqual([
      {
        '@timestamp': '2026-03-02T11:05:33.412Z',
        'event.id': '-5012345678901234567',
        'event.action': 'download',
        'event.category': 'file',
        'event.outcome': undefined,
        'user.name': 'dana.k@acme.example',
        'source.ip': '198.51.100.14',
      },
      {
        '@timestamp': '2026-03-02T07:58:02.100Z',
        'event.id': '7012345678901234567',
        'event.action': 'login_failure',
        'event.category': 'authentication',
        'event.outcome': 'failure',
        'user.name': 'dana.k@acme.example',
        'source.ip': '2001:db8:9::14',
      },
    ]);
  });

  it('read the same one per line', () => {
    const lines = response.items.map((item) => JSON.stringify(item)).join('\n');
    expect(parseNdjson(lines, 'activities.ndjson').events.map(ecs)).toEqual(events.map(ecs));
  });
});
