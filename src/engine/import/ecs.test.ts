import { describe, expect, it } from 'vitest';
import { EcsReader, parseEcsExport } from './ecs.ts';
import { compilePack } from '../pack.ts';
import { runPack } from '../run/run-pack.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

describe('parseEcsExport', () => {
  it('reads hits.hits[]._source, keeps _id as event.id, folds ECS lists to our single values', () => {
    const text = JSON.stringify({
      hits: {
        hits: [
          {
            _id: 'h1',
            _source: {
              '@timestamp': '2026-03-02T09:00:00Z',
              event: { category: ['network', 'web'], action: 'upload' },
              user: { name: 'a' },
              url: { full: 'https://dropbox.com/x' },
            },
          },
          {
            _id: 'h2',
            _source: {
              event: { category: ['email'] },
              email: {
                to: { address: ['x@y.com'] },
                from: { address: ['a@corp.com'] },
                attachments: [{ file: { name: 'a.pdf' } }],
              },
            },
          },
        ],
      },
    });
    const { events, errors } = parseEcsExport(text, 'export.json');
    expect(errors).toEqual([]);
    expect(events[0]).toMatchObject({
      'event.id': 'h1',
      'event.category': ['web', 'network'],
      'url.full': 'https://dropbox.com/x',
    });
    expect(events[1]).toMatchObject({
      'event.category': 'email',
      'email.to': ['x@y.com'],
      'email.from': 'a@corp.com',
      'email.attachments': ['a.pdf'],
    });
  });

  it('reads a whole search response written on one line and ended by a newline', () => {
    const hit = (id: string) => ({ _id: id, _source: { event: { action: 'read' }, user: { name: 'a' } } });
    const text = `${JSON.stringify({ took: 1, hits: { total: 2, hits: [hit('h1'), hit('h2')] } })}\n`;
    const { events, errors } = parseEcsExport(text, 'search.json');
    expect(errors).toEqual([]);
    expect(events.map((event) => event['event.id'])).toEqual(['h1', 'h2']);
  });

  it('reads one hit per line and reports a broken line with its number', () => {
    const text =
      '{"_id":"1","_source":{"user":{"name":"a"}}}\n{"_id":\n{"_index":"x","_id":"3"}\n{"_id":"4","_source":{}}\n';
    const { events, errors } = parseEcsExport(text, 'dump.ndjson');
    expect(events.map((e) => e['event.id'])).toEqual(['1', '4']);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });
});

describe('EcsReader (an export arriving in pieces)', () => {
  const hit = (id: string, action: string) =>
    JSON.stringify({ _id: id, _source: { event: { action, category: ['file'] }, user: { name: 'a' } } });
  const exports: Record<string, string> = {
    'one hit per line, CRLF, a blank line, a bad line, a line without _source, no final newline': [
      `\uFEFF${hit('h1', 'read')}`,
      hit('h2', 'write'),
      '',
      '{"_id": "h3", "_source": ',
      '{"_index": "logs", "_id": "h4"}',
      hit('h5', 'copy'),
    ].join('\r\n'),
    'bare documents per line': [
      JSON.stringify({ event: { action: 'logon' }, user: { name: 'b' } }),
      JSON.stringify({ event: { action: 'logoff' }, user: { name: 'b' } }),
      '',
    ].join('\n'),
    'leading blank lines before the first document': `\n\n  ${hit('h1', 'read')}\n${hit('h2', 'read')}\n`,
    'a search response': JSON.stringify(
      { hits: { hits: [JSON.parse(hit('h1', 'read')), JSON.parse(hit('h2', 'x'))] } },
      null,
      2,
    ),
    'a list of hits on one line': `[${hit('h1', 'read')},${hit('h2', 'write')}]`,
    'a search response on one line, newline ended (curl, jq -c)': `${JSON.stringify({
      took: 3,
      hits: { hits: [JSON.parse(hit('h1', 'read')), JSON.parse(hit('h2', 'x'))] },
    })}\n`,
    'one hit, no newline': hit('h9', 'print'),
    'not an export': 'hello\nworld\n',
    'broken JSON': '{"hits": {"hits": [',
  };

  it.each(Object.entries(exports))('reads %s as parseEcsExport reads the whole text', (_name, text) => {
    const whole = parseEcsExport(text, 'export.ndjson');
    for (const size of [1, 2, 7, 64, text.length]) {
      const { events, errors } = readInPieces(new EcsReader('export.ndjson'), text, size);
      expect({ events, errors }, `pieces of ${size}`).toEqual(whole);
    }
  });

  it('yields the events of a line export as its lines arrive, not only at the end', () => {
    const reader = new EcsReader('export.ndjson');
    const first = reader.push(`${hit('h1', 'read')}\n${hit('h2', 'write')}\n`);
    expect(first.events.map((e) => e['event.id'])).toEqual(['h1', 'h2']);
    expect(reader.end().events).toEqual([]);
  });
});

describe('an ECS category list read from an export', () => {
  it('meets the rules of each category it lists, as the same event on a plain line does', () => {
    const document = {
      event: { id: 'x1', category: ['webserver', 'web'] },
      'cs-uri-query': 'q=<script>alert(1)</script>',
    };
    const hit = JSON.stringify({ _index: 'iis', _id: 'x1', _source: document });
    const { events } = parseEcsExport(`${hit}\n`, 'hits.ndjson');
    const { pack } = compilePack([
      {
        name: 'xss.yml',
        text: [
          'title: XSS in a web server log',
          'id: xss',
          'logsource: { category: webserver }',
          'detection:',
          "  selection: { cs-uri-query|contains: '<script' }",
          '  condition: selection',
        ].join('\n'),
      },
    ]);
    const context = {
      manifest: { id: 'd', title: 'd' },
      directory: [],
      resources: [],
      entitlements: [],
      scenarios: [],
    };
    expect(events[0]!['event.category']).toEqual(['web', 'webserver']);
    expect(runPack(pack, events, context).alerts.map((a) => a.events)).toEqual([['x1']]);
  });
});
