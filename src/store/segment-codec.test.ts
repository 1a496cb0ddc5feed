import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { EngineEvent } from '../engine/types.ts';
import {
  decodeSegment,
  encodeSegment,
  releaseSegment,
  segmentReader,
  type SegmentColumns,
} from './segment-codec.ts';
import { segmentEvents } from './segment-events.ts';

const fieldName = fc.constantFrom(
  '@timestamp',
  'event.category',
  'user.name',
  'file.size',
  'email.to',
  'content',
  'host.managed',
  'labels.step',
);
const scalar = fc.oneof(
  fc.string(),
  fc.string({ minLength: 60, maxLength: 200 }),
  fc.string({ unit: 'grapheme', minLength: 48, maxLength: 120 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc
    .date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc
    .date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((d) => `${d.toISOString().slice(0, 19)}Z`),
);
const value = fc.oneof(
  scalar,
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
);
const event = fc.dictionary(fieldName, value, { maxKeys: 8 }) as fc.Arbitrary<EngineEvent>;

describe('segment codec', () => {
  it('arbitrary flat events survive encode and decode unchanged', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        expect(decodeSegment(encodeSegment(events))).toEqual(events);
      }),
      { numRuns: 300 },
    );
  });

  it('makes each event of several segments on demand, the same object and key order as decoding them all', () => {
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 12 }), { maxLength: 5 }), (parts) => {
        const segments = parts.map((events) => encodeSegment(events));
        const decoded = segments.flatMap((segment) => decodeSegment(segment));
        const source = segmentEvents(segments);
        expect(source.length).toBe(decoded.length);
        const inOrder = Array.from({ length: source.length }, (_, i) => source.at(i));
        expect(inOrder).toEqual(decoded);
        expect(inOrder.map((e) => JSON.stringify(e))).toEqual(decoded.map((e) => JSON.stringify(e)));
        // Asked out of order (backwards), and outside the range.
        for (let i = decoded.length - 1; i >= 0; i--) expect(source.at(i)).toEqual(decoded[i]);
        expect(source.at(decoded.length)).toBeUndefined();
        const held = new Set(decoded.flatMap((e) => Object.keys(e).filter((key) => e[key] !== undefined)));
        expect(new Set(source.fields)).toEqual(held);
        expect(source.at(-1)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('summarises any events as reading each event would: time range, users and categories', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const times = events
          .map((e) => e['@timestamp'])
          .map((t) => (typeof t === 'string' ? Date.parse(t) : typeof t === 'number' ? t : NaN))
          .filter((t) => !Number.isNaN(t));
        // A list (ECS's `event.category: ["network","web"]`) names each of its string items.
        const strings = (field: string) =>
          [
            ...new Set(
              events.flatMap((e) => [e[field]].flat()).filter((v): v is string => typeof v === 'string'),
            ),
          ].sort();
        expect(encodeSegment(events).summary).toMatchObject({
          count: events.length,
          start: times.length ? Math.min(...times) : NaN,
          end: times.length ? Math.max(...times) : NaN,
          users: strings('user.name'),
          categories: strings('event.category'),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps multi-byte content exact, however much of it a segment holds', () => {
    const events = Array.from({ length: 400 }, (_, i): EngineEvent =>
      i % 3 === 0
        ? { 'user.name': 'amy' }
        : { content: `${'€'.repeat(i)} 😀 Grüße ${i} ${'日本'.repeat(40)}` },
    );
    const encoded = encodeSegment(events);
    expect(encoded.columns.find((c) => c.field === 'content')?.kind).toBe('strings');
    expect(decodeSegment(encoded)).toEqual(events);
    expect(decodeSegment(structuredClone(encoded))).toEqual(events);
  });

  it("still decodes a segment in the stored layout (segments already in users' browsers)", () => {
    // Written out by hand: a change to this layout needs a new codec version, not a new expectation.
    const stored: SegmentColumns = {
      count: 3,
      columns: [
        {
          field: '@timestamp',
          kind: 'time',
          format: 'seconds',
          values: new Float64Array([Date.UTC(2026, 2, 2, 9, 14, 5), NaN, Date.UTC(2026, 2, 3)]).buffer,
        },
        {
          field: 'user.name',
          kind: 'dictionary',
          codeBytes: 1,
          codes: new Uint8Array([1, 2, 1]).buffer,
          dictionary: ['amy', 'bob'],
        },
        {
          field: 'email.to',
          kind: 'json-dictionary',
          codeBytes: 1,
          codes: new Uint8Array([0, 1, 2]).buffer,
          dictionary: ['["a@x","b@y"]', 'true'],
        },
        { field: 'file.size', kind: 'number', values: new Float64Array([NaN, 12, 0.5]).buffer },
        { field: 'content', kind: 'strings', values: [null, `${'é'.repeat(50)}😀`, null] },
        { field: 'labels.step', kind: 'raw', values: [undefined, Infinity, undefined] },
      ],
    };
    const events: EngineEvent[] = [
      { '@timestamp': '2026-03-02T09:14:05Z', 'user.name': 'amy' },
      {
        'user.name': 'bob',
        'email.to': ['a@x', 'b@y'],
        'file.size': 12,
        content: `${'é'.repeat(50)}😀`,
        'labels.step': Infinity,
      },
      { '@timestamp': '2026-03-03T00:00:00Z', 'user.name': 'amy', 'email.to': true, 'file.size': 0.5 },
    ];
    expect(decodeSegment(stored)).toEqual(events);
    // Written since run Q: a long text one event in three holds, as that value and its row.
    const current: SegmentColumns = {
      ...stored,
      columns: stored.columns.map((column) =>
        column.field === 'content'
          ? {
              field: 'content',
              kind: 'sparse-strings',
              rowBytes: 2,
              rows: new Uint16Array([1]).buffer,
              values: [`${'é'.repeat(50)}😀`],
            }
          : column,
      ),
    };
    const { summary, ...encoded } = encodeSegment(events);
    expect(summary.bytes).toBeGreaterThan(0);
    expect(encoded).toEqual(current);
    expect(decodeSegment(current)).toEqual(events);
    // Long text as written before run K: one UTF-8 buffer with UTF-16 offsets. Still read.
    const earlier: SegmentColumns = {
      ...stored,
      columns: stored.columns.map((column) =>
        column.field === 'content'
          ? {
              field: 'content',
              kind: 'text',
              bytes: new TextEncoder().encode(`${'é'.repeat(50)}😀`).buffer,
              offsets: new Uint32Array([0, 0, 52, 52]).buffer,
              present: new Uint8Array([0, 1, 0]).buffer,
            }
          : column,
      ),
    };
    expect(decodeSegment(earlier)).toEqual(events);
    const source = segmentEvents([earlier]);
    expect(Array.from({ length: 3 }, (_, i) => source.at(i))).toEqual(events);
    expect(segmentReader(earlier).column('content')?.get(1)).toBe(`${'é'.repeat(50)}😀`);
  });

  it('keeps a field absent rather than turning it into null or an empty string', () => {
    const events: EngineEvent[] = [{ 'user.name': 'a', 'file.size': 3 }, { 'user.name': null }, {}];
    const decoded = decodeSegment(encodeSegment(events));
    expect(decoded).toEqual(events);
    expect('file.size' in decoded[1]!).toBe(false);
  });

  it('stores repeated strings as a dictionary, instants and sizes as typed arrays, content as its own strings', () => {
    const events: EngineEvent[] = Array.from({ length: 300 }, (_, i) => ({
      '@timestamp': new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toISOString().replace('.000Z', 'Z'),
      'user.name': `user${i % 7}`,
      'file.size': i * 1000,
      content: `Quarterly customer list row ${i} with enough words to count as free text for the scanner.`,
    }));
    const encoded = encodeSegment(events);
    const kinds = Object.fromEntries(encoded.columns.map((c) => [c.field, c.kind]));
    expect(kinds).toEqual({
      '@timestamp': 'time',
      'user.name': 'dictionary',
      'file.size': 'number',
      content: 'strings',
    });
    expect(decodeSegment(encoded)).toEqual(events);
  });

  it('stores a number or long text most events lack as its present values with their rows', () => {
    const events: EngineEvent[] = Array.from({ length: 300 }, (_, i) => ({
      'user.name': `user${i % 7}`,
      ...(i % 10 === 3 && { 'print.pages': i / 3 }),
      ...(i % 4 === 0 && {
        'database.statement': `SELECT name, card FROM customers WHERE region = ${i} ORDER BY name`,
      }),
      ...(i % 2 === 0 && { 'file.size': i * 1000 }),
    }));
    const encoded = encodeSegment(events);
    const kinds = Object.fromEntries(encoded.columns.map((c) => [c.field, c.kind]));
    // Half the events hold a size: a slot each still pays. A tenth hold a page count.
    expect(kinds).toEqual({
      'user.name': 'dictionary',
      'print.pages': 'sparse-number',
      'database.statement': 'sparse-strings',
      'file.size': 'number',
    });
    const pages = encoded.columns.find((c) => c.field === 'print.pages');
    expect(pages?.kind === 'sparse-number' && pages.values.byteLength).toBe(30 * 8);
    const stored = structuredClone(encoded);
    expect(decodeSegment(stored)).toEqual(events);
    const source = segmentEvents([stored]);
    expect(Array.from({ length: 300 }, (_, i) => source.at(i))).toEqual(events);
    const pagesView = source.column?.('print.pages');
    expect(pagesView && 'get' in pagesView && [pagesView.get(13), pagesView.get(14)]).toEqual([
      13 / 3,
      undefined,
    ]);
    const reader = segmentReader(stored);
    expect(reader.column('database.statement')?.get(8)).toContain('region = 8 ');
    expect(reader.column('database.statement')?.get(9)).toBeUndefined();
    // A segment where nobody holds the field has no column for it; one holder is enough for one.
    expect(segmentEvents([encodeSegment([{ a: 1 }, {}, {}])]).fields).toEqual(['a']);
  });

  it('packs short strings nearly all distinct (event ids) into one text, absent and empty values kept apart', () => {
    const events: EngineEvent[] = Array.from({ length: 200 }, (_, i) => ({
      'user.name': `user${i % 7}`,
      ...(i !== 5 && {
        'event.id': i === 9 ? '' : i === 11 ? 'évt-ü-11' : `evt-${String(i).padStart(8, '0')}`,
      }),
    }));
    const encoded = encodeSegment(events);
    const ids = encoded.columns.find((c) => c.field === 'event.id');
    expect(ids?.kind).toBe('packed-strings');
    expect(encoded.columns.find((c) => c.field === 'user.name')?.kind).toBe('dictionary');
    const stored = structuredClone(encoded);
    expect(decodeSegment(stored)).toEqual(events);
    const source = segmentEvents([stored]);
    expect(Array.from({ length: 200 }, (_, i) => source.at(i))).toEqual(events);
    const reader = segmentReader(stored);
    const column = reader.column('event.id');
    expect([4, 5, 9, 11, 199].map((i) => column?.get(i))).toEqual([
      'evt-00000004',
      undefined,
      '',
      'évt-ü-11',
      'evt-00000199',
    ]);
    // A few dozen values, or many repeats, stay a dictionary.
    const repeated = encodeSegment(Array.from({ length: 200 }, (_, i) => ({ 'event.id': `e${i % 150}` })));
    expect(repeated.columns[0]?.kind).toBe('dictionary');
    expect(encodeSegment(events.slice(0, 40)).columns.find((c) => c.field === 'event.id')?.kind).toBe(
      'dictionary',
    );
  });

  it('keeps a timestamp text that does not round-trip through milliseconds exactly as written', () => {
    for (const odd of [
      '2026-03-02T09:14:05+01:00',
      '2026-02-30T10:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T10:00:60Z',
    ]) {
      const events: EngineEvent[] = [{ '@timestamp': '2026-03-02T09:14:05Z' }, { '@timestamp': odd }];
      expect(decodeSegment(encodeSegment(events))).toEqual(events);
    }
  });

  it('summarises time range, users and categories for pruning', () => {
    const events: EngineEvent[] = [
      { '@timestamp': '2026-03-02T10:00:00Z', 'user.name': 'bob', 'event.category': 'email' },
      { '@timestamp': '2026-03-01T08:00:00Z', 'user.name': 'amy', 'event.category': 'file' },
      { '@timestamp': '2026-03-03T08:00:00Z', 'user.name': 'bob', 'event.category': 'file' },
      { '@timestamp': '2026-03-03T09:00:00Z', 'user.name': 'bob', 'event.category': ['web', 'network'] },
    ];
    const { summary } = encodeSegment(events);
    expect(summary).toMatchObject({
      count: 4,
      start: Date.parse('2026-03-01T08:00:00Z'),
      end: Date.parse('2026-03-03T09:00:00Z'),
      users: ['amy', 'bob'],
      // A segment of web events written as ECS lists is not pruned from a search for "web".
      categories: ['email', 'file', 'network', 'web'],
    });
  });

  it('reads single columns lazily without materialising events', () => {
    const events: EngineEvent[] = [{ 'user.name': 'amy', content: 'x'.repeat(100) }, { 'user.name': 'bob' }];
    const reader = segmentReader(encodeSegment(events));
    expect(reader.count).toBe(2);
    expect(reader.column('user.name')?.get(1)).toBe('bob');
    expect(reader.column('content')?.get(1)).toBeUndefined();
    expect(reader.column('missing.field')).toBeUndefined();
  });

  it('releases a finished segment: its buffers are emptied, the events made from it stay whole', () => {
    const events: EngineEvent[] = Array.from({ length: 20 }, (_, i) => ({
      '@timestamp': `2026-03-02T10:00:${String(i).padStart(2, '0')}Z`,
      'user.name': i % 2 ? 'amy' : 'bob',
      'file.size': i * 1000,
      content: `Row ${i} of a customer list, long enough to be stored as free text by the codec.`,
    }));
    const stored = structuredClone(encodeSegment(events));
    const source = segmentEvents([stored]);
    const made = Array.from({ length: source.length }, (_, i) => source.at(i));
    releaseSegment(stored);
    const buffers = stored.columns.flatMap((column) =>
      Object.values(column).filter((part): part is ArrayBuffer => part instanceof ArrayBuffer),
    );
    expect(buffers.length).toBeGreaterThanOrEqual(3);
    for (const buffer of buffers) expect(buffer.byteLength).toBe(0);
    expect(made).toEqual(events);
    releaseSegment(stored); // twice is harmless
  });

  it('survives structured cloning, as IndexedDB and postMessage do', () => {
    const events: EngineEvent[] = [
      { '@timestamp': '2026-03-02T10:00:00Z', 'email.to': ['a@x', 'b@y'], content: 'é'.repeat(80) },
    ];
    expect(decodeSegment(structuredClone(encodeSegment(events)))).toEqual(events);
  });
});
