import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { EngineEvent } from '../engine/types.ts';
import { decodeSegment, encodeSegment, segmentReader } from './segment-codec.ts';

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
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
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

  it('keeps a field absent rather than turning it into null or an empty string', () => {
    const events: EngineEvent[] = [{ 'user.name': 'a', 'file.size': 3 }, { 'user.name': null }, {}];
    const decoded = decodeSegment(encodeSegment(events));
    expect(decoded).toEqual(events);
    expect('file.size' in decoded[1]!).toBe(false);
  });

  it('stores repeated strings as a dictionary, instants and sizes as typed arrays, content as one text buffer', () => {
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
      content: 'text',
    });
    expect(decodeSegment(encoded)).toEqual(events);
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
    ];
    const { summary } = encodeSegment(events);
    expect(summary).toMatchObject({
      count: 3,
      start: Date.parse('2026-03-01T08:00:00Z'),
      end: Date.parse('2026-03-03T08:00:00Z'),
      users: ['amy', 'bob'],
      categories: ['email', 'file'],
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

  it('survives structured cloning, as IndexedDB and postMessage do', () => {
    const events: EngineEvent[] = [
      { '@timestamp': '2026-03-02T10:00:00Z', 'email.to': ['a@x', 'b@y'], content: 'é'.repeat(80) },
    ];
    expect(decodeSegment(structuredClone(encodeSegment(events)))).toEqual(events);
  });
});
