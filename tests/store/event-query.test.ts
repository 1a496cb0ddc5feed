import { describe, it, expect } from 'vitest';
import type { EngineEvent } from '../../src/engine/types.ts';
import { DatasetWriter } from '../../src/store/dataset-writer.ts';
import { deleteDataset } from '../../src/store/datasets.ts';
import { eventPredicate, type EventFilter } from '../../src/store/event-match.ts';
import { FilterSupersededError, storedEvents } from '../../src/store/event-query.ts';
import { openTestDatabase } from './test-database.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2);
const SEGMENT = 50;

/** 400 events over 8 days in time order (50 a day, one segment a day), of varied shapes. */
function makeEvents(): EngineEvent[] {
  return Array.from({ length: 400 }, (_, i) => {
    const day = Math.floor(i / SEGMENT);
    const event: EngineEvent = {
      '@timestamp': new Date(START + day * DAY + (i % SEGMENT) * 600_000).toISOString().replace('.000Z', 'Z'),
      'event.id': `e${i}`,
      // (Some written as ECS lists: such an event is of each category it lists.)
      'event.category':
        i % 4 === 0 ? 'email' : i % 4 === 1 ? 'file' : i % 8 === 2 ? ['web', 'network'] : 'device',
      // "night-owl" only acts on day 6; everybody else every day.
      'user.name': day === 6 && i % 10 === 0 ? 'night-owl' : `user${i % 7}`,
      'file.size': i * 10,
    };
    if (i % 4 === 0) event['email.to'] = i % 8 === 0 ? ['x@Gmail.com'] : ['boss@corp.example'];
    if (i % 5 === 0)
      event.content = `Quarterly figures row ${i}: customer list with card 4111 1111 1111 1111, please keep this`;
    if (i % 50 === 17) {
      event['labels.scenario'] = i < 200 ? 'leak' : 'fraud';
      event['labels.step'] = Math.floor(i / 50);
    }
    return event;
  });
}

async function storeEvents(events: EngineEvent[], id = 'd') {
  const db = await openTestDatabase();
  const writer = await DatasetWriter.begin(
    db,
    { id, title: id, manifest: { id, title: id }, source: 'test' },
    SEGMENT,
  );
  await writer.append(events);
  await writer.commit();
  return db;
}

const ids = (events: readonly EngineEvent[]) => events.map((e) => e['event.id']);

describe('stored event queries', () => {
  const events = makeEvents();

  it('pages an unfiltered dataset across segment boundaries without counting anything', async () => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    const first = await store.query('d', {}, 0, 30);
    expect(first.total).toBe(400);
    expect(first.events).toEqual(events.slice(0, 30));
    // The count came from the dataset record: only the first page's segment was read.
    expect(store.stats.segmentsRead).toBe(1);
    expect((await store.query('d', {}, 40, 25)).events).toEqual(events.slice(40, 65));
    expect((await store.query('d', {}, 390, 25)).events).toEqual(events.slice(390));
    expect((await store.query('d', {}, 400, 25)).events).toEqual([]);
  });

  it('finds every event whose category list holds the category asked for', async () => {
    const store = storedEvents(await storeEvents(events));
    const page = await store.query('d', { category: 'network' }, 0, 500);
    expect(page.total).toBe(50);
    expect(page.events.every((e) => (e['event.category'] as string[]).includes('network'))).toBe(true);
  });

  it.each<[string, EventFilter]>([
    ['a user', { user: 'user3' }],
    ['a category', { category: 'email' }],
    ['a category an ECS list holds', { category: 'network' }],
    ['benign only', { label: 'benign' }],
    ['labelled only', { label: 'labelled' }],
    ['one scenario', { label: 'fraud' }],
    ['a field contains, case-insensitive, lists included', { field: 'email.to', value: 'gmail' }],
    ['any field contains', { value: 'CUSTOMER LIST' }],
    ['a text match never spans two events', { value: 'keep thisquarterly' }],
    ['a field contains, in long text', { field: 'content', value: 'row 35:' }],
    ['a number field as text', { field: 'file.size', value: '1230' }],
    ['field=value', { value: 'event.category=FILE' }],
    ['a field that is present', { field: 'labels.step' }],
    ['a time range, the end date inclusive', { from: '2026-03-04', to: '2026-03-05' }],
    ['an instant range', { from: '2026-03-03T05:00:00Z', to: '2026-03-03T06:00:00Z' }],
    ['filters combine', { user: 'user2', category: 'device', from: '2026-03-06' }],
    ['nothing matches', { user: 'nobody' }],
  ])('%s: the same events as the filter on event objects, paged', async (_name, filter) => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    const expected = events.filter(eventPredicate(filter));
    const first = await store.query('d', filter, 0, 7);
    expect(first.total).toBe(expected.length);
    expect(first.events).toEqual(expected.slice(0, 7));
    const all: EngineEvent[] = [];
    for (let offset = 0; offset < first.total; offset += 9)
      all.push(...(await store.query('d', filter, offset, 9)).events);
    expect(ids(all)).toEqual(ids(expected));
  });

  it('skips segments by time range and user without reading them', async () => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    const twoDays = await store.query('d', { from: '2026-03-04', to: '2026-03-05' }, 0, 10);
    expect(twoDays.total).toBe(100);
    expect(store.stats.segmentsRead).toBe(2);
    const before = store.stats.segmentsRead;
    const owl = await store.query('d', { user: 'night-owl' }, 0, 10);
    expect(owl.total).toBe(5);
    expect(owl.events.every((e) => e['@timestamp']!.toString().startsWith('2026-03-08'))).toBe(true);
    expect(store.stats.segmentsRead - before).toBe(1);
  });

  it('keeps the matches of the last filter: paging to the end reads only that page’s segment', async () => {
    const db = await storeEvents(events);
    // A cache of one segment: what a page reads is what the test counts.
    const store = storedEvents(db, 1);
    const filter = { category: 'file' };
    const { total } = await store.query('d', filter, 0, 5);
    expect(total).toBe(100);
    const before = store.stats.segmentsRead;
    const last = await store.query('d', filter, 95, 5);
    expect(ids(last.events)).toEqual(ids(events.filter(eventPredicate(filter)).slice(95)));
    expect(store.stats.segmentsRead - before).toBe(1);
  });

  it('abandons the count of a filter a newer one replaced', async () => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    const older = store.query('d', { user: 'user1' }, 0, 10);
    const newer = store.query('d', { user: 'user2' }, 0, 10);
    await expect(older).rejects.toBeInstanceOf(FilterSupersededError);
    expect((await newer).total).toBe(events.filter((e) => e['user.name'] === 'user2').length);
  });

  it('finds events by id in the order asked, leaving out unknown ids, with or without a time hint', async () => {
    const db = await storeEvents(events);
    expect(await storedEvents(db).lookup('d', ['e310', 'nope', 'e3'])).toEqual([events[310], events[3]]);
    const store = storedEvents(db);
    // The hint is the day of e310: that segment is read first, and nothing after it.
    expect(await store.lookup('d', ['e310'], String(events[310]!['@timestamp']))).toEqual([events[310]]);
    expect(store.stats.segmentsRead).toBe(1);
  });

  it('reads the whole dataset, its labelled events and its field names', async () => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    expect(await store.readAll('d')).toEqual(events);
    expect(await store.labelled('d')).toEqual(events.filter((e) => e['labels.scenario']));
    expect(await store.fields('d')).toEqual([...new Set(events.flatMap((e) => Object.keys(e)))].sort());
  });

  it('says clearly when a date is not a date or the dataset is gone', async () => {
    const db = await storeEvents(events);
    const store = storedEvents(db);
    await expect(store.query('d', { from: '2026-13-45' }, 0, 10)).rejects.toThrow(/is not a date/);
    await store.query('d', {}, 0, 10);
    await deleteDataset(db, 'd');
    store.forget('d');
    await expect(store.query('d', {}, 0, 10)).rejects.toThrow(/not in this browser's store/);
  });
});
