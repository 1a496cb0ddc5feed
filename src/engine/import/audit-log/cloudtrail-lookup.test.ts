// `aws cloudtrail lookup-events` output: each entry's `CloudTrailEvent` text is read as the
// CloudTrail record, so the entry reads as the record does from a trail; text that does not read is
// reported with its file, line and field, and the entry kept with the lookup's own fields.
import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from '../json.ts';
import { CONSOLE_LOGIN_FAILURE, LOOKUP_EVENTS_ENTRY } from './samples.test-support.ts';
import { ecsFieldsOf } from './ecs-fields.test-support.ts';

const ecs = (event: Record<string, unknown>) => ecsFieldsOf(event, ['cloud.region']);

describe('aws cloudtrail lookup-events output', () => {
  it('reads each CloudTrailEvent as the CloudTrail record it holds', () => {
    const text = JSON.stringify(
      { Events: [LOOKUP_EVENTS_ENTRY], NextToken: 'eyJhbGciOiJFWEFNUExFIn0' },
      null,
      2,
    );
    const { events, errors } = parseJsonEvents(text, 'lookup.json');
    const [trail] = parseJsonEvents(
      JSON.stringify({ Records: [CONSOLE_LOGIN_FAILURE] }),
      'trail.json',
    ).events;
    expect(events[0]).toMatchObject({
      EventName: 'ConsoleLogin',
      Username: 'jdoe',
      eventSource: 'signin.amazonaws.com',
      'userIdentity.userName': 'jdoe',
      'responseElements.ConsoleLogin': 'Failure',
      'additionalEventData.MFAUsed': 'No',
    });
    // The text is dropped once read: the record's fields hold it.
    expect(events[0]).not.toHaveProperty('CloudTrailEvent');
    expect(ecs(events[0]!)).toEqual(ecs(trail!));
    expect(errors.map((e) => [e.severity, e.message])).toEqual([
      ['warning', 'read the events listed under "Events"'],
      [
        'warning',
        expect.stringMatching(
          /^read as AWS CloudTrail lookup-events entries \(first at line 3; each one's "CloudTrailEvent" is read as its record\): each keeps/,
        ),
      ],
    ]);
  });

  it('reports a CloudTrailEvent that is not JSON with its file, line and field, and keeps the entry', () => {
    const broken = {
      ...LOOKUP_EVENTS_ENTRY,
      CloudTrailEvent: LOOKUP_EVENTS_ENTRY.CloudTrailEvent.slice(0, 200),
    };
    const text = JSON.stringify({ Events: [LOOKUP_EVENTS_ENTRY, broken] }, null, 2);
    const { events, errors } = parseJsonEvents(text, 'lookup.json');
    expect(events).toHaveLength(2);
    const problems = errors.filter((e) => e.severity === 'error');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'lookup.json',
        // The entry's line.
        line: 13,
        path: 'CloudTrailEvent',
        message: expect.stringMatching(
          /^field "CloudTrailEvent" is not valid JSON \(.+\): the event is kept with its other fields and this text as written$/,
        ),
      }),
    ]);
    expect(ecs(events[1]!)).toEqual({
      '@timestamp': '2026-03-02T08:59:41+00:00',
      'event.id': CONSOLE_LOGIN_FAILURE.eventID,
      'event.action': 'ConsoleLogin',
      'event.category': undefined,
      'event.outcome': undefined,
      'user.name': 'jdoe',
      'source.ip': undefined,
      'user_agent.original': undefined,
      'cloud.region': undefined,
    });
    expect(events[1]!.CloudTrailEvent).toBe(broken.CloudTrailEvent);
  });
});
