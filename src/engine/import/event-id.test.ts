import { describe, expect, it } from 'vitest';
import { duplicateIdsWarning } from './duplicate-ids.ts';
import { parseEcsExport } from './ecs.ts';
import { writtenDigits } from './event-id.ts';
import { parseJsonEvents } from './json.ts';
import { parseNdjson } from './ndjson.ts';

const BIG = '1234567890123456789';
const BIG_NEXT = '1234567890123456788';

describe('numeric event.id past 2^53 − 1', () => {
  it('NDJSON: keeps the digits the line wrote, and warns once per file at the first such line', () => {
    const text = [
      '{"@timestamp":"2026-03-01T10:00:00Z","user":{"name":"x"}}',
      `{"@timestamp":"2026-03-01T10:00:00Z","event":{"id":${BIG},"category":"file"}}`,
      `{"@timestamp":"2026-03-01T10:05:00Z","event.id":${BIG_NEXT}}`,
      '{"event":{"id":42}}',
    ].join('\n');
    const { events, errors } = parseNdjson(text, 'logs/big.ndjson');
    expect(events.map((e) => e['event.id'])).toEqual(['big.ndjson:1', BIG, BIG_NEXT, '42']);
    expect(errors).toMatchObject([
      { file: 'logs/big.ndjson', line: 2, path: 'event.id', severity: 'warning' },
    ]);
    expect(errors[0]!.message).toContain(`numeric event.id ${BIG} beyond 2^53 − 1`);
    expect(errors[0]!.message).toContain(`kept as the text "${BIG}"`);
    expect(errors[0]!.suggestion).toBe(`write event.id as a string: "event.id": "${BIG}"`);
    expect(duplicateIdsWarning(events, 'logs/big.ndjson')).toBeUndefined();
  });

  it('says the digits are lost when the line writes the id in another shape', () => {
    const { events, errors } = parseNdjson(`{"event":{"category":"file","id":${BIG}}}`, 'x.ndjson');
    expect(events[0]!['event.id']).toBe('1234567890123456800');
    expect(errors[0]!.message).toMatch(/read as "1234567890123456800": its last digits are lost/);
  });

  it('a JSON list of events keeps the digits each element wrote, one line or pretty', () => {
    const first = `{"@timestamp": "2026-03-01T10:00:00Z", "event.id": ${BIG}}`;
    const second = `{"@timestamp": "2026-03-01T10:01:00Z", "event": {"id": ${BIG_NEXT}}}`;
    for (const text of [`[${first},${second}]`, `[\n  ${first},\n  ${second}\n]\n`]) {
      const result = parseJsonEvents(text, 'list.json');
      expect(result.events.map((e) => e['event.id'])).toEqual([BIG, BIG_NEXT]);
      expect(result.errors.filter((e) => e.path === 'event.id')).toHaveLength(1);
    }
  });

  it('Elastic hits of a search response keep their digits too', () => {
    const hit = (id: string) => `{"_id":"h${id.slice(-1)}","_source":{"event":{"id":${id}}}}`;
    const text = `{"hits":{"hits":[\n${hit(BIG)},\n${hit(BIG_NEXT)}\n]}}`;
    const { events, errors } = parseEcsExport(text, 'es.json');
    expect(events.map((e) => e['event.id'])).toEqual([BIG, BIG_NEXT]);
    expect(errors.filter((e) => e.path === 'event.id')).toMatchObject([{ line: 2 }]);
  });

  it('reads digits only from the simple shapes, and only when one number there is the id', () => {
    expect(writtenDigits(`{"event.id": ${BIG}}`, Number(BIG))).toBe(BIG);
    expect(writtenDigits(`{"event": { "id" : ${BIG} }}`, Number(BIG))).toBe(BIG);
    expect(writtenDigits(`{"other": {"id": ${BIG}}}`, Number(BIG))).toBeUndefined();
    expect(writtenDigits(`{"event.id": ${BIG}} {"event.id": ${BIG_NEXT}}`, Number(BIG))).toBeUndefined();
  });

  it('the duplicate-id warning names the rounding as the cause', () => {
    const events = [{ 'event.id': '1234567890123456800' }, { 'event.id': '1234567890123456800' }];
    const warning = duplicateIdsWarning(events, 'a.json')!;
    expect(warning.message).toMatch(/"1234567890123456800" is a number past 2\^53 − 1 as JSON rounds it/);
    expect(warning.suggestion).toMatch(/write large event.id values as strings/);
    expect(duplicateIdsWarning([{ 'event.id': 'a' }, { 'event.id': 'a' }], 'b.json')!.message).not.toMatch(
      /2\^53/,
    );
  });
});
