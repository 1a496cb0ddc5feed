// A field item's answers remembered by the value they were computed for (see `remembered`): the
// item's test is a function of `event[field]` alone, so an answer may be reused for the same value.
import { joinedReader } from '../event/join.ts';
import type { EngineEvent, EventValue } from '../types.ts';

/** Longest text whose result is remembered: hashing a long text costs more than the test. */
const REMEMBERED_LENGTH = 200;
/** Entries kept per item before the table starts afresh (a field of many distinct values). */
const REMEMBERED_ENTRIES = 4096;

/** No value an event can hold: what an item has "last seen" before its first test. */
const NOTHING_YET = Symbol('nothing yet');

/**
 * An item's result remembered by the value it was computed for: the last value (the same
 * `@timestamp|hour` item tested by a dozen rules of one event, once items are shared, costs one
 * comparison), and per text in a table (logs repeat the same actions, paths, hosts and addresses;
 * a remembered answer costs one hash lookup where the test lower-cases the value and tries every
 * needle). Only for tests that read nothing but `event[field]`. A field whose texts rarely repeat
 * (ids, times) stops filling the table after a first sample; lists are always tested.
 */
export function remembered(
  field: string,
  test: (raw: EventValue | undefined) => boolean,
): (event: EngineEvent, head?: EngineEvent) => boolean {
  const known = new Map<string, boolean>();
  let misses = 0;
  let hits = 0;
  let tabled = true;
  let last: unknown = NOTHING_YET;
  let lastAnswer = false;
  const read = joinedReader(field);
  return (event, head) => {
    const raw = read(event, head);
    if (raw === last) return lastAnswer;
    let answer: boolean | undefined;
    if (tabled && typeof raw === 'string' && raw.length <= REMEMBERED_LENGTH) {
      answer = known.get(raw);
      if (answer !== undefined) hits++;
      else {
        answer = test(raw);
        if (++misses === 2048 && hits < misses) tabled = false;
        if (known.size >= REMEMBERED_ENTRIES) known.clear();
        known.set(raw, answer);
      }
    } else answer = test(raw);
    if (typeof raw !== 'object') {
      last = raw;
      lastAnswer = answer;
    }
    return answer;
  };
}
