// A field is only an event's own property: names every object inherits (`constructor`, `toString`,
// `__proto__`…) are no fields of an event that lacks them, and work as selection names.
import { describe, expect, it } from 'vitest';
import type { ContentSpan, EngineEvent } from '../types.ts';
import { compileFieldItem } from './field-item.ts';
import { compileRuleText, itemRule, ruleMatches } from './rule-fixture.ts';

const EVENTS: EngineEvent[] = [
  { 'user.name': 'bob', message: 'hello' },
  { 'user.name': 'carol', 'event.category': 'file' },
];

/** Own `__proto__` as JSON.parse (and so a decoded event) gives it. */
const withOwn = (field: string, value: string): EngineEvent =>
  JSON.parse(`{"user.name": "alice", ${JSON.stringify(field)}: ${JSON.stringify(value)}}`) as EngineEvent;

describe('field items on names objects inherit', () => {
  it.each([
    ['constructor|exists', true],
    ['__proto__|exists', true],
    ['toString|exists', true],
    ['hasOwnProperty|exists', true],
    ['constructor', '*'],
    ['hasOwnProperty|contains', 'function'],
    ['toString|re', 'native'],
    ['valueOf|startswith', 'function'],
  ])('%s: %j does not fire on an event lacking the field', (key, value) => {
    for (const event of EVENTS) expect(ruleMatches(itemRule(key, value), event)).toBe(false);
  });

  it.each(['valueOf', 'constructor', '__proto__', 'toString'])(
    '%s: null and exists: false fire on an event lacking the field',
    (field) => {
      for (const event of EVENTS) {
        expect(ruleMatches(itemRule(field, null), event)).toBe(true);
        expect(ruleMatches(itemRule(`${field}|exists`, false), event)).toBe(true);
      }
    },
  );

  it.each(['constructor', '__proto__', 'prototype', 'toString'])(
    '%s: the own field still matches',
    (field) => {
      const event = withOwn(field, 'evil');
      expect(Object.hasOwn(event, field)).toBe(true);
      expect(ruleMatches(itemRule(field, 'evil'), event)).toBe(true);
      expect(ruleMatches(itemRule(`${field}|exists`, true), event)).toBe(true);
      expect(ruleMatches(itemRule(field, null), event)).toBe(false);
    },
  );

  it('reads the head (the directory join) by own property too', () => {
    const item = compileFieldItem('constructor|exists', true).item;
    expect(item?.test({ 'user.name': 'bob' }, { 'user.department': 'it' })).toBe(false);
    const exists = compileFieldItem('user.department|exists', true).item;
    expect(exists?.test({ 'user.name': 'bob' }, { 'user.department': 'it' })).toBe(true);
  });

  it('a field reference to an inherited name is absent', () => {
    const rule = itemRule('message|fieldref', 'constructor');
    expect(ruleMatches(rule, { message: String(Object) })).toBe(false);
    const fieldrefOf = itemRule('constructor|fieldref', 'message');
    expect(ruleMatches(fieldrefOf, { message: String(Object) })).toBe(false);
    expect(ruleMatches(fieldrefOf, { ...withOwn('constructor', 'x'), message: 'x' })).toBe(true);
  });

  it('an explanation shows no inherited value', () => {
    const item = compileFieldItem('constructor', null).item;
    expect(item?.explain({ a: 1 })?.value).toBeNull();
  });
});

describe('selections and content matchers named as inherited properties', () => {
  it.each(['constructor', 'prototype', '__proto__', 'toString'])('a selection named %s works', (name) => {
    const rule = `title: t\ndetection:\n  ${name}: { user.name: bob }\n  condition: ${name}\n`;
    const { rule: compiled, errors } = compileRuleText(rule);
    expect(errors).toEqual([]);
    expect(compiled?.test({ event: { 'user.name': 'bob' }, spans: () => [] })).toBe(true);
    expect(compiled?.test({ event: { 'user.name': 'eve' }, spans: () => [] })).toBe(false);
  });

  it('"1 of them" and "not" reach a selection named constructor', () => {
    const rule =
      'title: t\ndetection:\n  constructor: { a: 1 }\n  prototype: { b: 2 }\n  condition: 1 of them and not prototype\n';
    expect(ruleMatches(rule, { a: 1 })).toBe(true);
    expect(ruleMatches(rule, { a: 1, b: 2 })).toBe(false);
  });

  it('a selection named constructor is still checked', () => {
    const { errors } = compileRuleText(
      'title: t\ndetection:\n  constructor: { a|nosuch: 1 }\n  condition: constructor\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, message: 'unknown modifier "nosuch"' });
  });

  it('a content matcher named constructor is read and checked', () => {
    const good =
      'title: t\ndetection:\n  s: { a: 1 }\n  condition: s and constructor\ncontent:\n  constructor: { classifier: ssn }\n';
    const { rule, errors } = compileRuleText(good);
    expect(errors).toEqual([]);
    const span: ContentSpan = {
      classifier: 'ssn',
      field: 'content',
      start: 0,
      end: 1,
      confidence: 90,
      level: 'high',
      masked: '*',
      decidedBy: {},
    };
    expect(rule?.test({ event: { a: 1, content: 'x' }, spans: () => [span] })).toBe(true);
    expect(rule?.test({ event: { a: 1, content: 'x' }, spans: () => [] })).toBe(false);

    const bad =
      'title: t\ndetection:\n  s: { a: 1 }\n  condition: s and constructor\ncontent:\n  constructor: { classifer: ssn }\n';
    const checked = compileRuleText(bad);
    expect(checked.rule).toBeUndefined();
    expect(checked.errors.map((e) => e.path)).toContain('content.constructor.classifer');
  });

  it('a content matcher does not collide with an inherited name of the detection', () => {
    const rule =
      'title: t\ndetection:\n  s: { a: 1 }\n  condition: s and toString\ncontent:\n  toString: { classifier: ssn }\n';
    expect(compileRuleText(rule).errors).toEqual([]);
  });
});
