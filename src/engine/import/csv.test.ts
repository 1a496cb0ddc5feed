import { describe, expect, it } from 'vitest';
import { parseCsvEvents } from './csv.ts';

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
});
