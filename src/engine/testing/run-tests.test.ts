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
      `${events}expect: { fire: [] }`,
      'test "t" expects nothing: "fire" is empty; name the rules, correlations or classifiers to check',
    ],
    [
      `${events}expect: { fire: [], not_fire: [], alerts: [] }`,
      'test "t" expects nothing: "fire", "not_fire", "alerts" are empty; name the rules, correlations or classifiers to check',
    ],
    [
      'text: hello\nexpect: { classifiers: {} }',
      'test "t" expects nothing: "classifiers" is empty; name the rules, correlations or classifiers to check',
    ],
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

  it('locates an empty list at the list, and fails the test that holds it', () => {
    const text = `${PACK}---\n${test(`${events}expect:\n  fire: []`)}`;
    const compiled = compilePack([{ name: 'pack.yml', text }]);
    const line = text.split('\n').indexOf('  fire: []') + 1;
    expect(compiled.errors.map((e) => [e.message.slice(0, 24), e.line, e.column])).toEqual([
      ['test "t" expects nothing', line, 3],
    ]);
    expect(runTests(compiled.pack).find((r) => r.name === 't')?.passed).toBe(false);
  });

  it('still accepts an empty list beside a list that names something', () => {
    expect(problems(`${events}expect: { fire: [large-copy], not_fire: [] }`)).toEqual([]);
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

describe('a correlation that did not fire', () => {
  const FAILS = `title: Failed logon
id: fail
logsource: { category: authentication }
detection:
  sel: { event.action: logon-failed }
  condition: sel
---
title: Many fails
id: many-fails
correlation: { type: event_count, rules: [fail], group-by: [user.name], timespan: 5m, condition: { gte: 3 } }
`;
  const failuresOf = (events: string[]) => {
    const text = `${FAILS}---
kind: test
name: t
events:
${events.map((e) => `  - { "@timestamp": "2026-03-04T10:00:0${events.indexOf(e)}Z", event.category: authentication, ${e} }`).join('\n')}
expect: { fire: [many-fails] }
`;
    return (
      runTests(compilePack([{ name: 'pack.yml', text }]).pack).find((r) => r.name === 't')?.failures ?? []
    );
  };

  it('says the matching events lack the group-by field, so they form no group', () => {
    const failures = failuresOf([
      'event.action: logon-failed, event.id: a',
      'event.action: logon-failed, event.id: b',
      'event.action: logon-failed, event.id: c',
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('expected "many-fails" to fire, it did not: ');
    expect(failures[0]).toContain(
      '3 matching event(s) (a, b, c) lack the group-by field(s) user.name, so they belong to no group',
    );
  });

  it('says which matching events have no readable time, which correlations leave out', () => {
    const text = `${FAILS}---
kind: test
name: t
events:
  - { "@timestamp": "yesterday", event.category: authentication, event.action: logon-failed, user.name: al, event.id: a }
  - { event.category: authentication, event.action: logon-failed, user.name: al, event.id: b }
  - { "@timestamp": "2026-03-04T10:00:00Z", event.category: authentication, event.action: logon-failed, user.name: al, event.id: c }
expect: { fire: [many-fails] }
`;
    const failures =
      runTests(compilePack([{ name: 'pack.yml', text }]).pack).find((r) => r.name === 't')?.failures ?? [];
    expect(failures[0]).toContain(
      '2 matching event(s) (a, b) have no readable @timestamp, so correlations leave them out',
    );
    expect(failures[0]).toContain('groups: user.name="al": 1 event(s)');
  });

  it('says too few events match its rules, with the groups and the condition', () => {
    const failures = failuresOf([
      'event.action: logon-failed, user.name: al',
      'event.action: logon-failed, user.name: al',
      'event.action: logon-ok, user.name: al',
    ]);
    expect(failures[0]).toContain('events matched per rule: "fail" 2');
    expect(failures[0]).toContain('groups: user.name="al": 2 event(s)');
    expect(failures[0]).toContain('the event_count condition is gte 3 within 5m');
  });

  it('when no event matches its rules, gives each rule’s deciding fields', () => {
    const failures = failuresOf(['event.action: logon-ok, user.name: al']);
    expect(failures[0]).toContain('none of the test\'s events matches its rule(s) — "fail": ');
    expect(failures[0]).toContain('event.action expects logon-failed, event has logon-ok');
  });
});
