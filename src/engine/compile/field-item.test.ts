import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../types.ts';
import { compileFieldItem } from './field-item.ts';
import { compileRuleText, itemRule, ruleMatches } from './rule-fixture.ts';

type Row = [name: string, key: string, value: unknown, event: EngineEvent, expected: boolean];

// One row, one sentence of the Sigma specification (v2 rules, v2.1 modifiers appendix).
const rows: Row[] = [
  ['string matching is case-insensitive by default', 'f', 'CMD.EXE', { f: 'cmd.exe' }, true],
  ['a value without wildcards is whole-value equality', 'f', 'cmd', { f: 'cmd.exe' }, false],
  ['* matches any run of characters', 'f', '*\\cmd.exe', { f: 'C:\\Windows\\cmd.exe' }, true],
  ['? matches exactly one character', 'f', 'prog?.exe', { f: 'progA.exe' }, true],
  ['? does not match two characters', 'f', 'prog?.exe', { f: 'progAB.exe' }, false],
  ['\\* is a plain asterisk', 'f', 'a\\*b', { f: 'a*b' }, true],
  ['\\* is not a wildcard', 'f', 'a\\*b', { f: 'axxb' }, false],
  ['\\? is a plain question mark', 'f', 'why\\?', { f: 'why?' }, true],
  [
    'a plain backslash not followed by a wildcard stays as written',
    'f',
    'C:\\Windows\\x',
    { f: 'C:\\Windows\\x' },
    true,
  ],
  ['\\\\* is a backslash followed by a wildcard', 'f', 'dir\\\\*', { f: 'dir\\anything' }, true],
  ['\\\\\\* is a backslash and a plain asterisk', 'f', 'dir\\\\\\*', { f: 'dir\\*' }, true],
  ['\\\\\\* does not treat * as wildcard', 'f', 'dir\\\\\\*', { f: 'dir\\abc' }, false],
  ['four backslashes are two plain backslashes', 'f', '\\\\\\\\share', { f: '\\\\share' }, true],
  ['numbers match numbers', 'EventID', 4624, { EventID: 4624 }, true],
  ['numbers match their text', 'EventID', 4624, { EventID: '4624' }, true],
  ['booleans match booleans', 'host.managed', false, { 'host.managed': false }, true],
  ['a list of values is ORed', 'f', ['a', 'b'], { f: 'b' }, true],
  [
    'a field holding a list matches when any element matches',
    'email.to',
    '*@gmail.com',
    { 'email.to': ['a@corp.com', 'x@gmail.com'] },
    true,
  ],
  ['null matches an absent field', 'f', null, {}, true],
  ['null matches an empty field', 'f', null, { f: '' }, true],
  ['null does not match a field with a value', 'f', null, { f: 'x' }, false],
  ['an absent field never matches a value', 'f', 'x', {}, false],
  ['contains: matched anywhere', 'f|contains', 'evil', { f: 'an EVIL thing' }, true],
  ['startswith: at the beginning', 'f|startswith', 'adm', { f: 'administrator' }, true],
  ['startswith: not in the middle', 'f|startswith', 'min', { f: 'administrator' }, false],
  ['endswith: at the end', 'f|endswith', '.zip', { f: 'customers.ZIP' }, true],
  ['all: every value must match', 'f|contains|all', ['a', 'z'], { f: 'abc' }, false],
  ['all: ANDs the list', 'f|contains|all', ['a', 'c'], { f: 'abc' }, true],
  ['cased: case-sensitive', 'f|cased', 'Abc', { f: 'abc' }, false],
  ['cased: exact case matches', 'f|cased', 'Abc', { f: 'Abc' }, true],
  ['exists true: the field is present', 'f|exists', true, { f: null }, true],
  ['exists true: absent field', 'f|exists', true, {}, false],
  ['exists false: absent field', 'f|exists', false, {}, true],
  ['neq: a different value', 'f|neq', 'a', { f: 'b' }, true],
  ['neq: the same value', 'f|neq', 'a', { f: 'A' }, false],
  ['neq: different from every value of a list', 'f|neq', ['a', 'b'], { f: 'b' }, false],
  ['neq with a number', 'n|neq', 5, { n: 6 }, true],
  // pySigma reads `neq` as the detection item negated (`NOT field=value`): no value is the value.
  ['neq: an event lacking the field is different from the value', 'f|neq', 'a', {}, true],
  ['neq: a null field is different from the value', 'f|neq', 'a', { f: null }, true],
  ['neq: an absent field is different from every value of a list', 'f|neq', ['a', 'b'], {}, true],
  ['neq with a number: an absent field is different', 'n|neq', 5, {}, true],
  ['neq|contains: an absent field does not contain the value', 'f|contains|neq', 'x', {}, true],
  ['neq: an empty list holds no value', 'f|neq', 'a', { f: [] }, true],
  ['re: regular expression, unanchored', 'f|re', 'ev[il]+', { f: 'so evil' }, true],
  ['re: case-sensitive by default', 'f|re', 'evil', { f: 'EVIL' }, false],
  ['re|i: case-insensitive', 'f|re|i', 'evil', { f: 'EVIL' }, true],
  ['re: a leading (?i) is the case-insensitive flag', 'f|re', '(?i)evil', { f: 'EVIL' }, true],
  ['re|m: ^ matches at each line', 'f|re|m', '^b', { f: 'a\nb' }, true],
  ['re|s: dot matches a line break', 'f|re|s', 'a.b', { f: 'a\nb' }, true],
  ['re without s: dot does not match a line break', 'f|re', 'a.b', { f: 'a\nb' }, false],
  ['cidr: IPv4 network', 'ip|cidr', '10.0.0.0/8', { ip: '10.20.30.40' }, true],
  ['cidr: IPv4 outside', 'ip|cidr', '10.0.0.0/8', { ip: '11.0.0.1' }, false],
  ['cidr: IPv6 network', 'ip|cidr', '2001:db8::/32', { ip: '2001:db8:1::5' }, true],
  ['cidr: IPv6 outside', 'ip|cidr', 'fd00::/8', { ip: '2001:db8::1' }, false],
  // An IPv4-mapped IPv6 address (RFC 4291 2.5.5.2) is the IPv4 host it maps, written otherwise.
  [
    'cidr: an IPv4-mapped address in an IPv4 network',
    'ip|cidr',
    '10.0.0.0/8',
    { ip: '::ffff:10.1.2.3' },
    true,
  ],
  ['cidr: an IPv4-mapped address outside', 'ip|cidr', '10.0.0.0/8', { ip: '::ffff:11.1.2.3' }, false],
  ['cidr: an IPv4 address in the IPv4-mapped network', 'ip|cidr', '::ffff:0:0/96', { ip: '10.1.2.3' }, true],
  [
    'cidr: an IPv4 address in an IPv4-mapped IPv6 network',
    'ip|cidr',
    '::ffff:10.0.0.0/104',
    { ip: '10.200.0.1' },
    true,
  ],
  ['cidr: an IPv4 address outside', 'ip|cidr', '::ffff:10.0.0.0/104', { ip: '11.0.0.1' }, false],
  [
    'cidr: an IPv4 address is not in an IPv6 network of other hosts',
    'ip|cidr',
    'fe80::/10',
    { ip: '10.1.2.3' },
    false,
  ],
  ['cidr: an IPv4-compatible network is not the mapped one', 'ip|cidr', '::/96', { ip: '10.1.2.3' }, false],
  ['gt: greater than', 'n|gt', 10, { n: 11 }, true],
  ['gt: not equal', 'n|gt', 10, { n: 10 }, false],
  ['gte: greater or equal', 'n|gte', 10, { n: 10 }, true],
  ['lt: less than, numeric text in the event', 'n|lt', 10, { n: '9' }, true],
  ['lte: less or equal', 'n|lte', 10, { n: 11 }, false],
  [
    'fieldref: two fields are equal',
    'email.from|fieldref',
    'email.to',
    { 'email.from': 'a@x', 'email.to': 'A@x' },
    true,
  ],
  [
    'fieldref: two fields differ',
    'email.from|fieldref',
    'email.to',
    { 'email.from': 'a@x', 'email.to': 'b@x' },
    false,
  ],
  [
    'fieldref|neq: two fields differ',
    'user.name|fieldref|neq',
    'target.user.name',
    { 'user.name': 'a', 'target.user.name': 'b' },
    true,
  ],
  [
    'fieldref|neq: an event lacking the field differs from the other field',
    'user.name|fieldref|neq',
    'target.user.name',
    { 'target.user.name': 'b' },
    true,
  ],
  [
    'windash: a dash also matches a slash',
    'cmd|windash|contains',
    ' -enc ',
    { cmd: 'powershell /enc abc' },
    true,
  ],
  ['windash: an en dash', 'cmd|windash|contains', ' -enc ', { cmd: 'powershell \u2013enc abc' }, true],
  ['windash: dashes inside words stay dashes', 'cmd|windash|contains', 'a-b', { cmd: 'a/b' }, false],
  ['base64: the value encoded', 'f', 'aGVsbG8=', { f: 'aGVsbG8=' }, true],
  ['base64 modifier', 'f|base64', 'hello', { f: 'aGVsbG8=' }, true],
  ['base64offset|contains: offset 0', 'f|base64offset|contains', 'http://', { f: 'aHR0cDovL2V2aWw=' }, true],
  [
    'base64offset|contains: offset 1',
    'f|base64offset|contains',
    'http://',
    { f: Buffer.from('xhttp://evil').toString('base64') },
    true,
  ],
  [
    'base64offset|contains: offset 2',
    'f|base64offset|contains',
    'http://',
    { f: Buffer.from('xyhttp://evil').toString('base64') },
    true,
  ],
  [
    'utf16le|base64offset|contains',
    'f|utf16le|base64offset|contains',
    'ping',
    { f: Buffer.from('cmd /c ping x', 'utf16le').toString('base64') },
    true,
  ],
  [
    'wide is an alias of utf16le',
    'f|wide|base64offset|contains',
    'ping',
    { f: Buffer.from('xx ping', 'utf16le').toString('base64') },
    true,
  ],
  [
    'utf16be|base64',
    'f|utf16be|base64',
    'ab',
    { f: Buffer.from([0, 0x61, 0, 0x62]).toString('base64') },
    true,
  ],
  [
    'utf16 prepends a byte order mark',
    'f|utf16|base64',
    'ab',
    { f: Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0]).toString('base64') },
    true,
  ],
  [
    'expand: a placeholder matches anything',
    'user.name|expand',
    '%Administrators%',
    { 'user.name': 'root' },
    true,
  ],
  ['hour: the hour as written', '@timestamp|hour', 21, { '@timestamp': '2026-03-02T21:14:00+01:00' }, true],
  ['hour|gte: off hours', '@timestamp|hour|gte', 20, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
  ['hour|lt: office hours', '@timestamp|hour|lt', 7, { '@timestamp': '2026-03-02T21:14:00Z' }, false],
  ['minute', '@timestamp|minute', 14, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
  ['day', '@timestamp|day', 2, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
  ['week (ISO)', '@timestamp|week', 10, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
  ['month', '@timestamp|month', 3, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
  ['year', '@timestamp|year', 2026, { '@timestamp': '2026-03-02T21:14:00Z' }, true],
];

describe('field items and value modifiers (Sigma v2 / modifiers v2.1)', () => {
  it.each(rows)('%s', (_name, key, value, event, expected) => {
    expect(ruleMatches(itemRule(key, value), event)).toBe(expected);
  });
});

const invalid: [name: string, key: string, value: unknown, message: RegExp, suggestion?: string][] = [
  [
    'an unknown modifier, with a suggestion',
    'f|contans',
    'x',
    /unknown modifier "contans"/,
    'did you mean "contains"?',
  ],
  ['null inside a list', 'f', ['a', null], /null may not appear inside a list/],
  ['all with a single value', 'f|all', 'x', /at least two values/],
  ['re combined with contains', 'f|re|contains', 'x', /cannot be combined with "re"/],
  ['contains with startswith', 'f|contains|startswith', 'x', /cannot be combined/],
  ['i without re', 'f|i', 'x', /sub-modifier of "re"/],
  ['gt with text', 'f|gt', 'abc', /needs numbers/],
  ['gt with contains', 'f|contains|gt', 5, /cannot be combined/],
  ['two comparisons', 'f|gt|lt', 5, /cannot be combined/],
  ['exists with a non-boolean', 'f|exists', 'yes', /true or false/],
  ['exists with another modifier', 'f|exists|cased', true, /cannot be combined/],
  ['cidr with an invalid network', 'ip|cidr', '10.0.0.300/8', /needs networks/],
  ['base64 of a wildcard', 'f|base64', 'a*', /cannot encode wildcards/],
  ['contains before base64', 'f|contains|base64', 'a', /must come before/],
  ['cased with re', 'f|re|cased', 'a', /cannot be combined/],
  ['hour out of range', '@timestamp|hour', 24, /from 0 to 23/],
  ['neq with all', 'f|neq|all', ['a', 'b'], /cannot be combined/],
  ['a catastrophic regular expression', 'f|re', '(a+)+$', /catastrophic backtracking/],
  ['an invalid regular expression', 'f|re', '(abc', /invalid regular expression/],
  ['a modifier given twice', 'f|contains|contains', 'a', /given twice/],
];

describe('forbidden modifiers and values are located validation errors', () => {
  it.each(invalid)('%s', (_name, key, value, message, suggestion) => {
    const { rule, errors } = compileRuleText(itemRule(key, value));
    expect(rule).toBeUndefined();
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
    expect(errors[0]?.file).toBe('rule.yml');
    if (suggestion) expect(errors[0]?.suggestion).toBe(suggestion);
  });
});

describe('remembered answers (an item remembers its result per text value)', () => {
  const item = (key: string, value: unknown) => {
    const { item: compiled, problems } = compileFieldItem(key, value);
    expect(problems).toEqual([]);
    return compiled!;
  };

  it('answers each item for itself when items share a field and its values', () => {
    const evil = item('url|contains', 'evil');
    const zip = item('url|endswith', ['.ZIP', '.rar']);
    const exact = item('url', 'https://a.example/evil.zip');
    for (let round = 0; round < 3; round++) {
      expect(evil.test({ url: 'https://a.example/evil.zip' })).toBe(true);
      expect(zip.test({ url: 'https://a.example/evil.zip' })).toBe(true);
      expect(exact.test({ url: 'HTTPS://A.EXAMPLE/EVIL.ZIP' })).toBe(true);
      expect(evil.test({ url: 'https://a.example/good.rar' })).toBe(false);
      expect(zip.test({ url: 'https://a.example/good.rar' })).toBe(true);
      expect(exact.test({ url: 'https://a.example/good.rar' })).toBe(false);
      expect(evil.test({ other: 'evil' })).toBe(false);
    }
  });

  it('stays right for texts that never repeat, long texts and more texts than it keeps', () => {
    const evil = item('url|contains', 'evil');
    const notZip = item('url|endswith|neq', '.zip');
    const texts: string[] = [];
    for (let i = 0; i < 12_000; i++)
      texts.push(
        `https://h${i % 7000}.example/${i % 3 === 0 ? 'EviL' : 'fine'}${i % 5 === 0 ? '.zip' : '.txt'}`,
      );
    texts.push(`https://x.example/${'a'.repeat(300)}evil`, `https://x.example/${'a'.repeat(300)}.zip`);
    for (const pass of [texts, [...texts].reverse()])
      for (const url of pass) {
        expect(evil.test({ url })).toBe(url.toLowerCase().includes('evil'));
        expect(notZip.test({ url })).toBe(!url.toLowerCase().endsWith('.zip'));
      }
  });

  it('compiles an item once per key and value, so rules that repeat it share its answers', () => {
    expect(compileFieldItem('@timestamp|hour|lt', 6)).toBe(compileFieldItem('@timestamp|hour|lt', 6));
    expect(compileFieldItem('@timestamp|hour|lt', 6)).not.toBe(compileFieldItem('@timestamp|hour|lt', '6'));
    expect(compileFieldItem('f', ['a', 'b'])).not.toBe(compileFieldItem('f', ['a', 'c']));
    const night = item('@timestamp|hour|lt', 6);
    const events = ['2026-03-02T05:59:59Z', '2026-03-02T06:00:00Z', '2026-03-02T05:00:00Z'].map((t) => ({
      '@timestamp': t,
    }));
    // The same event twice, then alternating values, then a value changed on the same object.
    expect(events.flatMap((e) => [night.test(e), night.test(e)])).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    const event: EngineEvent = { '@timestamp': '2026-03-02T23:00:00Z' };
    expect(night.test(event)).toBe(false);
    event['@timestamp'] = '2026-03-02T01:00:00Z';
    expect(night.test(event)).toBe(true);
  });

  it('still tests lists and numbers by their values', () => {
    const evil = item('url|contains', 'evil');
    const size = item('file.size|gte', 100);
    expect(evil.test({ url: ['https://a.example/', 'https://evil.example/'] })).toBe(true);
    expect(evil.test({ url: ['https://a.example/'] })).toBe(false);
    expect(size.test({ 'file.size': 100 })).toBe(true);
    expect(size.test({ 'file.size': '99' })).toBe(false);
    expect(size.test({ 'file.size': '100' })).toBe(true);
  });
});

describe('items read an event and its head as the joined event', () => {
  const head: EngineEvent = {
    'user.department': 'Finance',
    'user.role': 'clerk',
    'user.groups': ['finance', 'vpn'],
    'resource.sensitivity': 'confidential',
  };
  const events: EngineEvent[] = [
    { 'event.action': 'read', 'file.owner': 'CLERK' },
    { 'event.action': 'read', 'user.department': 'Sales', 'user.groups': null },
    { 'event.action': 'read', 'resource.sensitivity': 'public', 'file.owner': 'vpn' },
  ];
  const items: [string, unknown][] = [
    ['user.department', 'finance'],
    ['user.department|contains', 'SAL'],
    ['user.groups', 'vpn'],
    ['user.groups', null],
    ['user.manager', null],
    ['resource.sensitivity|exists', true],
    ['user.manager|exists', false],
    ['file.owner|fieldref', 'user.role'],
    ['file.owner|fieldref|neq', 'user.role'],
    ['', 'confidential'],
    ['', ['clerk', 'public']],
  ];

  it.each(items)('%s: %j', (key, value) => {
    const { item } = compileFieldItem(key, value);
    for (const event of events) {
      expect(item!.test(event, head)).toBe(item!.test({ ...head, ...event }));
      expect(item!.test(event, undefined)).toBe(item!.test({ ...event }));
    }
  });
});

describe('values no event value can equal', () => {
  it('.nan is an error at the value, as a value or a comparison', () => {
    for (const selection of ['{ n: .nan }', '{ n|gte: .NaN }', '{ n: [1, .nan] }']) {
      const { errors } = compileRuleText(`title: t\ndetection:\n  sel: ${selection}\n  condition: sel\n`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        line: 3,
        severity: 'error',
        suggestion: "quote it ('NaN') to match the text",
      });
      expect(errors[0]?.message).toMatch(/^\.nan is equal to nothing/);
    }
  });

  it('a value a YAML tag made is named for what it is', () => {
    const { errors } = compileRuleText(
      'title: t\ndetection:\n  sel: { a: !!binary aGVsbG8=, b: !!timestamp 2001-12-14 }\n  condition: sel\n',
    );
    expect(errors.map((e) => e.message)).toEqual([
      'a value must be text, a number, true/false or null (not binary data)',
      'a value must be text, a number, true/false or null (not a timestamp)',
    ]);
  });

  it.each([
    ['!!set { a, b }', 'a set'],
    ['!!omap [ { a: 1 } ]', 'an ordered map'],
    ['!!timestamp 2001-12-14', 'a timestamp'],
  ])('a selection written as %s is named for what it is, not "an empty map"', (selection, kind) => {
    const { errors } = compileRuleText(`title: t\ndetection:\n  sel: ${selection}\n  condition: sel\n`);
    expect(errors.map((e) => e.message)).toEqual([
      `selection "sel" must be a map of fields, a list, or a keyword (got ${kind})`,
    ]);
  });
});

describe('a list of many plain values', () => {
  const terms = Array.from({ length: 20_000 }, (_, i) => `term${i}x`);

  it.each([
    ['a keyword list', (list: string) => `  keywords: ${list}\n  condition: keywords`],
    ['contains', (list: string) => `  sel: { message|contains: ${list} }\n  condition: sel`],
  ])('%s matches as one needle at a time would, without trying each needle per value', (_, detection) => {
    const rule = compileRuleText(`title: t\ndetection:\n${detection(JSON.stringify(terms))}\n`).rule!;
    const matches = (message: string) => rule.test({ event: { message, other: 'x' }, spans: () => [] });
    const includes = vi.spyOn(String.prototype, 'includes');
    try {
      expect(matches('TERM19999X at the start')).toBe(true);
      expect(matches('in the middle: term7x.')).toBe(true);
      expect(matches('at the end term0x')).toBe(true);
      expect(matches('term7 and erm7x and term20000')).toBe(false);
      expect(includes.mock.calls.length).toBeLessThan(100);
    } finally {
      includes.mockRestore();
    }
  });

  it('startswith and endswith look at the ends only', () => {
    const list = JSON.stringify(terms);
    const starts = compileRuleText(
      `title: t\ndetection:\n  sel: { m|startswith: ${list} }\n  condition: sel\n`,
    ).rule!;
    const ends = compileRuleText(
      `title: t\ndetection:\n  sel: { m|endswith: ${list} }\n  condition: sel\n`,
    ).rule!;
    const test = (rule: typeof starts, m: string) => rule.test({ event: { m }, spans: () => [] });
    expect([
      test(starts, 'term5x…'),
      test(starts, '…term5x'),
      test(ends, '…term5x'),
      test(ends, 'term5x…'),
    ]).toEqual([true, false, true, false]);
  });
});

describe('neq on an event that lacks the field (pySigma: the item negated)', () => {
  it('the item does not need its field, so a rule of it can match data that never holds it', () => {
    expect(compileFieldItem('f|neq', 'a').item!.needsField).toBe(false);
    expect(compileFieldItem('f|fieldref|neq', 'g').item!.needsField).toBe(false);
    expect(compileFieldItem('f', 'a').item!.needsField).toBe(true);
    const { rule } = compileRuleText(itemRule('file.owner|neq', 'svc-backup'));
    expect(rule!.missingFields(new Set(['user.name']))).toBeUndefined();
    expect(ruleMatches(itemRule('file.owner|neq', 'svc-backup'), { 'user.name': 'ann' })).toBe(true);
  });

  it('the value test a column store asks for an absent field agrees with the item', () => {
    for (const [key, value] of [
      ['f|neq', 'a'],
      ['f|neq', ['a', 'b']],
      ['n|neq', 5],
      ['f|contains|neq', 'x'],
    ] as const) {
      const { item } = compileFieldItem(key, value);
      expect([key, item!.value!(undefined)]).toEqual([key, true]);
      expect([key, item!.test({})]).toEqual([key, true]);
    }
  });
});

describe('a time-part item asked about an instant', () => {
  // A column store keeps times as instants: it may ask `value` with the instant in ms only because
  // the item answers alike on that and on the ISO text in UTC the made event holds.
  it('answers the same on epoch milliseconds as on their ISO text in UTC, for every part', () => {
    const keys: [string, unknown][] = [
      ['@timestamp|hour|gte', 20],
      ['@timestamp|hour|lt', 6],
      ['@timestamp|minute', 30],
      ['@timestamp|day|lte', 15],
      ['@timestamp|week', [1, 53]],
      ['@timestamp|month|gt', 6],
      ['@timestamp|year', 2026],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        for (const [key, value] of keys) {
          const { item } = compileFieldItem(key, value);
          expect(item?.readsInstant).toBe(true);
          expect(item!.value!(ms), `${key} at ${iso}`).toBe(item!.value!(iso));
          expect(item!.value!(iso.replace('.000Z', 'Z'))).toBe(item!.value!(ms));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is not said of an item that reads the text itself', () => {
    expect(compileFieldItem('@timestamp|startswith', '2026-03').item?.readsInstant).toBeUndefined();
    expect(compileFieldItem('@timestamp|gte', '2026-03-01T00:00:00Z').item?.readsInstant).toBeUndefined();
  });
});
