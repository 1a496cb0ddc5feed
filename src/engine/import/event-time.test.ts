import { describe, expect, it } from 'vitest';
import { normaliseTime, timeValue } from './event-time.ts';
import { parseJsonEvents } from './json.ts';
import { parseNdjson } from './ndjson.ts';

describe('@timestamp as logs write it', () => {
  it('keeps a time written with a zone exactly as written', () => {
    for (const text of ['2026-03-02T09:14:05Z', '2026-03-02T09:14:05.123+01:00', '2026-03-02 09:14:05-0500'])
      expect(normaliseTime(text)).toEqual({});
  });

  it('reads epoch seconds and milliseconds, as numbers or digits, as UTC instants', () => {
    expect(normaliseTime(1767236400)).toEqual({ time: '2026-01-01T03:00:00Z' });
    expect(normaliseTime(1767236400123)).toEqual({ time: '2026-01-01T03:00:00.123Z' });
    expect(normaliseTime('1767236400')).toEqual({ time: '2026-01-01T03:00:00Z' });
    expect(normaliseTime('1767236400000')).toEqual({ time: '2026-01-01T03:00:00Z' });
  });

  it('reads epoch microseconds and nanoseconds by their size, as numbers or digits', () => {
    // 2026-03-01T10:00:00Z in µs and ns (Zeek, Elastic date_nanos): the year 58133 before.
    expect(normaliseTime(1772359200000000)).toEqual({ time: '2026-03-01T10:00:00Z' });
    expect(normaliseTime(1772359200123456)).toEqual({ time: '2026-03-01T10:00:00.123Z' });
    expect(normaliseTime('1772359200000000')).toEqual({ time: '2026-03-01T10:00:00Z' });
    expect(normaliseTime(1772359200000000000)).toEqual({ time: '2026-03-01T10:00:00Z' });
    expect(normaliseTime('1772359200000000000')).toEqual({ time: '2026-03-01T10:00:00Z' });
    // The boundaries: 1e14 ms is the year 5138, 1e14 µs 1973.
    expect(normaliseTime(99999999999999).time).toMatch(/^5138-/);
    expect(normaliseTime(1e14).time).toMatch(/^1973-/);
    expect(normaliseTime(1e17).time).toMatch(/^1973-/);
  });

  it('reads an 8-digit YYYYMMDD date as that day, and says so', () => {
    const read = normaliseTime(20260301);
    expect(read).toEqual({
      time: '2026-03-01T00:00:00Z',
      readAs: '2026-03-01T00:00:00Z',
      problem:
        '@timestamp 20260301 is read as the date 2026-03-01 (YYYYMMDD), not as 1970-08-23T11:51:41Z (epoch seconds)',
      suggestion: 'write it as ISO 8601 with a zone, e.g. "2026-03-01T00:00:00Z"',
    });
    expect(normaliseTime('20260301')).toMatchObject({ time: '2026-03-01T00:00:00Z' });
    // Not a date of the calendar, or out of 1900–2100: epoch seconds, as before.
    expect(normaliseTime(20260230)).toEqual({ time: '1970-08-23T11:50:30Z' });
    expect(normaliseTime(22000101)).toEqual({ time: '1970-09-12T15:08:21Z' });
    const { events, errors } = parseNdjson('{"@timestamp": 20260301}', 'd.ndjson');
    expect(events[0]!['@timestamp']).toBe('2026-03-01T00:00:00Z');
    expect(errors).toMatchObject([{ file: 'd.ndjson', line: 1, path: '@timestamp', severity: 'warning' }]);
    expect(errors[0]!.message).toMatch(
      /read as the date 2026-03-01 .*its @timestamp read as 2026-03-01T00:00:00Z/,
    );
  });

  it('reads an ISO time without a zone as UTC, never as the local time of the machine', () => {
    expect(normaliseTime('2026-01-01T03:00:00')).toEqual({ time: '2026-01-01T03:00:00Z' });
    expect(normaliseTime('2026-01-01 03:00')).toEqual({ time: '2026-01-01T03:00:00Z' });
    expect(normaliseTime('2026-01-01')).toEqual({ time: '2026-01-01T00:00:00Z' });
  });

  it("reads Kibana's CSV spelling and RFC 2822 with a zone", () => {
    expect(normaliseTime('Mar 2, 2026 @ 09:14:05.000')).toEqual({ time: '2026-03-02T09:14:05Z' });
    expect(normaliseTime('September 12, 2026 @ 23:59:59.250')).toEqual({ time: '2026-09-12T23:59:59.250Z' });
    expect(normaliseTime('Mon, 02 Mar 2026 10:14:05 +0100')).toEqual({ time: '2026-03-02T09:14:05Z' });
    expect(normaliseTime('Foo 2, 2026 @ 09:14:05').problem).toBeDefined();
  });

  it('reads other text JavaScript reads by its clock, as UTC on every machine, and says so', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        expect(normaliseTime('Jan 1 2026 03:00:00')).toEqual({
          time: '2026-01-01T03:00:00Z',
          readAs: '2026-01-01T03:00:00Z',
          problem: '@timestamp "Jan 1 2026 03:00:00" is not ISO 8601',
          suggestion:
            'check the time was meant as UTC, and write it as ISO 8601 with a zone, e.g. "2026-01-01T03:00:00Z"',
        });
        // Events no importer read (a pack's test documents): the same instants.
        expect(timeValue('Mon 2 Mar 2026 09:00')).toBe(Date.UTC(2026, 2, 2, 9));
        expect(timeValue('2026-03-04T10:00:00')).toBe(Date.UTC(2026, 2, 4, 10));
        expect(timeValue('2026-03-04T10:00:00+01:00')).toBe(Date.UTC(2026, 2, 4, 9));
        expect(timeValue('Mon, 02 Mar 2026 10:14:05 EST')).toBe(Date.UTC(2026, 2, 2, 15, 14, 5));
        expect(timeValue('yesterday')).toBeNaN();
        expect(timeValue('step 1')).toBeNaN(); // (JavaScript alone reads it as 2001-01-01.)
        // Numbers by their size, as the importers read them, not as milliseconds only.
        expect(timeValue(1700000000)).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
        expect(timeValue(1700000000000)).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
        // ISO's year or month alone, JavaScript's own spelling with its zone inside, and a clock
        // time that does not exist in New York (daylight saving starts at 02:00 that night).
        expect(timeValue('2026')).toBe(Date.UTC(2026, 0, 1));
        expect(timeValue('2026-03')).toBe(Date.UTC(2026, 2, 1));
        expect(timeValue('Mon Mar 02 2026 09:00:00 GMT+0100 (Central European Standard Time)')).toBe(
          Date.UTC(2026, 2, 2, 8),
        );
        expect(timeValue('Sun Mar 08 2026 02:30:00')).toBe(Date.UTC(2026, 2, 8, 2, 30));
      }
    } finally {
      process.env.TZ = zone;
      if (zone === undefined) delete process.env.TZ;
    }
  });

  it('names what it cannot read, and leaves an event without a time alone', () => {
    expect(normaliseTime('garbage').problem).toBe('@timestamp "garbage" is not an ISO 8601 time');
    expect(normaliseTime('2026-13-45T99:00:00Z').problem).toMatch(/not an ISO 8601 time/);
    expect(normaliseTime(true).problem).toBe('@timestamp is boolean, not a time');
    expect(normaliseTime(undefined)).toEqual({});
  });

  it('is applied by the NDJSON reader: times normalised, each unreadable one a warning at its line', () => {
    const lines = [
      '{"@timestamp": 1767236400, "user.name": "a"}',
      '{"@timestamp": "garbage", "user.name": "b"}',
      '{"user.name": "c"}',
      '{"@timestamp": "2026-01-01T04:00:00+01:00", "user.name": "d"}',
    ];
    const { events, errors } = parseNdjson(lines.join('\n'), 'logs/app.ndjson');
    expect(events.map((e) => e['@timestamp'])).toEqual([
      '2026-01-01T03:00:00Z',
      'garbage',
      undefined,
      '2026-01-01T04:00:00+01:00',
    ]);
    expect(errors).toMatchObject([
      { file: 'logs/app.ndjson', line: 2, path: '@timestamp', severity: 'warning' },
    ]);
    expect(errors[0]!.message).toMatch(
      /^line 2 @timestamp "garbage" is not an ISO 8601 time: the event is kept/,
    );
  });

  it('reports the first 20 unreadable times of a file one by one, then how many more', () => {
    const text = Array.from({ length: 25 }, (_, i) => `{"@timestamp": "t${i}"}`).join('\n');
    const { events, errors } = parseNdjson(text, 'bad.ndjson');
    expect(events).toHaveLength(25);
    expect(errors).toHaveLength(21);
    expect(errors[19]!.line).toBe(20);
    expect(errors[20]!.message).toBe('5 more events of this file have no readable @timestamp');
  });

  it('is applied to a JSON list of events', () => {
    const { events, errors } = parseJsonEvents(
      '[\n{"@timestamp": 1767236400},\n{"@timestamp": "soon"}\n]',
      'x.json',
    );
    expect(events[0]!['@timestamp']).toBe('2026-01-01T03:00:00Z');
    expect(errors).toMatchObject([{ line: 3, path: '@timestamp', severity: 'warning' }]);
  });
});
