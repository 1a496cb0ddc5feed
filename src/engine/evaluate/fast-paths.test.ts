// The evaluation fast paths keep the plain definitions: a list of plain values is one item per value
// (ORed, or ANDed with `all`), and a shard has seen a field when some prepared event carries it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRuleText, itemRule, ruleMatches } from '../compile/rule-fixture.ts';
import { compilePack } from '../pack.ts';
import { evaluateShard } from '../run/evaluate-shard.ts';
import type { DatasetContext, EngineEvent, FieldValue } from '../types.ts';

const needles = ['Report', 'q3', 'final.PDF', 'x.pdf'];
const values: (FieldValue | FieldValue[])[] = [
  'REPORT',
  'q3',
  'Q3 report final.pdf',
  'final.pdf',
  'X.PDF',
  'tax.pdf',
  'annual report',
  ['x', 'Q3'],
  ['report q3 final.pdf', null],
  ['q3', 'report', 'final.pdf'],
  [],
  42,
  '',
];

function expected(position: string, cased: boolean, all: boolean, negate: boolean, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== null).map(String);
  const fold = (t: string) => (cased ? t : t.toLowerCase());
  const hit = (text: string, needle: string) =>
    position === 'contains'
      ? fold(text).includes(fold(needle))
      : position === 'startswith'
        ? fold(text).startsWith(fold(needle))
        : position === 'endswith'
          ? fold(text).endsWith(fold(needle))
          : fold(text) === fold(needle);
  const one = (needle: string) => list.some((text) => hit(text, needle));
  const matched = all ? needles.every(one) : needles.some(one);
  return negate ? !matched : matched;
}

describe('a list of plain values', () => {
  const keys: [key: string, position: string, cased: boolean, all: boolean, negate: boolean][] = [
    ['f', 'whole', false, false, false],
    ['f|cased', 'whole', true, false, false],
    ['f|contains', 'contains', false, false, false],
    ['f|contains|all', 'contains', false, true, false],
    ['f|contains|cased', 'contains', true, false, false],
    ['f|startswith', 'startswith', false, false, false],
    ['f|endswith', 'endswith', false, false, false],
    ['f|endswith|all', 'endswith', false, true, false],
    ['f|neq', 'whole', false, false, true],
  ];
  for (const [key, position, cased, all, negate] of keys) {
    it(`${key}: any (or every) value against any of the event's values`, () => {
      const rule = itemRule(key, needles);
      for (const value of values) {
        const event: EngineEvent = { f: value };
        expect([value, ruleMatches(rule, event)]).toEqual([
          value,
          expected(position, cased, all, negate, value),
        ]);
      }
      // An absent or null field equals no value: only `neq` holds on it.
      expect(ruleMatches(rule, {})).toBe(negate);
      expect(ruleMatches(rule, { f: null })).toBe(negate);
    });
  }
  it('explains the value that matched', () => {
    const { rule } = compileRuleText(itemRule('f|endswith', needles));
    const explanation = rule?.explain({ event: { f: 'Q3 REPORT FINAL.pdf' }, spans: () => [] });
    expect(explanation?.selections?.[0]?.fields[0]?.value).toBe('Q3 REPORT FINAL.pdf');
  });
});

describe('fields a shard has seen', () => {
  const { pack } = compilePack([
    {
      name: 'rules.yml',
      text: [
        'title: uses facts',
        'id: facts',
        'detection:',
        '  a: { user.department: sales }',
        '  b: { resource.sensitivity: secret }',
        '  c: { access.decision: deny }',
        '  d: { host.name: h1 }',
        '  e: { user.location: x }',
        '  condition: a or b or c or d or e',
      ].join('\n'),
    },
    {
      name: 'access.yml',
      text: [
        'kind: access',
        'id: files',
        'title: files',
        'entitlements:',
        '  - id: readers',
        '    roles: [reader]',
        '    actions: [read]',
        '    resources: { ids: [doc] }',
      ].join('\n'),
    },
  ]);
  const context: DatasetContext = {
    directory: [{ name: 'Ann', department: 'Sales', location: 'Leeds' }],
    resources: [{ id: 'doc', sensitivity: 'secret' }],
    entitlements: [],
  } as unknown as DatasetContext;
  const seen = (events: EngineEvent[]) => evaluateShard(pack, events, context).fieldsSeen;

  it('counts the directory, the catalogue and the access decision only on events they join', () => {
    expect(seen([{ 'user.name': 'bob', 'event.action': 'read' }])).toEqual([]);
    expect(seen([{ 'user.name': 'ANN' }])).toEqual(['user.department', 'user.location']);
    expect(seen([{ 'resource.id': 'doc', 'event.action': 'read' }])).toEqual([
      'access.decision',
      'resource.sensitivity',
    ]);
    expect(seen([{ 'host.name': null }, { 'user.name': 'nobody' }])).toEqual(['host.name']);
  });
  it('matches the naive definition on a mixed shard', () => {
    const events: EngineEvent[] = [
      { 'user.name': 'x', 'host.name': 'h' },
      { 'user.name': 'ann', 'user.department': 'IT' },
      { 'resource.id': 'elsewhere' },
    ];
    expect(seen(events)).toEqual(['host.name', 'user.department', 'user.location']);
  });
});

const emptyContext = { directory: [], resources: [], entitlements: [] } as unknown as DatasetContext;

describe('content scanned classifier by classifier', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const folder = join(root, 'policies/default/classifiers');
  const classifierFiles = readdirSync(folder)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ name: `classifiers/${f}`, text: readFileSync(join(folder, f), 'utf8') }));
  const texts = [
    'Visa card 4111 1111 1111 1111 exp 12/27, SSN 123-45-6789 for the payroll file.',
    'IBAN GB82 WEST 1234 5698 7654 32 and card number 5500 0000 0000 0004, ssn: 078-05-1120',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----',
    'nothing sensitive here, just 42 and 2024-01-01',
  ];
  const { pack } = compilePack([
    ...classifierFiles,
    {
      name: 'rules.yml',
      text: [
        'title: card or ssn mailed',
        'id: mailed',
        'logsource: { category: email }',
        'detection:',
        '  selection: { event.action: send }',
        '  condition: selection and (card or ssn or bank)',
        'content:',
        '  card: { classifier: credit-card-number }',
        '  ssn: { classifier: us-ssn }',
        '  bank: { classifier: iban }',
        '---',
        'title: secrets anywhere',
        'id: secrets',
        'detection:',
        '  selection: { event.action: [send, message] }',
        '  condition: selection and (key or pem)',
        'content:',
        '  key: { classifier: aws-access-key-id }',
        '  pem: { classifier: private-key }',
      ].join('\n'),
    },
  ]);

  it('finds for one classifier the spans a scan of all classifiers finds for it', () => {
    let found = 0;
    // Texts interleaved, so a pre-filter pass kept from one text is never used for another.
    for (const id of pack.classifiers.ids)
      for (const text of [...texts, ...[...texts].reverse()]) {
        const all = pack.classifiers.scan(text, 'content').filter((s) => s.classifier === id);
        expect(pack.classifiers.scan(text, 'content', new Set([id]))).toEqual(all);
        found += all.length;
      }
    expect(found).toBeGreaterThan(4);
  });

  it('explains a match with the spans of the full scan', () => {
    const events = texts.map((content, i) => ({
      'event.id': `e${i}`,
      'event.category': 'email',
      'event.action': 'send',
      content,
    }));
    const { matches } = evaluateShard(pack, events, emptyContext);
    expect(matches.map((m) => `${m.eventId} ${m.rule}`)).toEqual(['e0 mailed', 'e1 mailed', 'e2 secrets']);
    for (const match of matches) {
      const text = events.find((e) => e['event.id'] === match.eventId)?.content ?? '';
      const spans = match.explanation.spans ?? [];
      expect(spans.length).toBeGreaterThan(0);
      const classifiers = new Set(spans.map((s) => s.classifier));
      // Every span the rule's reached matchers report is a span of the full scan, for each classifier entirely.
      const full = pack.classifiers.scan(text, 'content').filter((s) => classifiers.has(s.classifier));
      expect([...spans].sort((a, b) => a.start - b.start)).toEqual(full);
    }
  });

  it("tests a rule's field selections before its content, whatever order the condition names them in", () => {
    const { pack: contentFirst, errors } = compilePack([
      ...classifierFiles,
      {
        name: 'rules.yml',
        text: [
          'title: card mailed to a free-mail address',
          'id: card-free-mail',
          'logsource: { category: email }',
          'detection:',
          '  free_mail: { email.to|endswith: [gmail.com, outlook.com] }',
          '  condition: card and free_mail',
          'content:',
          '  card: { classifier: credit-card-number }',
        ].join('\n'),
      },
    ]);
    expect(errors).toEqual([]);
    let scans = 0;
    const scan = contentFirst.classifiers.scan.bind(contentFirst.classifiers);
    const counting = {
      ...contentFirst,
      classifiers: {
        ...contentFirst.classifiers,
        // (Content scans only: the alert's explanation masks the address it shows, a scan of its own.)
        scan: (...args: Parameters<typeof scan>) => (args[1] === 'content' && scans++, scan(...args)),
      },
    };
    const mail = (to: string) => ({
      'event.category': 'email',
      'event.action': 'send',
      'email.to': to,
      content: texts[0] ?? '',
    });
    const { matches } = evaluateShard(
      counting,
      [mail('boss@corp.example'), mail('me@gmail.com')],
      emptyContext,
    );
    expect(matches.map((m) => m.event['email.to'])).toEqual(['me@gmail.com']);
    expect(scans).toBe(1);
  });
});

describe('rules narrowed by the event.category their selections require', () => {
  const { pack } = compilePack([
    {
      name: 'rules.yml',
      text: [
        'title: web or file',
        'id: plain',
        'detection:',
        '  sel: { event.category: [Web, file], f: x }',
        '  condition: sel',
        '---',
        'title: or an uncategorised selection',
        'id: either',
        'detection:',
        '  sel: { event.category: web, f: x }',
        '  other: { g: y }',
        '  condition: sel or other',
        '---',
        'title: and not',
        'id: and-not',
        'detection:',
        '  sel: { event.category: [web, chat] }',
        '  quiet: { event.category: chat }',
        '  condition: sel and not quiet',
        '---',
        'title: one of two',
        'id: one-of',
        'detection:',
        '  sel_a: { event.category: web, f: x }',
        '  sel_b: [{ event.category: chat }, { event.category: print, f: x }]',
        '  condition: 1 of sel_*',
        '---',
        'title: numbers',
        'id: numbered',
        'detection:',
        '  sel: { event.category: 5 }',
        '  condition: sel',
        '---',
        'title: under a logsource',
        'id: logsource',
        'logsource: { category: web }',
        'detection:',
        '  sel: { event.category: [web, file] }',
        '  condition: sel',
      ].join('\n'),
    },
  ]);
  const categories: unknown[] = ['web', 'WEB', 'File', 'chat', 'print', 'email', '', 5, '5', ['web'], null];
  const events: EngineEvent[] = [{ f: 'x', g: 'y' }];
  for (const category of categories)
    for (const extra of [{ f: 'x' }, { g: 'y' }, {}] as EngineEvent[])
      events.push({ 'event.category': category as FieldValue, ...extra });

  it('derives the categories only where every path requires one', () => {
    const byId = new Map(pack.rules.map((r) => [r.id, r.categories && [...r.categories].sort()]));
    expect(Object.fromEntries(byId)).toEqual({
      plain: ['file', 'web'],
      either: null,
      'and-not': ['chat', 'web'],
      'one-of': ['chat', 'print', 'web'],
      numbered: ['5'],
      logsource: ['file', 'web'],
    });
  });

  it('matches exactly the events the rules match without the index', () => {
    const { matches } = evaluateShard(pack, events, emptyContext);
    const indexed = matches.map((m) => `${m.eventId} ${m.rule}`);
    const naive: string[] = [];
    events.forEach((event, i) => {
      for (const rule of pack.rules)
        if (
          (rule.category === null ||
            [event['event.category']]
              .flat()
              .some(
                (category) => typeof category === 'string' && category.toLowerCase() === rule.category,
              )) &&
          rule.test({ event, spans: () => [] })
        )
          naive.push(`#${i + 1} ${rule.id}`);
    });
    expect(indexed).toEqual(naive);
    expect(indexed.length).toBeGreaterThan(10);
  });
});

describe('a list of categories (ECS writes `event.category: ["network", "web"]`)', () => {
  const { pack } = compilePack([
    {
      name: 'rules.yml',
      text: [
        'title: web download of a tool',
        'id: web-tool',
        'logsource: { category: web }',
        'detection:',
        "  s: { url.full|contains: 'tool.exe' }",
        '  condition: s',
        '---',
        'title: a required category in the condition',
        'id: web-by-field',
        'detection:',
        '  s: { event.category: web, url.full|contains: tool }',
        '  condition: s',
      ].join('\n'),
    },
  ]);
  const event = (category: FieldValue | FieldValue[]): EngineEvent => ({
    'event.id': JSON.stringify(category),
    'event.category': category as FieldValue,
    'url.full': 'http://x/tool.exe',
  });

  it('meets the rules of each category it lists, and is counted as seen for each', () => {
    const shard = evaluateShard(
      pack,
      [event(['network', 'web']), event(['network']), event('Web')],
      emptyContext,
    );
    expect(shard.ruleCounts).toEqual({ 'web-tool': 2, 'web-by-field': 2 });
    expect(shard.matches.map((match) => match.eventId)).toEqual([
      '["network","web"]',
      '["network","web"]',
      '"Web"',
      '"Web"',
    ]);
    expect([...shard.categoriesSeen].sort()).toEqual(['network', 'web']);
  });
});

describe('text shown in an explanation', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const folder = join(root, 'policies/default/classifiers');
  const classifierFiles = readdirSync(folder)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ name: `classifiers/${f}`, text: readFileSync(join(folder, f), 'utf8') }));

  it('has what any classifier finds masked, in a scanned field and in any other field it shows', () => {
    // The rule's selection reads `content` itself: the explanation shows the whole message, and the
    // SSN and card in it must not appear in clear, although the rule asked no classifier for them.
    const { pack } = compilePack([
      ...classifierFiles,
      {
        name: 'rules.yml',
        text: [
          'title: pay talk in chat',
          'id: pay-talk',
          'detection:',
          '  selection: { event.action: message, content|contains: salary, email.subject|contains: ref }',
          '  condition: selection',
        ].join('\n'),
      },
    ]);
    const message = 'salary 412,000 for Ann, her SSN 536-22-1847, card 4111 1111 1111 1111';
    const shard = evaluateShard(
      pack,
      [{ 'event.id': 'm1', 'event.action': 'message', content: message, 'email.subject': 'ref 536-22-1847' }],
      emptyContext,
    );
    const fields = shard.matches[0]?.explanation.selections?.flatMap((s) => s.fields) ?? [];
    const shown = Object.fromEntries(fields.map((f) => [f.field, f.value]));
    expect(shown.content).toBe('salary 412,000 for Ann, her SSN ***-**-1847, card 4111…1111');
    // A field no classifier scans for the rule is still masked where the explanation shows it.
    expect(shown['email.subject']).toBe('ref ***-**-1847');
  });

  it('masks a whole private key block shown in an explanation, not only its header', () => {
    const { pack } = compilePack([
      ...classifierFiles,
      {
        name: 'rules.yml',
        text: [
          'title: key in upload',
          'id: key-upload',
          'detection:',
          "  selection: { content|contains: 'PRIVATE KEY', email.subject|contains: card }",
          '  condition: selection',
        ].join('\n'),
      },
    ]);
    const key =
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEe\n-----END RSA PRIVATE KEY-----';
    const shard = evaluateShard(
      pack,
      [
        {
          'event.id': 'k1',
          content: `${key}\nand card 4111 1111 1111 1111`,
          'email.subject': 'new card 4111 1111 1111 1111 exp 12/27 SSN 536-22-1234',
        },
      ],
      emptyContext,
    );
    const fields = shard.matches[0]?.explanation.selections?.flatMap((s) => s.fields) ?? [];
    const shown = Object.fromEntries(fields.map((f) => [f.field, f.value]));
    expect(shown.content).toBe('[REDACTED]\nand card 4111…1111');
    expect(shown['email.subject']).toBe('new card 4111…1111 exp 12/27 SSN ***-**-1234');
  });
});

describe('content held as a list', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const folder = join(root, 'policies/default/classifiers');
  const classifierFiles = readdirSync(folder)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ name: `classifiers/${f}`, text: readFileSync(join(folder, f), 'utf8') }));

  it('is scanned item by item (as lines of one text) by content matchers', () => {
    const { pack } = compilePack([
      ...classifierFiles,
      {
        name: 'rules.yml',
        text: [
          'title: card or SSN in a message',
          'id: card-or-ssn',
          'detection:',
          '  selection: { event.action: message }',
          '  condition: selection and (card or ssn)',
          'content:',
          '  card: { classifier: credit-card-number, min_confidence: low }',
          '  ssn: { classifier: us-ssn, min_confidence: low }',
        ].join('\n'),
      },
    ]);
    const content = ['Visa 4111 1111 1111 1111 exp 09/27', 'SSN 536-22-1847'];
    const shard = evaluateShard(
      pack,
      [
        { 'event.id': 'listed', 'event.action': 'message', content },
        { 'event.id': 'empty', 'event.action': 'message', content: ['', 'nothing here'] },
      ],
      emptyContext,
    );
    expect(shard.matches.map((m) => m.eventId)).toEqual(['listed']);
    const spans = shard.matches[0]?.explanation.spans ?? [];
    // Offsets are in the items joined by line breaks: the SSN is 35 + 4 characters in.
    expect(spans.map((s) => [s.classifier, s.start, s.end])).toEqual([
      ['credit-card-number', 5, 24],
      ['us-ssn', 39, 50],
    ]);
  });
});
