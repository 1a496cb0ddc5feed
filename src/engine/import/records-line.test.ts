// Lines that each hold a list of records: an Azure Event Hub message (`{"records": […]}`) per line,
// as an Event Hub dump writes them, and CloudTrail files concatenated (`{"Records": […]}`). Each
// record is one event, located by its line, column and index.
import { describe, expect, it } from 'vitest';
import {
  AZURE_KEY_VAULT_SECRET_GET,
  CONSOLE_LOGIN_FAILURE,
  ENTRA_AUDIT_DIAGNOSTIC,
  ENTRA_SIGN_IN_DIAGNOSTIC,
  S3_GET_OBJECT,
} from './audit-log/samples.test-support.ts';
import { ecsFieldsOf } from './audit-log/ecs-fields.test-support.ts';
import { guessFileFormat } from './guess-format.ts';
import { parseJsonEvents } from './json.ts';
import { NdjsonReader, parseNdjson } from './ndjson.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

/** A record no format knows: kept as a generic event with its own fields. */
const UNKNOWN_RECORD = { level: 'Informational', message: 'cache warmed', host: 'app-7' };

const lines = (...messages: unknown[]) => messages.map((m) => JSON.stringify(m)).join('\n') + '\n';

describe('Azure Event Hub messages, one per line', () => {
  const text = lines(
    { records: [ENTRA_SIGN_IN_DIAGNOSTIC, AZURE_KEY_VAULT_SECRET_GET] },
    { records: [ENTRA_AUDIT_DIAGNOSTIC, UNKNOWN_RECORD] },
  );

  it('give one event per record, each read as its format reads it', () => {
    const { events, errors } = parseNdjson(text, 'hub.ndjson');
    expect(events).toHaveLength(4);
    expect(events.map((e) => [e['event.action'], e['@timestamp'], e['event.outcome']])).toEqual([
      ['Sign-in activity', '2026-03-02T08:41:51.1234567+00:00', 'failure'],
      ['SecretGet', '2026-03-02T10:20:41.2250000Z', 'success'],
      ['Delete user', '2026-03-02T10:12:29.8123456+00:00', 'failure'],
      [undefined, undefined, undefined],
    ]);
    expect(ecsFieldsOf(events[1]!)).toEqual({
      '@timestamp': '2026-03-02T10:20:41.2250000Z',
      'event.id': expect.stringMatching(/^hub\.ndjson:1:\d+$/),
      'event.action': 'SecretGet',
      'event.category': undefined,
      'event.outcome': 'success',
      'user.name': undefined,
      'source.ip': '203.0.113.41',
      'user_agent.original': undefined,
    });
    expect(events[1]).toMatchObject({ 'properties.id': AZURE_KEY_VAULT_SECRET_GET.properties.id });
    // The unknown record keeps its fields, nothing else; its id names its line and column.
    expect(events[3]).toEqual({
      ...UNKNOWN_RECORD,
      'event.id': expect.stringMatching(/^hub\.ndjson:2:\d+$/),
    });
    expect(new Set(events.map((e) => e['event.id'])).size).toBe(4);
    expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(errors[0]).toMatchObject({ line: 1, path: 'records', severity: 'warning' });
    expect(errors[0]!.message).toMatch(/^each line's "records" list is read as its events/);
  });

  it('read the same in pieces of any size', () => {
    const whole = parseNdjson(text, 'hub.ndjson');
    for (const size of [1, 7, 100]) {
      expect(readInPieces(new NdjsonReader('hub.ndjson'), text, size)).toEqual(whole);
    }
  });

  it('report a bad record at its line, column and index, and keep the others', () => {
    const badTime = { ...AZURE_KEY_VAULT_SECRET_GET, time: 'yesterday' };
    const text = lines({ records: [UNKNOWN_RECORD] }, { records: [UNKNOWN_RECORD, badTime, 42] });
    const { events, errors } = parseNdjson(text, 'hub.ndjson');
    expect(events).toHaveLength(3);
    const second = JSON.stringify({ records: [UNKNOWN_RECORD, badTime, 42] });
    const columnOf = (fragment: string) => second.indexOf(fragment) + 1;
    expect(errors.find((e) => e.path === 'records[2]')).toMatchObject({
      line: 2,
      column: second.lastIndexOf('42') + 1,
      severity: 'error',
      message: 'line 2: records[2] is a number, not a record object',
    });
    expect(errors.find((e) => e.path === 'records[1].@timestamp')).toMatchObject({
      line: 2,
      column: columnOf('{"time":"yesterday"'),
      severity: 'warning',
    });
  });

  it('are read whole from a one-line file of any extension, and a pretty-printed JSON file', () => {
    const one = JSON.stringify({ records: [AZURE_KEY_VAULT_SECRET_GET, UNKNOWN_RECORD] });
    expect(guessFileFormat('PT1H.json', one)).toBe('json');
    expect(parseJsonEvents(one, 'PT1H.json').events).toHaveLength(2);
    expect(parseNdjson(one, 'hub.ndjson').events).toHaveLength(2);
    const pretty = JSON.stringify({ records: [AZURE_KEY_VAULT_SECRET_GET, UNKNOWN_RECORD] }, null, 2);
    const { events } = parseJsonEvents(pretty, 'PT1H.json');
    expect(events.map((e) => e['@timestamp'])).toEqual(['2026-03-02T10:20:41.2250000Z', undefined]);
  });

  it('in a one-line JSON file, report a bad record at its column and index', () => {
    const badTime = { ...AZURE_KEY_VAULT_SECRET_GET, time: 'yesterday' };
    const one = JSON.stringify({ records: [UNKNOWN_RECORD, badTime] });
    const { events, errors } = parseJsonEvents(one, 'PT1H.json');
    expect(events).toHaveLength(2);
    expect(errors.find((e) => e.path === 'records[1].@timestamp')).toMatchObject({
      line: 1,
      column: one.indexOf('{"time":"yesterday"') + 1,
    });
  });

  it('a dump of several messages is told as lines, whatever its name', () => {
    expect(guessFileFormat('hub-dump.json', text)).toBe('ndjson');
    expect(guessFileFormat('hub-dump.log', text)).toBe('ndjson');
  });

  it('an object with other keys beside "records" is an event of its own', () => {
    const { events } = parseNdjson(lines({ records: [UNKNOWN_RECORD], host: 'x' }), 'a.ndjson');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ host: 'x', 'records.level': ['Informational'] });
  });

  it('an empty "records" list holds no event', () => {
    const { events, errors } = parseNdjson(lines({ records: [] }, UNKNOWN_RECORD), 'a.ndjson');
    expect(events).toHaveLength(1);
    expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  });
});

describe('CloudTrail files concatenated, one per line', () => {
  it('give one event per record', () => {
    const text = lines(
      { Records: [CONSOLE_LOGIN_FAILURE] },
      { Records: [S3_GET_OBJECT, CONSOLE_LOGIN_FAILURE] },
    );
    const { events } = parseNdjson(text, 'trail.json');
    expect(events.map((e) => e['event.action'])).toEqual(['ConsoleLogin', 'GetObject', 'ConsoleLogin']);
    expect(events[1]!['@timestamp']).toBe(S3_GET_OBJECT.eventTime);
  });
});
