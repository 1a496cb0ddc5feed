// Bad input read by the importers: each problem a warning at its file and line, the rest of the
// file read (docs: "bad input gets a clear error naming file, line and field, and loses nothing else").
import { describe, expect, it } from 'vitest';
import { parseCsvEvents } from './csv.ts';
import { parseEcsExport } from './ecs.ts';
import { normaliseTime } from './event-time.ts';
import { parseJsonEvents } from './json.ts';
import { parseNdjson } from './ndjson.ts';
import { compileTimestampFormat } from './timestamp-format.ts';

const GOOD = '{"@timestamp": "2026-03-04T10:00:00Z", "user.name": "ok"}';
const nested = (open: string, close: string, depth: number, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

describe('@timestamp numbers no Date holds', () => {
  it.each([
    ['1e300', '1e+300', /outside the range of dates/],
    ['-1e300', '-1e+300', /outside the range of dates/],
    // The first nanosecond count past the last instant a Date holds (smaller numbers are µs).
    ['8640000000000001000000', '8.640000000000001e+21', /outside the range of dates/],
    ['1e400', 'Infinity', /is not a time/],
  ])('%s: the event is kept with the number as text, and a warning at its line', (json, text, why) => {
    const { events, errors } = parseNdjson(`{"@timestamp": ${json}, "user.name": "h"}\n${GOOD}`, 'ts.ndjson');
    expect(events.map((e) => e['@timestamp'])).toEqual([text, '2026-03-04T10:00:00Z']);
    expect(errors).toMatchObject([{ file: 'ts.ndjson', line: 1, path: '@timestamp', severity: 'warning' }]);
    expect(errors[0]!.message).toMatch(why);
    expect(errors[0]!.message).toContain(`as the text "${text}"`);
  });

  it('reads negative epoch numbers in range as times before 1970', () => {
    expect(normaliseTime(-5)).toEqual({ time: '1969-12-31T23:59:55Z' });
  });

  it('a CSV epoch column past the range is not a time (no RangeError)', () => {
    expect(compileTimestampFormat('epoch_ms')!('1e300')).toBeUndefined();
    expect(compileTimestampFormat('epoch_s')!('-1e300')).toBeUndefined();
  });

  it('a string past the range says so, and that the alert shows it as written', () => {
    const { problem } = normaliseTime('+275760-09-13T00:00:00.001Z');
    expect(problem).toMatch(/outside the range of dates/);
    const { errors } = parseNdjson('{"@timestamp": "+275760-09-13T00:00:00.001Z"}', 'x.ndjson');
    expect(errors[0]!.message).toMatch(/kept with @timestamp as written \(so alerts show it\)/);
    expect(normaliseTime('+002026-03-02T09:14:05Z')).toEqual({});
  });

  it('a day past the end of its month is not a real date: a warning saying how it is read', () => {
    expect(normaliseTime('2026-02-30T10:00:00Z')).toEqual({
      problem: '@timestamp "2026-02-30T10:00:00Z" is not a real date (2026-02 has 28 days)',
      readAs: '2026-03-02T10:00:00Z',
    });
    expect(normaliseTime('2026-02-30T10:00')).toMatchObject({
      time: '2026-03-02T10:00:00Z',
      readAs: '2026-03-02T10:00:00Z',
    });
    expect(normaliseTime('2024-02-29T10:00:00Z')).toEqual({});
    expect(normaliseTime('2026-04-30T10:00:00+02:00')).toEqual({});
    const { events, errors } = parseNdjson('{"@timestamp": "2026-02-30T10:00:00Z"}', 'x.ndjson');
    expect(events[0]!['@timestamp']).toBe('2026-02-30T10:00:00Z');
    expect(errors).toMatchObject([{ line: 1, path: '@timestamp', severity: 'warning' }]);
    expect(errors[0]!.message).toMatch(
      /not a real date .*: the event is kept, its @timestamp read as 2026-03-02T10:00:00Z$/,
    );
  });
});

describe('values nested past the limit', () => {
  it.each([
    ['lists', nested('[', ']', 100_000)],
    ['maps', nested('{"a":', '}', 100_000)],
  ])('NDJSON with %s 100,000 deep: that value dropped with a warning, every event read', (_kind, deep) => {
    const { events, errors } = parseNdjson(`{"user.name": "x", "d": ${deep}}\n${GOOD}`, 'deep.ndjson');
    expect(events.map((e) => e['user.name'])).toEqual(['x', 'ok']);
    expect(Object.keys(events[0]!).some((k) => k.startsWith('d'))).toBe(false);
    expect(errors).toMatchObject([{ file: 'deep.ndjson', line: 1, severity: 'warning' }]);
    expect(errors[0]!.message).toMatch(
      /^line 1 nests field "d.*" more than 100 levels deep: that value is dropped/,
    );
  });

  it('a JSON list and an Elastic hit, too', () => {
    const json = parseJsonEvents(`[\n{"d": ${nested('[', ']', 100_000)}},\n${GOOD}\n]`, 'deep.json');
    expect(json.events).toHaveLength(2);
    expect(json.errors).toMatchObject([{ line: 2, path: 'd', severity: 'warning' }]);
    const hit = `{"_id": "1", "_source": {"user": {"name": "x"}, "email": {"attachments": [${nested('[', ']', 100_000)}]}}}`;
    const ecs = parseEcsExport(hit, 'deep-hit.json');
    expect(ecs.events[0]!['user.name']).toBe('x');
    expect(ecs.errors).toMatchObject([{ line: 1, path: 'email.attachments', severity: 'warning' }]);
  });
});

describe('two fields of one event with one name', () => {
  it('NDJSON: the last one written is kept (as before), with a warning naming the field', () => {
    const { events, errors } = parseNdjson('{"user.name": "a", "user": {"name": "conflict"}}', 'odd.ndjson');
    expect(events[0]!['user.name']).toBe('conflict');
    expect(errors).toMatchObject([{ file: 'odd.ndjson', line: 1, path: 'user.name', severity: 'warning' }]);
    expect(errors[0]!.message).toMatch(/^line 1 gives field "user.name" twice/);
  });

  it('reports a file’s first 20 one by one, then how many more', () => {
    const text = Array.from({ length: 23 }, () => '{"a.b": 1, "a": {"b": 2}}').join('\n');
    const { errors } = parseNdjson(text, 'many.ndjson');
    expect(errors).toHaveLength(21);
    expect(errors[20]!.message).toBe('3 more fields of this file were given twice or nested too deep');
  });

  it('CSV: a header naming a column twice is a warning naming the column', () => {
    const { events, errors } = parseCsvEvents(
      '@timestamp,user.name,user.name,\n2026-03-04T10:00:00Z,a,b,c\n',
      'dup.csv',
    );
    expect(events[0]!['user.name']).toBe('b');
    expect(errors).toMatchObject([
      { file: 'dup.csv', line: 1, column: 3, path: 'user.name', severity: 'warning' },
    ]);
    expect(errors[0]!.message).toBe(
      'the header names column "user.name" twice (columns 2 and 3): each row keeps column 3\'s cell, the others are dropped',
    );
  });
});
