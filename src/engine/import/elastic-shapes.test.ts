// The shapes of JSON exports that hold events other than as a plain list or one event per line:
// one-line lists, lists of Elastic hits, `_bulk` bodies, wrapped lists, scroll dumps, `fields` hits.
import { describe, expect, it } from 'vitest';
import { EcsReader, parseEcsExport } from './ecs.ts';
import { guessFileFormat } from './guess-format.ts';
import { parseJsonEvents } from './json.ts';
import { NdjsonReader, parseNdjson } from './ndjson.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

const event = (minute: number) => ({
  '@timestamp': `2024-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
  user: { name: 'dave' },
  event: { category: 'erp', action: 'expense-submit' },
});
const ids = (events: readonly Record<string, unknown>[]) => events.map((e) => e['event.id']);

describe('generated ids of JSON list elements', () => {
  it('are distinct for a list written on one line (`jq -c`): line and column', () => {
    const text = `${JSON.stringify([event(0), event(10), event(20)])}\n`;
    const { events, errors } = parseJsonEvents(text, 'exp1.json');
    expect(errors).toEqual([]);
    expect(new Set(ids(events)).size).toBe(3);
    expect(ids(events)[0]).toBe('exp1.json:1:2');
    expect(ids(events).every((id) => /^exp1\.json:1:\d+$/.test(String(id)))).toBe(true);
  });

  it('stay `<file>:<line>` for elements alone on their line', () => {
    const text = `[\n${JSON.stringify(event(0))},\n${JSON.stringify(event(10))}\n]\n`;
    expect(ids(parseJsonEvents(text, 'a.json').events)).toEqual(['a.json:2', 'a.json:3']);
    const pretty = JSON.stringify([event(0), event(10)], null, 1);
    expect(ids(parseJsonEvents(pretty, 'b.json').events)).toEqual(['b.json:2', 'b.json:12']);
  });

  it('get the column only where elements share a line', () => {
    const text = `[${JSON.stringify(event(0))},\n${JSON.stringify(event(1))},${JSON.stringify(event(2))}]`;
    const got = ids(parseJsonEvents(text, 'm.json').events);
    expect(got[0]).toBe('m.json:1');
    expect(got[1]).toBe('m.json:2:1');
    expect(got[2]).toMatch(/^m\.json:2:\d+$/);
    expect(new Set(got).size).toBe(3);
  });

  it('are distinct for one-line Elastic hits without _id', () => {
    const hit = (minute: number) => ({ _index: 'x', _source: event(minute) });
    const text = JSON.stringify({ hits: { hits: [hit(1), hit(2)] } });
    expect(new Set(ids(parseEcsExport(text, 's.json').events)).size).toBe(2);
    expect(new Set(ids(parseEcsExport(JSON.stringify([hit(1), hit(2)]), 'l.json').events)).size).toBe(2);
  });
});

describe('a JSON list of Elastic hits', () => {
  const hits = [
    { _index: 'x', _id: 'l1', _source: { user: { name: 'alice' }, event: { category: 'file' } } },
    {
      _index: 'x',
      _id: 'l2',
      _source: { user: { name: ['bob'] }, event: { category: ['network', 'web'], action: ['upload'] } },
    },
  ];
  it.each([
    ['one line', JSON.stringify(hits)],
    ['pretty', JSON.stringify(hits, null, 2)],
  ])('is read as hits (%s): _id as event.id, ECS lists folded', (_, text) => {
    expect(guessFileFormat('hits.json', text)).not.toBe('ndjson');
    const { events, errors } = parseJsonEvents(text, 'hits.json');
    expect(errors).toEqual([]);
    expect(events).toEqual([
      { 'user.name': 'alice', 'event.category': 'file', 'event.id': 'l1' },
      {
        'user.name': 'bob',
        'event.category': ['web', 'network'],
        'event.action': 'upload',
        'event.id': 'l2',
      },
    ]);
  });
});

describe('_bulk bodies', () => {
  const text = [
    '{"index":{"_index":"logs","_id":"b1"}}',
    '{"@timestamp":"2024-03-01T10:00:00Z","user":{"name":"alice"}}',
    '{"create":{"_index":"logs","_id":"b2"}}',
    '{"@timestamp":"2024-03-01T11:00:00Z","event":{"id":"own"},"user":{"name":"bob"}}',
    '{"delete":{"_index":"logs","_id":"b0"}}',
    '{"update":{"_id":"b3"}}',
    '{"doc":{"@timestamp":"2024-03-01T12:00:00Z","user":{"name":"carol"}}}',
    '{"index":{}}',
    '{"@timestamp":"2024-03-01T13:00:00Z","user":{"name":"dan"}}',
    '',
  ].join('\n');
  const expected = [
    { '@timestamp': '2024-03-01T10:00:00Z', 'user.name': 'alice', 'event.id': 'b1' },
    { '@timestamp': '2024-03-01T11:00:00Z', 'event.id': 'own', 'user.name': 'bob' },
    { '@timestamp': '2024-03-01T12:00:00Z', 'user.name': 'carol', 'event.id': 'b3' },
    { '@timestamp': '2024-03-01T13:00:00Z', 'user.name': 'dan', 'event.id': 'bulk.ndjson:9' },
  ];

  it('as NDJSON: action lines are not events, their _id goes to the document', () => {
    const { events, errors } = parseNdjson(text, 'bulk.ndjson');
    expect(events).toEqual(expected);
    expect(errors).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/delete/) }),
    ]);
  });

  it('read in pieces, as the import worker streams it', () => {
    const { events } = readInPieces(new NdjsonReader('bulk.ndjson'), text, 7);
    expect(events).toEqual(expected);
  });

  it('as an Elastic export (ECS lists folded)', () => {
    expect(ids(parseEcsExport(text, 'bulk.ndjson').events)).toEqual(['b1', 'own', 'b3', 'bulk.ndjson:9']);
  });

  it('reports an action without its document', () => {
    const { events, errors } = parseNdjson('{"index":{"_id":"x"}}\n', 'b.ndjson');
    expect(events).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ line: 1, severity: 'error' })]);
  });
});

describe('a top-level object holding its events under one key', () => {
  it.each(['records', 'Records', 'results'])('reads the list under %s, with a note naming it', (key) => {
    const text = JSON.stringify({ [key]: [event(1), event(2)], count: 2 });
    expect(guessFileFormat('x.json', text)).toBe('json');
    const { events, errors } = parseJsonEvents(text, 'x.json');
    expect(events).toHaveLength(2);
    expect(new Set(ids(events)).size).toBe(2);
    expect(errors).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`"${key}"`) }),
    ]);
  });

  it('still takes an event with a list of objects for one event', () => {
    const text = JSON.stringify({ '@timestamp': '2024-03-01T10:00:00Z', tags: [{ k: 'a' }] });
    expect(guessFileFormat('x.json', text)).toBe('ndjson');
  });
});

describe('concatenated search responses (a scroll dump)', () => {
  const hit = (id: string, minute: number) => ({ _index: 'x', _id: id, _source: event(minute) });
  const text =
    [
      JSON.stringify({ took: 1, hits: { hits: [hit('1', 1), hit('2', 2)] } }),
      JSON.stringify({ took: 1, hits: { hits: [hit('3', 3), hit('4', 4)] } }),
    ].join('\n') + '\n';

  it.each(['scroll.json', 'scroll.ndjson'])('reads every line’s hits (%s)', (name) => {
    const format = guessFileFormat(name, text);
    const { events, errors } =
      format === 'ecs'
        ? parseEcsExport(text, name)
        : format === 'ndjson'
          ? parseNdjson(text, name)
          : parseJsonEvents(text, name);
    expect(errors).toEqual([]);
    expect(ids(events)).toEqual(['1', '2', '3', '4']);
    expect(events[0]).toMatchObject({ 'user.name': 'dave', 'event.category': 'erp' });
  });

  it('streamed by the Elastic reader', () => {
    expect(ids(readInPieces(new EcsReader('scroll.json'), text, 13).events)).toEqual(['1', '2', '3', '4']);
  });
});

describe('hits with `fields` and no `_source`', () => {
  it('reads `fields` as the event, one-item lists unwrapped', () => {
    const text = JSON.stringify({
      hits: {
        hits: [
          {
            _id: 'f1',
            _index: 'x',
            fields: {
              '@timestamp': ['2024-03-01T10:00:00.000Z'],
              'user.name': ['alice'],
              'host.ip': ['a', 'b'],
            },
          },
          { _id: 'f2', _index: 'x', _source: { user: { name: 'bob' } }, fields: { 'user.name': ['robert'] } },
        ],
      },
    });
    const { events, errors } = parseEcsExport(text, 'fields.json');
    expect(errors).toEqual([]);
    expect(events).toEqual([
      {
        '@timestamp': '2024-03-01T10:00:00.000Z',
        'user.name': 'alice',
        'host.ip': ['a', 'b'],
        'event.id': 'f1',
      },
      { 'user.name': 'bob', 'event.id': 'f2' },
    ]);
    expect(
      parseNdjson(JSON.stringify({ _id: 'f3', fields: { 'user.name': ['c'] } }), 'f.ndjson').events,
    ).toEqual([{ 'user.name': 'c', 'event.id': 'f3' }]);
  });
});

describe('ordinary events whose fields share names with Elastic shapes', () => {
  it('stay events, with those fields flattened, in NDJSON and as one-line JSON', () => {
    const lines = [
      { 'event.id': 'n2', 'user.name': 'bob', hits: { total: 2, hits: [{ url: '/a' }] } },
      { 'event.id': 'n4', 'user.name': 'bob', fields: { subject: 'hi' }, _id: 'doc4' },
      { 'event.id': 'n7', 'user.name': 'bob', _source: { app: 'outlook' } },
      { 'event.id': 'n11', 'user.name': 'bob', hits: { hits: [] } },
    ];
    const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
    const { events, errors } = parseNdjson(text, 'mail.ndjson');
    expect(errors).toEqual([]);
    expect(events.map((e) => [e['event.id'], e['user.name']])).toEqual([
      ['n2', 'bob'],
      ['n4', 'bob'],
      ['n7', 'bob'],
      ['n11', 'bob'],
    ]);
    expect(events[1]).toMatchObject({ 'fields.subject': 'hi', _id: 'doc4' });
    expect(guessFileFormat('one.json', JSON.stringify(lines[2]) + '\n')).toBe('ndjson');
  });
});
