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

describe('a partial search response', () => {
  const hit = (id: string, minute: number) => ({ _index: 'x', _id: id, _source: event(minute) });
  const response = (extra: Record<string, unknown>, hits = [hit('1', 1), hit('2', 2)]) =>
    JSON.stringify({ took: 1, ...extra, hits: { ...((extra.hits as object) ?? {}), hits } });
  const partial = (errors: readonly { message: string }[]) =>
    errors.filter((e) => e.message.startsWith('a partial Elastic search response'));

  it.each([
    ['total as a number', { hits: { total: 48213 } }, /2 of 48213 hits \(hits.total counts more hits/],
    [
      'total as {value, relation}',
      { hits: { total: { value: 10000, relation: 'gte' } } },
      /2 of at least 10000 hits/,
    ],
    ['timed out', { timed_out: true, hits: { total: 2 } }, /2 of 2 hits \(the search timed out/],
    [
      'failed shards',
      { _shards: { total: 5, failed: 2 } },
      /^a partial Elastic search response: 2 hits \(2 of 5 shards failed\)/,
    ],
  ])(
    '%s: one warning, with how many hits of how many and why (JSON and Elastic readers)',
    (_name, extra, why) => {
      const text = response(extra);
      for (const read of [parseJsonEvents, parseEcsExport]) {
        const { events, errors } = read(text, 'r.json');
        expect(events).toHaveLength(2);
        expect(partial(errors)).toHaveLength(1);
        expect(partial(errors)[0]).toMatchObject({ file: 'r.json', line: 1, severity: 'warning' });
        expect(partial(errors)[0]!.message).toMatch(why);
      }
    },
  );

  it('a whole response, and a scroll dump whose pages add up to hits.total, are not partial', () => {
    expect(parseJsonEvents(response({ timed_out: false, hits: { total: 2 } }), 'r.json').errors).toEqual([]);
    const pages = [
      response({ hits: { total: { value: 4, relation: 'eq' } } }),
      response({ hits: { total: { value: 4, relation: 'eq' } } }, [hit('3', 3), hit('4', 4)]),
    ].join('\n');
    expect(parseNdjson(pages, 's.ndjson').errors).toEqual([]);
    expect(parseEcsExport(pages, 's.json').errors).toEqual([]);
  });

  it('a scroll dump that stops short is warned about once, at its end', () => {
    const pages = [1, 2].map(() => response({ hits: { total: 9 } })).join('\n');
    const { errors } = parseNdjson(pages, 's.ndjson');
    expect(partial(errors).map((e) => e.message)).toEqual([
      'a partial Elastic search response: 4 of 9 hits (hits.total counts more hits than the response holds: it is one page of the result): events outside it are not read',
    ]);
  });

  it('a hit without _source is "an object", not "a object"', () => {
    const { errors } = parseEcsExport('{"hits":{"hits":[{"_index":"x","_id":"1"}]}}', 'r.json');
    expect(errors.map((e) => e.message)).toEqual(['hits.hits[0] is an object without a "_source" document']);
  });
});

describe('exports of other tools', () => {
  const splunk = [
    '{"preview":false,"offset":0,"result":{"_time":"2026-03-01T10:00:00.000+00:00","user":"alice","_raw":"alice copied 4111 1111 1111 1111"}}',
    '{"preview":false,"offset":1,"lastrow":true,"result":{"_time":"2026-03-01T11:00:00.000+00:00","user":"bob","_raw":"hello"}}',
  ].join('\n');

  it.each(['splunk.json', 'splunk.ndjson'])(
    'a Splunk JSON export (%s): each line read as its result',
    (name) => {
      const format = guessFileFormat(name, splunk);
      const { events, errors } = format === 'ecs' ? parseEcsExport(splunk, name) : parseNdjson(splunk, name);
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        user: 'alice',
        '@timestamp': '2026-03-01T10:00:00.000+00:00',
        content: 'alice copied 4111 1111 1111 1111',
      });
      expect(Object.keys(events[0]!).some((key) => key.startsWith('result.'))).toBe(false);
      expect(errors.map((e) => e.message)).toEqual([
        'read each line\'s "result" (a Splunk JSON export) as its event',
        'events take @timestamp from "_time" (Splunk\'s time) and content from "_raw" (Splunk\'s raw event text) where they lack it (first at line 1)',
      ]);
      expect(errors.every((e) => e.severity === 'warning')).toBe(true);
    },
  );

  it('an event with a "result" field of its own stays an event', () => {
    const { events } = parseNdjson('{"@timestamp":"2026-03-01T10:00:00Z","result":{"code":1}}', 'a.ndjson');
    expect(events[0]).toMatchObject({ 'result.code': 1 });
  });

  it('a Kibana saved-objects export is said to be no log, its objects not read as events', () => {
    const text = [
      '{"attributes":{"title":"logs-*","timeFieldName":"@timestamp"},"id":"abc","type":"index-pattern","references":[],"version":"WzEsMV0="}',
      '{"attributes":{"title":"My search"},"coreMigrationVersion":"8.8.0","id":"def","type":"search","references":[]}',
      '{"exportedCount":2,"missingRefCount":0,"missingReferences":[]}',
    ].join('\n');
    for (const read of [parseNdjson, parseEcsExport]) {
      const { events, errors } = read(text, 'export.ndjson');
      expect(events).toEqual([]);
      expect(errors).toMatchObject([{ file: 'export.ndjson', line: 1, severity: 'error' }]);
      expect(errors[0]!.message).toBe(
        'a Kibana saved-objects export (2 objects: index-pattern, search), not a log: its objects are not events and were skipped',
      );
    }
  });

  it('CloudTrail records and evtx_dump events take @timestamp from their own time field, said once per file', () => {
    const trail = JSON.stringify({
      Records: [
        { eventTime: '2026-03-01T10:00:00Z', eventName: 'GetObject' },
        { eventTime: '2026-03-01T11:00:00Z', eventName: 'PutObject' },
        { '@timestamp': '2026-03-01T12:00:00Z', eventTime: '2026-03-01T09:00:00Z' },
      ],
    });
    const { events, errors } = parseJsonEvents(trail, 'trail.json');
    expect(events.map((e) => e['@timestamp'])).toEqual([
      '2026-03-01T10:00:00Z',
      '2026-03-01T11:00:00Z',
      '2026-03-01T12:00:00Z',
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'read the events listed under "Records"',
      'events take @timestamp from "eventTime" (CloudTrail\'s time) where they lack it (first at line 1)',
    ]);
    const evtx =
      '{"Event":{"System":{"EventID":4624,"TimeCreated":{"#attributes":{"SystemTime":"2026-03-01T10:00:00.123456Z"}}}}}';
    const read = parseNdjson(`${evtx}\n${evtx}`, 'sec.jsonl');
    expect(read.events.map((e) => e['@timestamp'])).toEqual([
      '2026-03-01T10:00:00.123456Z',
      '2026-03-01T10:00:00.123456Z',
    ]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ line: 1, path: '@timestamp', severity: 'warning' });
  });
});

describe('times of an Elastic export read as a JSON document', () => {
  it('are read as every importer reads them: epoch seconds and microseconds, zone-less text as UTC', () => {
    const response = {
      took: 1,
      hits: {
        total: { value: 3, relation: 'eq' },
        hits: [
          { _id: 's', _source: { '@timestamp': 1700000000, user: { name: 'a' } } },
          { _id: 'u', _source: { '@timestamp': 1700000000123456, user: { name: 'b' } } },
          { _id: 't', _source: { '@timestamp': '2026-03-02 09:00:00', user: { name: 'c' } } },
        ],
      },
    };
    const { events } = parseJsonEvents(JSON.stringify(response, null, 2), 'search.json');
    expect(events.map((e) => e['@timestamp'])).toEqual([
      '2023-11-14T22:13:20Z',
      '2023-11-14T22:13:20.123Z',
      '2026-03-02T09:00:00Z',
    ]);
  });
});
