// `aws cloudtrail lookup-events` output: `{"Events": [{"EventId", "EventName", "EventTime",
// "EventSource", "Username", "Resources", "CloudTrailEvent"}]}` (the JSON reader reads `Events`).
// `CloudTrailEvent` is the CloudTrail record as JSON text: it is read into the event under the
// record's own names (`embeddedRecord`), so the event reads as the record does from a trail, and
// is given CloudTrail's fields. An entry whose text does not read keeps the lookup's own fields.
import type { EngineEvent } from '../../types.ts';
import { CLOUDTRAIL } from './cloudtrail.ts';
import { textOf, type AuditLogFormat } from './format.ts';

export const CLOUDTRAIL_LOOKUP: AuditLogFormat = {
  name: 'AWS CloudTrail lookup-events entries',
  recognises: (event) =>
    typeof event.CloudTrailEvent === 'string' &&
    typeof event.EventId === 'string' &&
    typeof event.EventName === 'string',
  embeddedRecord: 'CloudTrailEvent',
  fields: (event: EngineEvent) => {
    const own = {
      // The record's time once read (a trail's `@timestamp` comes from it); else the lookup's
      // (ISO from AWS CLI v2, epoch seconds from v1).
      '@timestamp': textOf(event, 'eventTime') ?? event.EventTime ?? undefined,
      'event.id': textOf(event, 'EventId'),
      'event.action': textOf(event, 'EventName'),
      'user.name': textOf(event, 'Username'),
    };
    if (!CLOUDTRAIL.recognises(event)) return own;
    const trail = CLOUDTRAIL.fields(event);
    const given: Record<string, (typeof trail)[string]> = { ...own };
    for (const [field, value] of Object.entries(trail)) if (value !== undefined) given[field] = value;
    return { ...trail, ...given };
  },
};
