// Zeek's logs as Zeek writes them: its tab-separated format under `#fields`/`#types` header lines,
// and JSON lines. Each record keeps Zeek's names and is given the ECS fields our rules read.
import { describe, expect, it } from 'vitest';
import { ZEEK_FILE_SEEN, ZEEK_HTTP_POST } from './audit-log/samples.test-support.ts';
import { CsvEventReader, parseCsvEvents } from './csv.ts';
import { guessFileFormat } from './guess-format.ts';
import { parseNdjson } from './ndjson.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';
import { parseZeekTsv } from './zeek-tsv.ts';

const tsv = (...lines: string[][]) => lines.map((cells) => cells.join('\t')).join('\n') + '\n';

const HEADER = [
  ['#separator \\x09'],
  ['#set_separator', ','],
  ['#empty_field', '(empty)'],
  ['#unset_field', '-'],
];

const CONN_LOG = tsv(
  ...HEADER,
  ['#path', 'conn'],
  ['#open', '2026-03-02-09-00-00'],
  [
    '#fields',
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'service',
    'orig_bytes',
    'local_orig',
    'tunnel_parents',
  ],
  [
    '#types',
    'time',
    'string',
    'addr',
    'port',
    'addr',
    'port',
    'enum',
    'string',
    'count',
    'bool',
    'set[string]',
  ],
  [
    '1772442000.123456',
    'Ca1b2c3',
    '10.1.2.3',
    '51544',
    '198.51.100.7',
    '443',
    'tcp',
    'ssl',
    '48213000',
    'T',
    '(empty)',
  ],
  ['1772442060.5', 'Cd4e5f6', '10.1.2.3', '53211', '10.1.0.53', '53', 'udp', '-', '-', 'F', 'Cx1,Cx2'],
  ['#close', '2026-03-02-10-00-00'],
);

describe('Zeek logs in their tab-separated format', () => {
  it('name each value by "#fields", read it by "#types", "-" absent and "(empty)" empty', () => {
    const { events, errors } = parseZeekTsv(CONN_LOG, 'conn.log');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      '@timestamp': '2026-03-02T09:00:00.123Z',
      ts: 1772442000.123456,
      'id.orig_h': '10.1.2.3',
      'id.resp_p': 443,
      orig_bytes: 48213000,
      local_orig: true,
      tunnel_parents: [],
      'event.dataset': 'zeek.conn',
      'event.id': 'conn.log:9',
      'source.ip': '10.1.2.3',
      'destination.ip': '198.51.100.7',
      'destination.port': 443,
      'network.transport': 'tcp',
      'network.protocol': 'ssl',
    });
    expect(events[1]!['@timestamp']).toBe('2026-03-02T09:01:00.500Z');
    expect(events[1]).not.toHaveProperty('service');
    expect(events[1]).not.toHaveProperty('orig_bytes');
    expect(events[1]).toMatchObject({ local_orig: false, tunnel_parents: ['Cx1', 'Cx2'] });
    expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  });

  it('are read by the CSV reader, whatever their name, in pieces of any size', () => {
    expect(guessFileFormat('conn.log', CONN_LOG)).toBe('csv');
    expect(guessFileFormat('conn.00:00:00-01:00:00.log', CONN_LOG)).toBe('csv');
    const whole = parseZeekTsv(CONN_LOG, 'conn.log');
    expect(parseCsvEvents(CONN_LOG, 'conn.log')).toEqual(whole);
    for (const size of [1, 5, 64]) {
      expect(readInPieces(new CsvEventReader('conn.log'), CONN_LOG, size)).toEqual({
        events: whole.events,
        errors: whole.errors,
      });
    }
  });

  it("decode Zeek's \\xHH escapes and give an HTTP request the web fields", () => {
    const http = tsv(
      ...HEADER,
      ['#path', 'http'],
      [
        '#fields',
        'ts',
        'uid',
        'id.orig_h',
        'id.orig_p',
        'id.resp_h',
        'id.resp_p',
        'method',
        'host',
        'uri',
        'user_agent',
        'request_body_len',
        'status_code',
        'username',
      ],
      [
        '#types',
        'time',
        'string',
        'addr',
        'port',
        'addr',
        'port',
        'string',
        'string',
        'string',
        'string',
        'count',
        'count',
        'string',
      ],
      [
        '1772442125.402311',
        'CH3',
        '10.20.4.17',
        '50712',
        '192.0.2.80',
        '80',
        'POST',
        'paste.example.net',
        '/up?n=a\\x09b',
        'curl/8.5.0',
        '2483200',
        '201',
        '\\x2d',
      ],
    );
    const [event] = parseZeekTsv(http, 'http.log').events;
    expect(event).toMatchObject({
      uri: '/up?n=a\tb',
      // An escaped "-" is the text "-", not the unset mark.
      username: '-',
      'event.category': 'web',
      'destination.domain': 'paste.example.net',
      'url.full': 'http://paste.example.net/up?n=a\tb',
      'http.request.method': 'POST',
      'http.request.body.bytes': 2483200,
      'user_agent.original': 'curl/8.5.0',
    });
  });

  it('report a row of the wrong width with its line, and a value not of its type, and keep reading', () => {
    const text = tsv(
      ...HEADER,
      ['#fields', 'ts', 'uid', 'id.orig_h', 'orig_bytes'],
      ['#types', 'time', 'string', 'addr', 'count'],
      ['1772442000', 'C1', '10.0.0.1'],
      ['1772442001', 'C2', '10.0.0.2', 'lots'],
      ['1772442002', 'C3', '10.0.0.3', '7'],
    );
    const { events, errors, rowsSkipped } = parseZeekTsv(text, 'conn.log');
    expect(events.map((e) => e.uid)).toEqual(['C2', 'C3']);
    expect(rowsSkipped).toBe(1);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 7,
          severity: 'error',
          message: 'line 7 has 3 cells, the "#fields" line (line 5) names 4: skipped',
        }),
        expect.objectContaining({ line: 8, column: 4, path: 'orig_bytes', severity: 'warning' }),
      ]),
    );
    expect(events[0]!.orig_bytes).toBe('lots');
  });

  it('read concatenated logs, each under its own header', () => {
    const files = tsv(
      ...HEADER,
      ['#path', 'files'],
      ['#fields', 'ts', 'fuid', 'mime_type', 'filename', 'total_bytes'],
      ['#types', 'time', 'string', 'string', 'string', 'count'],
      ['1772442125.61', 'Fq1', 'application/pdf', 'board-minutes.pdf', '90210'],
    );
    const { events } = parseZeekTsv(CONN_LOG + files, 'all.log');
    expect(events.map((e) => e['event.dataset'])).toEqual(['zeek.conn', 'zeek.conn', 'zeek.files']);
    expect(events[2]).toMatchObject({
      'event.id': 'Fq1',
      'event.category': 'file',
      'file.name': 'board-minutes.pdf',
      'file.size': 90210,
      'file.mime_type': 'application/pdf',
    });
  });

  it('say so when the "#fields" line is missing', () => {
    const { events, errors } = parseZeekTsv('#separator \\x09\n1772442000\tC1\n', 'conn.log');
    expect(events).toEqual([]);
    expect(errors.map((e) => [e.line, e.severity])).toEqual([
      [2, 'error'],
      [1, 'error'],
    ]);
  });
});

describe('Zeek logs in JSON lines', () => {
  it('take their time from "ts" and are given the ECS fields', () => {
    const text = [ZEEK_HTTP_POST, ZEEK_FILE_SEEN].map((r) => JSON.stringify(r)).join('\n');
    const { events, errors } = parseNdjson(text, 'zeek.ndjson');
    expect(events[0]).toMatchObject({
      '@timestamp': '2026-03-02T09:02:05.402Z',
      'event.category': 'web',
      'event.id': 'zeek.ndjson:1',
      'source.ip': '10.20.4.17',
      'url.full': 'http://paste.example.net/api/upload?name=q3-forecast.xlsx',
    });
    expect(events[1]).toMatchObject({
      '@timestamp': '2026-03-02T09:02:05.610Z',
      'event.category': 'file',
      'event.id': ZEEK_FILE_SEEN.fuid,
      'file.name': 'q3-forecast.xlsx',
      'file.hash.sha256': ZEEK_FILE_SEEN.sha256,
    });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^read as Zeek log records \(first at line 1\)/),
    ]);
  });
});
