// A field is only an event's own property, also where a run reads the joined event `{ ...head, ...event }`.
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventValue } from '../types.ts';
import { fieldReader, isInheritedName, joinedReader, joinedValue, makeHeads, setField } from './join.ts';

const EVENT: EngineEvent = { 'user.name': 'alice', 'resource.id': 'r1' };
const OWN = JSON.parse('{"constructor": "c", "__proto__": "p", "toString": "t"}') as EngineEvent;

describe('inherited names', () => {
  it('tells the names every object inherits', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(isInheritedName(name)).toBe(true);
    for (const name of ['user.name', 'prototype', 'content', '']) expect(isInheritedName(name)).toBe(false);
  });

  it('joinedValue reads own properties only, of the event and of its head', () => {
    const head = makeHeads({
      directory: [{ name: 'alice', department: 'it' } as never],
      resources: [{ id: 'r1', owner: 'bob' } as never],
    })('alice', 'r1');
    expect(head).toBeDefined();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(joinedValue(EVENT, head, name)).toBeUndefined();
      expect(joinedValue(EVENT, undefined, name)).toBeUndefined();
      expect(joinedReader(name)(EVENT, head)).toBeUndefined();
      expect(fieldReader(name)(EVENT)).toBeUndefined();
    }
    expect(joinedValue(EVENT, head, 'user.department')).toBe('it');
    expect(joinedReader('resource.owner')(EVENT, head)).toBe('bob');
    expect(joinedValue(OWN, head, '__proto__')).toBe('p');
    expect(joinedReader('constructor')(OWN, undefined)).toBe('c');
    expect(fieldReader('toString')(OWN)).toBe('t');
    expect(joinedReader('constructor')({}, OWN)).toBe('c');
  });

  it('setField keeps `__proto__` as a field rather than a prototype', () => {
    const record: EngineEvent = {};
    setField<EventValue>(record, '__proto__', ['a', 'b']);
    setField<EventValue>(record, 'constructor', 'x');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(JSON.stringify(record)).toBe('{"__proto__":["a","b"],"constructor":"x"}');
  });
});
