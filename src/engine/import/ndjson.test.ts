import { describe, expect, it } from 'vitest';
import { NdjsonReader, parseNdjson } from './ndjson.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

describe('parseNdjson', () => {
  it('flattens nested objects to dotted names and keeps lists of values as lists', () => {
    const { events, errors } = parseNdjson(
      '{"user":{"name":"a"},"email":{"to":["x@y","z@y"]},"event.id":"e1"}\n',
      'ev.ndjson',
    );
    expect(errors).toEqual([]);
    expect(events).toEqual([{ 'user.name': 'a', 'email.to': ['x@y', 'z@y'], 'event.id': 'e1' }]);
  });

  it('reports each bad line with its file and line number and keeps the good ones', () => {
    const text = '{"event.id":"a"}\nnot json\n\n[1,2]\n{"event.id":"b"}';
    const { events, errors } = parseNdjson(text, 'data/ev.ndjson');
    expect(events.map((e) => e['event.id'])).toEqual(['a', 'b']);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['data/ev.ndjson', 2],
      ['data/ev.ndjson', 4],
    ]);
    expect(errors[1]!.message).toContain('not an event object');
  });

  it('names the column where a line stops being JSON', () => {
    const { errors } = parseNdjson('{"a":1}\n  {"a": 1,}\n', 'ev.ndjson');
    // The stray comma's closing brace: 2 spaces, then position 8 of the object.
    expect(errors.map((e) => [e.line, e.column])).toEqual([[2, 11]]);
  });

  it('gives an event without an id one that names the file and line', () => {
    const { events } = parseNdjson('\n{"user.name":"a"}\n', 'folder/ev.ndjson');
    expect(events[0]!['event.id']).toBe('ev.ndjson:2');
  });

  it('reads CRLF files and a BOM', () => {
    const { events, errors } = parseNdjson('\uFEFF{"event.id":"a"}\r\n{"event.id":"b"}\r\n', 'ev.ndjson');
    expect(errors).toEqual([]);
    expect(events).toHaveLength(2);
  });
});

describe('NdjsonReader', () => {
  it('gives the same events and line numbers whatever the chunk boundaries', () => {
    const text = '{"event.id":"a"}\n{"event.id":\n{"event.id":"c"}\n{"event.id":"d"}';
    const whole = parseNdjson(text, 'f');
    for (const size of [1, 3, 7, 16, 100]) {
      const { events, errors } = readInPieces(new NdjsonReader('f'), text, size);
      expect(events).toEqual(whole.events);
      expect(errors.map((e) => e.line)).toEqual([2]);
    }
  });
});

describe('a text log read as NDJSON', () => {
  it('says a line of plain text is not JSON, without echoing the line', () => {
    const text = 'Mar  2 09:00:00 ws-17 sshd[311]: Accepted publickey for dana\n';
    const { events, errors } = parseNdjson(text, 'auth.log');
    expect(events).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, "line 1 is not valid JSON: Unexpected token 'M' is not valid JSON"],
    ]);
    expect(errors[0]!.suggestion).toMatch(/^this line is plain text, not JSON/);
  });
});
