import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import { runTests } from './run-tests.ts';
import { duplicateTestNames } from './validate-tests.ts';

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

describe('a correlation over a correlation whose alerts are building blocks', () => {
  const CHAIN = `title: Confidential read
id: conf-read
logsource: { category: file }
detection:
  sel: { event.action: read }
  condition: sel
---
title: Bulk reads
id: bulk-reads
correlation: { type: event_count, rules: [conf-read], group-by: [user.name], timespan: 10m, condition: { gte: 3 } }
---
title: Repeated bulk reads
id: repeated-bulk-reads
correlation: { type: event_count, rules: [bulk-reads], group-by: [user.name], timespan: 1d, condition: { gte: 2 } }
`;
  const failuresOf = (users: string[], expected: string) => {
    const text = `${CHAIN}---
kind: test
name: t
events:
${users.map((user, i) => `  - { "@timestamp": "2026-03-04T10:0${i}:00Z", event.category: file, event.action: read, user.name: ${user} }`).join('\n')}
expect: { fire: [${expected}] }
`;
    return (
      runTests(compilePack([{ name: 'pack.yml', text }]).pack).find((r) => r.name === 't')?.failures ?? []
    );
  };

  it('counts the inner correlation’s detections, though its alerts are suppressed', () => {
    const failures = failuresOf(['al', 'al', 'al'], 'repeated-bulk-reads');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('"bulk-reads" 1 detection(s)');
    expect(failures[0]).not.toContain('0 alert(s)');
    expect(failures[0]).not.toContain('none of the test');
    expect(failures[0]).toContain('groups: user.name="al": 1 detection(s)');
    expect(failures[0]).toContain('the event_count condition is gte 2 within 1d');
  });

  it('says none of the events makes an inner detection when none does, with the inner one’s groups', () => {
    const failures = failuresOf(['al', 'al', 'bo'], 'repeated-bulk-reads');
    expect(failures[0]).toContain('"bulk-reads" 0 detection(s); nothing it reads was detected');
    expect(failures[0]).toContain(
      '"bulk-reads" (events matched per rule: "conf-read" 3; groups: user.name="al": 2 event(s) over 1m; user.name="bo": 1 event(s)',
    );
  });

  it('says an inner correlation that fired was suppressed as the outer one’s building block', () => {
    const failures = failuresOf(['al', 'al', 'al'], 'bulk-reads');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('expected "bulk-reads" to fire: it fired 1 time(s)');
    expect(failures[0]).toContain(
      'suppressed because correlation "repeated-bulk-reads" uses it as a building block',
    );
  });
});

describe('a test of a rule, correlation or classifier that has errors', () => {
  const failuresOf = (text: string) => {
    const compiled = compilePack([{ name: 'pack.yml', text }]);
    return runTests(compiled.pack, compiled.errors).find((r) => r.name === 't')?.failures ?? [];
  };

  it('says the rule exists but did not compile, where, and its first error, not that it is missing', () => {
    const failures = failuresOf(`title: Broken
id: broken
logsource: { category: email }
detection:
  sel: { destination.domain|contians: gmail }
  condition: sel
---
kind: test
name: t
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: email, destination.domain: gmail.com }
expect: { not_fire: [broken] }
`);
    expect(failures).toEqual([
      'rule "broken" (pack.yml:1) has errors, so it was not compiled and no test of it can pass: pack.yml:5:10: unknown modifier "contians" (did you mean "contains"?)',
    ]);
  });

  it('says the same of a correlation', () => {
    const failures = failuresOf(`${PACK}---
title: Many
id: many
correlation: { type: event_count, rules: [large-copy], group-by: [user.name], timespan: 1h, condition: { gte: 3 } }
---
title: Many broken
id: many-broken
correlation: { type: event_count, rules: [large-copyy], timespan: 1h, condition: { gte: 3 } }
---
kind: test
name: t
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: copy, file.size: 5000 }
expect: { fire: [many-broken] }
`);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^correlation "many-broken" \(pack\.yml:\d+\) has errors, so it was not compiled and no test of it can pass/,
    );
  });

  it('says the same of a classifier', () => {
    const failures = failuresOf(`kind: classifier
id: employee-id
name: Employee id
patterns:
  - { name: id, confidence: high, regex: 'EMP-\\d{6}' }
mask: partial
---
kind: test
name: t
text: EMP-123456
expect: { classifiers: { employee-id: 1 } }
`);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^classifier "employee-id" \(pack\.yml:1\) has errors, so it was not compiled and no test of it can pass/,
    );
  });
});

describe('test documents an author gets slightly wrong', () => {
  const compiled = (body: string) =>
    compilePack([{ name: 'pack.yml', text: `${PACK}---\nkind: test\nname: t\n${body}` }]);

  it('refuses a test with an empty events list, which no rule fires on, located at the list', () => {
    const { errors } = compiled('events: []\nexpect: { not_fire: [large-copy] }');
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      ['test "t" has no events: add at least one event for its expectations to check', 26],
    ]);
  });

  it('points a test without events at a misspelt "events:" key', () => {
    const { errors } = compiled(
      'event:\n  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file }\nexpect: { fire: [large-copy] }',
    );
    expect(errors.map((e) => [e.line, e.suggestion])).toEqual([
      [26, '"event" is not read: did you mean "events"?'],
    ]);
  });
});

describe('duplicateTestNames', () => {
  it('warns at the second test of a name, naming the first', () => {
    const test =
      'kind: test\nname: same\nevents: [{ event.category: file }]\nexpect: { not_fire: [large-copy] }\n';
    const { pack } = compilePack([{ name: 'pack.yml', text: `${PACK}---\n${test}---\n${test}` }]);
    expect(duplicateTestNames(pack.tests).map((d) => [d.line, d.severity, d.message])).toEqual([
      [30, 'warning', 'another test is already named "same" (pack.yml:25)'],
    ]);
  });
});

describe('a rule on the access decision, which the pack’s access policies make', () => {
  const ACCESS = `kind: access
id: shares
title: Shares
entitlements:
  - { id: finance-read, roles: [accountant], actions: [read], resources: { ids: [fs-finance] } }
---
title: Denied read
id: denied-read
logsource: { category: file }
detection:
  sel: { event.action: read, access.decision: deny }
  condition: sel
`;
  const failuresOf = (user: string, expectation: string, directory = '') => {
    const text = `${ACCESS}---
kind: test
name: t
events:
  - { "@timestamp": "2026-03-04T14:05:00Z", event.category: file, event.action: read, user.name: ${user}, resource.id: fs-finance }
${directory}expect: { ${expectation}: [denied-read] }
`;
    return (
      runTests(compilePack([{ name: 'pack.yml', text }]).pack).find((r) => r.name === 't')?.failures ?? []
    );
  };

  it('gives the reason for a denial the author did not expect', () => {
    const failures = failuresOf('ghost', 'not_fire');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('access.decision="deny"');
    expect(failures[0]).toMatch(/access\.reason: no entitlement lets ghost/);
    expect(failures[0]).toContain(
      'user "ghost" is not in the test\'s `directory:`, so has no role or groups',
    );
  });

  it('gives the reason for an allow the author did not expect', () => {
    const failures = failuresOf('acc', 'fire', 'directory:\n  - { name: acc, role: accountant }\n');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('access.decision expects deny, event has allow');
    expect(failures[0]).toContain('access.reason: entitlement "finance-read" lets');
  });
});

describe('what a failure names', () => {
  const compiled = (tests: string) =>
    compilePack([
      {
        name: 'pack.yml',
        text: `${PACK.replace('id: large-copy', 'id: large-copy\nname: big_copy')}---
title: Many large copies
id: many-large-copies
correlation: { type: event_count, rules: [large-copy], group-by: [user.name], timespan: 1h, condition: { gte: 2 } }
---
${tests}`,
      },
    ]);
  const copy = (minute: number) =>
    `  - { "@timestamp": "2026-03-04T14:0${minute}:00Z", event.category: file, event.action: copy, file.size: 5000, user.name: al }`;
  const failuresOf = (tests: string) => {
    const { pack, errors } = compiled(tests);
    return runTests(pack, errors).find((r) => r.name === 't')?.failures ?? [];
  };

  it('says a building block expected in `alerts` matched and was suppressed, not that it made none', () => {
    const failures = failuresOf(
      `kind: test\nname: t\nevents:\n${copy(1)}\nexpect: { alerts: [{ rule: large-copy, count: 1 }] }\n`,
    );
    expect(failures).toEqual([
      'expected 1 alert(s) from "large-copy", got 0: it matched 1 event(s), but its alerts are suppressed because correlation "many-large-copies" uses it as a building block without `generate: true` (set generate: true there, or expect "many-large-copies" instead)',
    ]);
  });

  it('lists the alerts a wrong count got, with their time and events', () => {
    const failures = failuresOf(
      `kind: test\nname: t\nevents:\n${copy(1)}\n${copy(2)}\nexpect: { alerts: [{ rule: many-large-copies, count: 2 }] }\n`,
    );
    expect(failures).toEqual([
      'expected 2 alert(s) from "many-large-copies", got 1 (2026-03-04T14:02:00Z on t1, t2)',
    ]);
  });

  it('names the rule as the test wrote it (its Sigma name), not its id', () => {
    const failures = failuresOf(
      `kind: test\nname: t\nevents:\n${copy(1)}\nexpect: { alerts: [{ rule: big_copy }] }\n`,
    );
    expect(failures[0]).toMatch(/^expected at least 1 alert\(s\) from "big_copy", got 0: it matched 1 event/);
  });

  it('says a title is not how a test names a rule, and which id to use', () => {
    const failures = failuresOf(
      `kind: test\nname: t\nevents:\n${copy(1)}\nexpect: { not_fire: [Large copy] }\n`,
    );
    expect(failures).toEqual([
      'no rule or correlation has id "Large copy" ("Large copy" is the title of rule "large-copy": name it by its id or name)',
    ]);
  });

  it('checks the rule a test says it is about (`rule:`), located', () => {
    const tests = `kind: test\nname: t\nrule: large-cpy\nevents:\n${copy(1)}\nexpect: { fire: [many-large-copies] }\n`;
    const { errors } = compiled(tests);
    expect(errors.map((e) => e.message)).toEqual(['the pack has no rule or correlation "large-cpy"']);
    expect(failuresOf(tests)).toEqual([
      'no rule or correlation has id "large-cpy" (did you mean "large-copy"?)',
      'expected "many-large-copies" to fire, it did not: events matched per rule: "large-copy" 1; groups: user.name="al": 1 event(s); the event_count condition is gte 2 within 1h',
    ]);
  });
});

describe('a correlation’s groups against what its condition measures', () => {
  const failuresOf = (correlation: string, events: string[]) => {
    const text = `title: Read
id: read
logsource: { category: file }
detection:
  sel: { event.action: read }
  condition: sel
---
title: Write
id: write
logsource: { category: file }
detection:
  sel: { event.action: write }
  condition: sel
---
title: C
id: c
correlation: ${correlation}
---
kind: test
name: t
events:
${events.map((e) => `  - { event.category: file, user.name: al, ${e} }`).join('\n')}
expect: { fire: [c] }
`;
    return (
      runTests(compilePack([{ name: 'pack.yml', text }]).pack).find((r) => r.name === 't')?.failures ?? []
    );
  };
  const at = (hour: string) => `"@timestamp": "2026-03-04T${hour}:00Z"`;

  it('gives how long a group spans, against the timespan', () => {
    const failures = failuresOf(
      '{ type: event_count, rules: [read], group-by: [user.name], timespan: 10m, condition: { gte: 2 } }',
      [`${at('09:00')}, event.action: read`, `${at('11:30')}, event.action: read`],
    );
    expect(failures[0]).toContain(
      'groups: user.name="al": 2 event(s) over 2h 30m; the event_count condition',
    );
  });

  it('gives the distinct values a value_count counts', () => {
    const failures = failuresOf(
      '{ type: value_count, rules: [read], group-by: [user.name], timespan: 1h, condition: { gte: 2, field: file.name } }',
      [
        `${at('09:00')}, event.action: read, file.name: a`,
        `${at('09:01')}, event.action: read, file.name: a`,
      ],
    );
    expect(failures[0]).toContain('2 event(s) over 1m, 1 distinct file.name');
  });

  it('gives the order a temporal_ordered group came in, and the rule it lacks', () => {
    const ordered = failuresOf(
      '{ type: temporal_ordered, rules: [read, write], group-by: [user.name], timespan: 1d }',
      [`${at('09:00')}, event.action: write`, `${at('10:00')}, event.action: read`],
    );
    expect(ordered[0]).toContain('in time order: "write", "read"');
    expect(ordered[0]).toContain('of its rules ("read", then "write") within 1d');
    const lacking = failuresOf(
      '{ type: temporal, rules: [read, write], group-by: [user.name], timespan: 1d }',
      [`${at('09:00')}, event.action: write`],
    );
    expect(lacking[0]).toContain('1 event(s), no "read"');
    expect(lacking[0]).toContain('of its rules ("read", "write", in any order)');
  });
});
