import { describe, expect, it } from 'vitest';
import { CsvEventReader, parseCsvEvents } from './csv.ts';
import { readCsvRows } from './csv-rows.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

const mapping = {
  columns: {
    when: { field: '@timestamp', format: 'DD.MM.YYYY HH:mm' },
    who: 'user.name',
    bytes: { field: 'file.size', type: 'number' },
    to: { field: 'email.to', type: 'list', separator: ';' },
    managed: { field: 'host.managed', type: 'boolean' },
  },
  timestamp: { timezone: '+02:00' },
  constants: { 'event.category': 'email', 'event.action': 'send' },
};

describe('parseCsvEvents with a field mapping', () => {
  it('maps columns to fields with types, timestamp format and zone, and adds constants', () => {
    const text = 'when,who,bytes,to,managed,ignored\n2.3.2026 09:05,alice,1200,"a@x.com; b@y.com",yes,zzz\n';
    const { events, errors } = parseCsvEvents(text, 'mail.csv', mapping, 'map.json');
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        'event.category': 'email',
        'event.action': 'send',
        '@timestamp': '2026-03-02T07:05:00Z',
        'user.name': 'alice',
        'file.size': 1200,
        'email.to': ['a@x.com', 'b@y.com'],
        'host.managed': true,
        'event.id': 'mail.csv:2',
      },
    ]);
  });

  it('reports a cell that does not fit its type with the line the row starts on, and goes on', () => {
    const text =
      'when,who,bytes,to,managed\n"2.3.2026\n09:05",a,1,x@y,no\n2.3.2026 09:05,b,lots,x@y,no\n2.3.2026 09:06,c,3,x@y,no\n';
    const { events, errors } = parseCsvEvents(text, 'mail.csv', mapping);
    expect(events.map((e) => e['user.name'])).toEqual(['c']);
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [2, 'when'],
      [4, 'bytes'],
    ]);
  });

  it('reports rows with the wrong number of cells', () => {
    const { events, errors } = parseCsvEvents('who,bytes\na,1\nb\n', 'x.csv', {
      columns: { who: 'user.name' },
    });
    expect(events).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'x.csv', line: 3 });
  });

  it('names a mapped column the header lacks, with the columns it has', () => {
    const { errors } = parseCsvEvents('a,b\n1,2\n', 'x.csv', { columns: { user: 'user.name' } });
    expect(errors[0]!.message).toContain('"user"');
    expect(errors[0]!.suggestion).toContain('a, b');
  });

  it('rejects an invalid mapping document with the path of the mistake', () => {
    const { events, errors } = parseCsvEvents(
      'a\n1\n',
      'x.csv',
      { columns: { a: { field: 'x', type: 'date' } } },
      'm.yml',
    );
    expect(events).toEqual([]);
    expect(errors[0]).toMatchObject({ file: 'm.yml', path: 'columns.a.type' });
  });

  it('without a mapping keeps every column under its own name', () => {
    const { events } = parseCsvEvents('user.name,@timestamp\nbob,2026-01-02T03:04:05Z\n', 'x.csv');
    expect(events[0]).toMatchObject({ 'user.name': 'bob', '@timestamp': '2026-01-02T03:04:05Z' });
  });

  it('reads @timestamp as NDJSON does: zone-less as UTC, epoch and RFC 2822 read, the unreadable named at its line', () => {
    const { events, errors } = parseCsvEvents(
      [
        'user.name,@timestamp',
        'a,2026-03-02 09:14:05',
        'b,1772442845',
        'c,"Mon, 02 Mar 2026 09:14:05 GMT"',
        'd,not-a-date',
      ].join('\n'),
      'x.csv',
    );
    expect(events.map((e) => e['@timestamp'])).toEqual([
      '2026-03-02T09:14:05Z',
      '2026-03-02T09:14:05Z',
      '2026-03-02T09:14:05Z',
      'not-a-date',
    ]);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'x.csv', line: 5, path: '@timestamp', severity: 'warning' }),
    ]);
  });
});

describe.each(['\n', '\r\n'])('CsvEventReader: a CSV read in pieces (line break %j)', (eol) => {
  const text = [
    '\uFEFFwhen;who;note;bytes',
    '2026-03-02T09:00:00Z;alice;"a note, with a comma";10',
    `2026-03-02T09:01:00Z;bob;"two${eol}lines, and ""quotes""";20`,
    '2026-03-02T09:02:00Z;carol;short row',
    '2026-03-02T09:03:00Z;dave;"x;y";30',
    ...Array.from(
      { length: 40 },
      (_, i) => `2026-03-02T10:${String(i).padStart(2, '0')}:00Z;u${i};n${i},a,b,c,${i};${i}`,
    ),
    '2026-03-02T11:00:00Z;erin;"last, no line break";99',
  ].join(eol);
  const whole = parseCsvEvents(text, 'notes.csv');

  it('gives the events and errors of reading the whole text, however the text is cut', () => {
    expect(whole.events).toHaveLength(44);
    expect(whole.errors.map((e) => e.line)).toEqual([5]);
    expect(whole.events[1]?.note).toBe(`two${eol}lines, and "quotes"`);
    expect(whole.events[2]?.['event.id']).toBe('notes.csv:6');
    for (const size of [1, 2, 3, 7, 16, 64, 100, 1000]) {
      const { events, errors } = readInPieces(new CsvEventReader('notes.csv'), text, size);
      expect(events).toEqual(whole.events);
      expect(errors).toEqual(whole.errors);
    }
  });

  it('keeps the delimiter it guessed from the first rows for the rest of the file', () => {
    // The second piece alone (four commas in every note) would pass for comma-separated.
    const reader = new CsvEventReader('notes.csv');
    const cut = text.indexOf('2026-03-02T10:00');
    const first = reader.push(text.slice(0, cut));
    const second = reader.push(text.slice(cut));
    const rest = reader.end();
    const events = [...first.events, ...second.events, ...rest.events];
    expect(events.map((e) => e.who)).toEqual(whole.events.map((e) => e.who));
    expect(events.at(-2)?.note).toBe('n39,a,b,c,39');
  });
});

describe('CSV rows the parser cannot read as they stand', () => {
  it('goes on past 20 quotes never closed, then stops and says so (each recovery reads the rest again)', () => {
    const rows = ['a,b,c', '1,2,3'];
    for (let i = 0; i < 30; i++) rows.push(`${i},"5 inch floppy,${i}`);
    const errors = readCsvRows(`${rows.join('\n')}\n`, 'q.csv', () => undefined);
    const skipped = errors.filter((e) => /line \d+ is skipped and reading goes on/.test(e.message));
    expect(skipped.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(errors.at(-1)).toMatchObject({
      line: 23,
      message: expect.stringMatching(
        /lines 23–32 \(10 lines\) are not imported: after 20 such quotes reading stops$/,
      ),
    });
  });

  const rows = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `2026-03-01T10:00:00Z,u${from + i},row ${from + i}`);

  it('skips only the line of a quote that is never closed, says how much it would have swallowed, and reads on', () => {
    const text =
      [
        '@timestamp,user.name,content',
        ...rows(2, 5),
        '2026-03-01T10:00:00Z,u6,"he said hi',
        ...rows(7, 1001),
      ].join('\n') + '\n';
    const whole = parseCsvEvents(text, 'u.csv');
    expect(whole.events).toHaveLength(999);
    expect(whole.events.map((e) => e['event.id'])).not.toContain('u.csv:6');
    expect(whole.events.at(-1)?.['event.id']).toBe('u.csv:1001');
    expect(whole.errors).toHaveLength(1);
    expect(whole.errors[0]).toMatchObject({ file: 'u.csv', line: 6, column: 25, severity: 'error' });
    expect(whole.errors[0]!.message).toContain('lines 6–1001 (996 lines, to the end of the file)');
    expect(whole.errors[0]!.message).toContain('line 6 is skipped and reading goes on at line 7');
    expect(whole.errors[0]!.suggestion).toContain('close the quote');
    expect(whole.rowsSkipped).toBe(1);
    for (const size of [1, 7, 100, 4096]) {
      const { events, errors } = readInPieces(new CsvEventReader('u.csv'), text, size);
      expect(events).toEqual(whole.events);
      expect(errors).toEqual(whole.errors);
    }
  });

  it('still reads quoted cells that span lines, around a quote that is never closed', () => {
    const text = [
      'a,b,c',
      '1,"two',
      'lines",z',
      '2,x,"never closed',
      '3,"also',
      'two, lines",z',
      '4,x,z',
    ].join('\r\n');
    const rows: [number, string[]][] = [];
    const errors = readCsvRows(text, 'm.csv', (cells, line) => rows.push([line, cells]));
    expect(rows).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'two\r\nlines', 'z']],
      [5, ['3', 'also\r\ntwo, lines', 'z']],
      [7, ['4', 'x', 'z']],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, column: 5 });
    expect(errors[0]!.message).toContain('lines 4–6 (3 lines) would be read as one row of 4 cells');
    // A quoted cell with line breaks and a stray quote, as wide as the header, is kept as read.
    const kept: string[][] = [];
    readCsvRows('a,b\n1,"say "hi" now\nz"\n2,w\n', 'k.csv', (cells) => kept.push(cells));
    expect(kept).toEqual([
      ['a', 'b'],
      ['1', 'say "hi" now\nz'],
      ['2', 'w'],
    ]);
  });

  it('counts lone CR line ends as lines (classic Mac exports), so rows keep distinct ids', () => {
    const text =
      '@timestamp,user.name\r2026-03-01T10:00:00Z,a\r2026-03-01T10:01:00Z,b\r"x\ry",c,d\r2026-03-01T10:02:00Z,e\r';
    const { events, errors } = parseCsvEvents(text, 'cr.csv');
    expect(events.map((e) => e['event.id'])).toEqual(['cr.csv:2', 'cr.csv:3', 'cr.csv:6']);
    expect(errors.map((e) => e.line)).toEqual([4]);
    for (const size of [1, 5, 64]) {
      expect(readInPieces(new CsvEventReader('cr.csv'), text, size).events).toEqual(events);
    }
  });

  it('says once that a file of JSON lines is not CSV, and how to read it', () => {
    const line = '{"@timestamp":"2026-03-01T10:00:00Z","user":{"name":"a"},"msg":"say \\"hi\\", ok"}';
    const text = Array.from({ length: 45 }, () => line).join('\n') + '\n';
    const { events, errors, rowsSkipped } = parseCsvEvents(text, 'wrong.csv');
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'wrong.csv', line: 1, severity: 'error' });
    expect(errors[0]!.message).toContain('JSON lines');
    expect(errors[0]!.suggestion).toContain('.ndjson');
    expect(rowsSkipped).toBe(45);
    // Below a CSV-looking first line, too.
    const below = parseCsvEvents(`ts,user\n${line}\n${line}\n`, 'w2.csv');
    expect(below.errors).toHaveLength(1);
    expect(below.errors[0]).toMatchObject({ line: 2 });
    // CERT ids are braces, not JSON.
    expect(parseCsvEvents('id,user\n{R1D9-K0PA27FB},a\n', 'logon.csv').errors).toEqual([]);
  });

  it('lists at most 10 errors of one kind per file and counts the rest', () => {
    const text = ['a,b,c', ...Array.from({ length: 25 }, (_, i) => `x${i},y`), '1,2,3'].join('\n');
    const { events, errors, rowsSkipped } = parseCsvEvents(text, 'r.csv');
    expect(events).toHaveLength(1);
    expect(errors).toHaveLength(11);
    expect(errors[10]!.message).toContain('15 more rows from this line on with the same problem');
    expect(errors[10]!.line).toBe(12);
    expect(rowsSkipped).toBe(25);
  });

  it('advises adding the missing cell for a short row, and quoting for a long one', () => {
    const { errors } = parseCsvEvents('a,b,c\n1,2\n1,2,3,4\n', 'r.csv');
    expect(errors[0]!.message).toBe('row has 2 cells, the header has 3: no cell for column "c"');
    expect(errors[0]!.suggestion).toMatch(/a cell is missing/);
    expect(errors[0]!.suggestion).not.toMatch(/quote cells/);
    expect(errors[1]!.suggestion).toMatch(/quote cells that contain the delimiter/);
  });

  it('warns that a file with a header and no rows gives no events', () => {
    const { events, errors } = parseCsvEvents('@timestamp,user.name\r\n', 'h.csv');
    expect(events).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'h.csv',
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('header but no rows'),
      }),
    ]);
    expect(parseCsvEvents('', 'e.csv').errors[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('empty'),
    });
  });
});
