import { describe, it, expect } from 'vitest';
import {
  ChunkWriter,
  addEvent,
  clockAfterMidnight,
  eventId,
  eventLine,
  newDayBatch,
  timeOrder,
} from './day-batch.ts';
import { streamFor } from './random.ts';
import { eventHead } from './timed-event.ts';

/** What generation did before: a stable comparator sort of the day's events by time. */
function stableOrder(times: number[]): number[] {
  return times
    .map((time, index) => ({ time, index }))
    .sort((a, b) => a.time - b.time)
    .map((e) => e.index);
}

describe('timeOrder', () => {
  const midnight = Date.parse('2026-03-02T00:00:00Z');

  it('puts a day of whole-second times in order, equal times in generation order', () => {
    const rng = streamFor(1, 'order');
    // Few distinct seconds, so most times are shared by several events.
    const times = Array.from({ length: 5000 }, () => midnight + rng.int(-30, 600) * 1000);
    expect(Array.from(timeOrder(times))).toEqual(stableOrder(times));
  });

  it('gives the same order for fractional and far-apart times', () => {
    const rng = streamFor(2, 'order');
    const fractional = Array.from({ length: 300 }, () => midnight + rng.int(0, 50) * 0.5);
    expect(Array.from(timeOrder(fractional))).toEqual(stableOrder(fractional));
    const spread = Array.from({ length: 300 }, () => midnight + rng.int(0, 3) * 40 * 86_400_000);
    expect(Array.from(timeOrder(spread))).toEqual(stableOrder(spread));
    expect(Array.from(timeOrder([]))).toEqual([]);
  });
});

describe('clock, id and line', () => {
  it('formats seconds after midnight, also outside the day', () => {
    expect(clockAfterMidnight(0)).toBe('00:00:00Z');
    expect(clockAfterMidnight(13 * 3600 + 5 * 60 + 9)).toBe('13:05:09Z');
    expect(clockAfterMidnight(86_399)).toBe('23:59:59Z');
    expect(clockAfterMidnight(86_400 + 61)).toBe('24:01:01Z');
    expect(eventId(42)).toBe('evt-00000042');
  });

  it('writes the same line as JSON.stringify of the stamped event, serialised or not', () => {
    const event = eventHead('email', 'send');
    event['email.to'] = ['a@b.example'];
    event.content = 'Line one\n"quoted" — \\ done';
    event['file.size'] = 12.5;
    const stamped = JSON.stringify({ ...event, '@timestamp': '2026-03-02T09:00:00Z', 'event.id': 'evt-1' });

    const serialised = newDayBatch('lines');
    addEvent(serialised, 0, event);
    expect(typeof serialised.items[0]).toBe('string');
    expect(eventLine(serialised.items[0]!, '2026-03-02T09:00:00Z', 'evt-1')).toBe(stamped);

    const objects = newDayBatch('objects');
    addEvent(objects, 0, event);
    expect(objects.items[0]).toBe(event);
    expect(eventLine(objects.items[0]!, '2026-03-02T09:00:00Z', 'evt-1')).toBe(stamped);
  });

  it('keeps an event whose head a scenario overrode as an object, and still writes it correctly', () => {
    const event = { ...eventHead('web', 'visit'), '@timestamp': 'fixed' };
    const batch = newDayBatch('lines');
    addEvent(batch, 0, event);
    expect(batch.items[0]).toBe(event);
    expect(eventLine(batch.items[0]!, 'T', 'evt-9')).toBe(
      JSON.stringify({ ...event, '@timestamp': 'T', 'event.id': 'evt-9' }),
    );
    expect(event['@timestamp']).toBe('fixed');
  });
});

describe('ChunkWriter', () => {
  it('cuts NDJSON into whole lines, also when a line is larger than a chunk', () => {
    const batch = newDayBatch('bytes');
    const events = ['short', 'x'.repeat(300), 'naïve — café', 'last'].map((text) => {
      const event = eventHead('chat', 'message');
      event.content = text;
      addEvent(batch, 0, event);
      return event;
    });
    const writer = new ChunkWriter(64);
    const chunks = [];
    for (let i = 0; i < events.length; i++) {
      const full = writer.add(batch, i, '2026-03-02T10:00:00Z', eventId(i + 1));
      if (full) chunks.push(full);
    }
    chunks.push(writer.finish()!);
    expect(writer.finish()).toBeNull();
    const expected = events.map((e, i) =>
      JSON.stringify({ ...e, '@timestamp': '2026-03-02T10:00:00Z', 'event.id': eventId(i + 1) }),
    );
    const decoded = chunks.map((c) => new TextDecoder().decode(c.bytes));
    for (const text of decoded) expect(text.endsWith('\n')).toBe(true);
    expect(decoded.join('')).toBe(expected.join('\n') + '\n');
    expect(chunks.reduce((sum, c) => sum + c.events, 0)).toBe(4);
  });
});
