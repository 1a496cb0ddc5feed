// Numbers past 2^53 − 1 in any field keep the digits their line wrote (as text), in every JSON reader.
import { describe, expect, it } from 'vitest';
import { parseEcsExport } from './ecs.ts';
import { parseJsonEvents } from './json.ts';
import { parseNdjson } from './ndjson.ts';

const LOGON = (recordId: string) =>
  `{"@timestamp":"2026-03-02T09:00:00Z","event":{"code":"4624"},"winlog":{"record_id":${recordId},"event_id":4624}}`;

describe('numbers past 2^53 − 1', () => {
  it('keep the digits an NDJSON line wrote, nested or dotted, warned once per file', () => {
    const text = [
      LOGON('18446744073709551615'),
      '{"@timestamp":"2026-03-02T09:00:01Z","winlog.record_id":9007199254740993,"process.pid":4}',
      '{"@timestamp":"2026-03-02T09:00:02Z","offset":-9223372036854775808}',
    ].join('\n');
    const { events, errors } = parseNdjson(text, 'security.ndjson');
    expect(events.map((e) => e['winlog.record_id'])).toEqual([
      '18446744073709551615',
      '9007199254740993',
      undefined,
    ]);
    expect(events[0]!['winlog.event_id']).toBe(4624);
    expect(events[1]!['process.pid']).toBe(4);
    expect(events[2]!.offset).toBe('-9223372036854775808');
    expect(errors).toEqual([
      {
        file: 'security.ndjson',
        line: 1,
        column: 1,
        path: 'winlog.record_id',
        severity: 'warning',
        message:
          'line 1 has the number 18446744073709551615 in field "winlog.record_id", beyond 2^53 − 1 (9007199254740991), which JSON numbers cannot hold exactly: kept as the text "18446744073709551615" read from the line, so no digit is lost (the first such line of this file)',
      },
    ]);
  });

  it('keep the digits in a JSON list and an Elastic export', () => {
    const list = `[\n  ${LOGON('18446744073709551615')},\n  ${LOGON('18446744073709551614')}\n]`;
    const read = parseJsonEvents(list, 'security.json');
    expect(read.events.map((e) => e['winlog.record_id'])).toEqual([
      '18446744073709551615',
      '18446744073709551614',
    ]);
    const hit = `{"_id":"a","_source":${LOGON('12345678901234567890')}}`;
    const ecs = parseEcsExport(`${hit}\n${hit}`, 'winlogbeat.ndjson');
    expect(ecs.events.map((e) => e['winlog.record_id'])).toEqual([
      '12345678901234567890',
      '12345678901234567890',
    ]);
  });

  it('leave numbers JSON holds exactly, and numbers written with an exponent, as numbers', () => {
    const { events, errors } = parseNdjson('{"a":9007199254740991,"b":1e300,"c":12345.678}', 'x.ndjson');
    expect(events[0]).toMatchObject({ a: 9007199254740991, b: 1e300, c: 12345.678 });
    expect(errors).toEqual([]);
  });
});
