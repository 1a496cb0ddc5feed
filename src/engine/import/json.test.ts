import { describe, expect, it } from 'vitest';
import { parseJsonEvents } from './json.ts';
import { jsonErrorMessage } from './diagnostic.ts';

describe('parseJsonEvents', () => {
  it('reads a list of events, flattening nested objects', () => {
    const { events, errors } = parseJsonEvents('[{"event":{"id":"1","category":"file"}}]', 'a.json');
    expect(errors).toEqual([]);
    expect(events).toEqual([{ 'event.id': '1', 'event.category': 'file' }]);
  });

  it('reads an object holding its events under "events"', () => {
    const { events } = parseJsonEvents(
      '{"title":"x","events":[{"event.id":"1"},{"event.id":"2"}]}',
      'a.json',
    );
    expect(events.map((e) => e['event.id'])).toEqual(['1', '2']);
  });

  it('names the line of an element that is not an object and keeps the rest', () => {
    const text = '[\n  {"event.id": "1", "x": "[,]"},\n  "oops",\n  {"event.id": "3"}\n]';
    const { events, errors } = parseJsonEvents(text, 'a.json');
    expect(events.map((e) => e['event.id'])).toEqual(['1', '3']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'a.json', line: 3, column: 3, path: '[1]' });
  });

  it('reports a syntax error at the line where the JSON breaks', () => {
    const { events, errors } = parseJsonEvents('[\n{"event.id": "1"},\n{"event.id": }\n]', 'a.json');
    expect(events).toEqual([]);
    expect(errors[0]).toMatchObject({ file: 'a.json', line: 3 });
  });

  it('says that a document that does not parse was not read at all, and points at a trailing comma', () => {
    const text = [
      '[',
      '  {"@timestamp": "2026-03-01T10:00:00Z", "user": {"name": "a"}},',
      '  {"@timestamp": "2026-03-01T10:01:00Z", "user": {"name": "b"},},',
      '  {"@timestamp": "2026-03-01T10:02:00Z"}',
      ']',
    ].join('\n');
    const { events, errors, rowsSkipped } = parseJsonEvents(text, 'p.json');
    expect(events).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'p.json', line: 3, column: 63, severity: 'error' }),
    ]);
    expect(errors[0]!.message).toBe(
      'not valid JSON at line 3, column 63: a trailing comma before "}"; none of the file was read (0 of its 3 list items)',
    );
    expect(errors[0]!.suggestion).toMatch(/remove the comma/);
    expect(rowsSkipped).toBe(3);
  });

  it('says that a file cut short ends before the document does, not "bad control character"', () => {
    const text =
      '[\n  {"user": "a"},\n  {"user": "b"},\n  {"@timestamp": "2026-03-01T10:02:00Z", "user": {"na\n';
    const { events, errors } = parseJsonEvents(text, 't.json');
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, column: 53 });
    expect(errors[0]!.message).toContain('the file ends before the document does');
    expect(errors[0]!.message).toContain('none of the file was read (0 of its 3 list items)');
    expect(errors[0]!.message).not.toMatch(/control character/);
    expect(parseJsonEvents('{"events": [{"a": 1}', 'o.json').errors[0]!.message).toContain(
      'ends before the document does',
    );
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it.each([
    ['{"a": 1}', -1],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['[1] x', 4],
    ['"abc', 4],
  ])('%s breaks at %i', async (text, offset) => {
    const { jsonSyntaxErrorOffset } = await import('./json-syntax.ts');
    expect(jsonSyntaxErrorOffset(text)).toBe(offset);
  });
});

describe('a JSON error message', () => {
  it('drops the parser’s own place, which counts in one line, not in the file', () => {
    // Chromium's and Node's spellings of the same error.
    expect(
      jsonErrorMessage(
        new SyntaxError("Expected ',' or '}' after property value in JSON at position 88 (line 1 column 89)"),
      ),
    ).toBe("Expected ',' or '}' after property value");
    expect(
      jsonErrorMessage(new SyntaxError('Expected double-quoted property name in JSON at position 8')),
    ).toBe('Expected double-quoted property name');
    expect(
      jsonErrorMessage(new SyntaxError('Unexpected token \'y\', "type=SYSCAL"... is not valid JSON')),
    ).toBe("Unexpected token 'y' is not valid JSON");
    expect(jsonErrorMessage(new SyntaxError('Unexpected token \'x\', "x" is not valid JSON'))).toBe(
      "Unexpected token 'x' is not valid JSON",
    );
  });
});
