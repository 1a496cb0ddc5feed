import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import { runTests } from './run-tests.ts';

const PACK = `title: Large copy
id: large-copy
logsource: { category: file }
detection:
  sel:
    event.action: copy
    file.size|gte: 1000
  condition: sel
---
kind: test
name: a large copy fires
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 500 }
expect:
  fire: [large-copy]
---
kind: test
name: a small copy stays quiet
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 50 }
expect:
  not_fire: [large-copy]
`;

describe('pack tests', () => {
  const results = runTests(compilePack([{ name: 'pack.yml', text: PACK }]).pack);

  it('passes a must-not-fire case the rule indeed ignores', () => {
    const quiet = results.find((r) => r.name === 'a small copy stays quiet');
    expect(quiet?.failures).toEqual([]);
  });

  it('explains a must-fire failure with the deciding field: expected, actual and the smallest fix', () => {
    const failed = results.find((r) => r.name === 'a large copy fires');
    expect(failed?.failures).toHaveLength(1);
    const message = failed?.failures[0] ?? '';
    expect(message).toContain('expected "large-copy" to fire, it did not');
    expect(message).toContain('file.size|gte expects 1000, event has 500');
    expect(message).toContain('lower the threshold');
  });
});

describe('test documents that would check nothing, or could never pass', () => {
  const test = (body: string) => `kind: test\nname: t\n${body}`;
  const problems = (body: string) =>
    compilePack([{ name: 'pack.yml', text: `${PACK}---\n${test(body)}` }]).errors.map((e) => e.message);
  const events = 'events:\n  - { event.category: file, event.action: copy, file.size: 5000 }\n';

  it.each([
    [`${events}expect: {}`, 'test "t" expects nothing: add fire, not_fire, alerts or classifiers'],
    [
      `${events}expect: { classifiers: { x: 1 } }`,
      '"classifiers" checks a "text:" test; a test with "events:" checks fire, not_fire and alerts',
    ],
    [
      'text: hello\nexpect: { fire: [large-copy], classifiers: { x: 0 } }',
      'fire, not_fire and alerts check a test with "events:"; a "text:" test checks classifiers',
    ],
    [
      `${events}expect: { fire: [large-copy], not_fire: [large-copy] }`,
      '"large-copy" is expected both to fire and not to fire',
    ],
    [
      'text: hello\nexpect: { classifiers: { x: { min: 3, max: 1 } } }',
      '"x" expects at least 3 and at most 1 matches, which no text can have',
    ],
    [
      `${events}text: hello\nexpect: { fire: [large-copy] }`,
      'test "t" has both "events:" and "text:": write two tests',
    ],
  ])('refuses %j', (body, message) => {
    expect(problems(body)).toEqual([message]);
  });

  it('names a rule or correlation by its Sigma name, as correlations do', () => {
    const named = PACK.replace('id: large-copy', 'id: large-copy\nname: big_copy');
    const pack = compilePack([
      {
        name: 'pack.yml',
        text: `${named}---\n${test(`${events.replace('5000', '5000, "@timestamp": "2026-03-04T14:05:00Z"')}expect: { fire: [big_copy] }`)}`,
      },
    ]).pack;
    expect(runTests(pack).find((r) => r.name === 't')?.failures).toEqual([]);
  });
});

describe('a rule whose alerts a correlation suppresses', () => {
  it('says it matched and was suppressed as the correlation’s building block, naming it', () => {
    const pack = compilePack([
      {
        name: 'pack.yml',
        text: `${PACK}---
title: Many large copies
id: many-large-copies
correlation: { type: event_count, rules: [large-copy], group-by: [user.name], timespan: 1h, condition: { gte: 3 } }
---
kind: test
name: t
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 5000, user.name: a }
expect: { fire: [large-copy] }
`,
      },
    ]).pack;
    const failures = runTests(pack).find((r) => r.name === 't')?.failures ?? [];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('it matched 1 event(s)');
    expect(failures[0]).toContain(
      'suppressed because correlation "many-large-copies" uses it as a building block',
    );
    expect(failures[0]).not.toContain('the condition is not met');
  });
});
