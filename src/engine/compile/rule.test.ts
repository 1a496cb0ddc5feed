import { describe, expect, it } from 'vitest';
import type { ContentSpan } from '../types.ts';
import { compileRuleText, ruleMatches } from './rule-fixture.ts';

describe('selections', () => {
  it('a map ANDs its fields', () => {
    const rule = 'title: t\ndetection:\n  s: { a: 1, b: 2 }\n  condition: s\n';
    expect(ruleMatches(rule, { a: 1, b: 2 })).toBe(true);
    expect(ruleMatches(rule, { a: 1, b: 3 })).toBe(false);
  });

  it('a list of maps ORs the maps', () => {
    const rule = 'title: t\ndetection:\n  s:\n    - { a: 1 }\n    - { b: 2 }\n  condition: s\n';
    expect(ruleMatches(rule, { b: 2 })).toBe(true);
    expect(ruleMatches(rule, { a: 2, b: 1 })).toBe(false);
  });

  it('a keyword list searches the values of every field, case-insensitively', () => {
    const rule =
      "title: t\ndetection:\n  keywords:\n    - 'event::clear'\n    - 'svchost.exe -n evil'\n  condition: keywords\n";
    expect(ruleMatches(rule, { message: 'mimikatz EVENT::Clear done' })).toBe(true);
    expect(ruleMatches(rule, { message: 'nothing here' })).toBe(false);
  });

  it("'|all' keywords must all appear", () => {
    const rule =
      "title: t\ndetection:\n  keywords:\n    '|all':\n      - OabVirtualDirectory\n      - ' -ExternalUrl '\n  condition: keywords\n";
    expect(ruleMatches(rule, { a: 'Set-OabVirtualDirectory -ExternalUrl http://x' })).toBe(true);
    expect(ruleMatches(rule, { a: 'Set-OabVirtualDirectory' })).toBe(false);
  });

  it('a null filter negated is "the field is set"', () => {
    const rule =
      'title: t\ndetection:\n  selection: { EventID: 4738 }\n  filter: { PasswordLastSet: null }\n  condition: selection and not filter\n';
    expect(ruleMatches(rule, { EventID: 4738, PasswordLastSet: '2026-01-01' })).toBe(true);
    expect(ruleMatches(rule, { EventID: 4738 })).toBe(false);
  });
});

describe('logsource.category', () => {
  const rule =
    'title: t\nlogsource: { category: Device }\ndetection:\n  s: { event.action: usb-write }\n  condition: s\n';
  it('restricts the rule to events of that event.category', () => {
    const { rule: compiled } = compileRuleText(rule);
    expect(compiled?.category).toBe('device');
    expect(compiled?.actions).toEqual(new Set(['usb-write']));
  });
  it('a rule without category is unrestricted', () => {
    const { rule: compiled } = compileRuleText('title: t\ndetection:\n  s: { a: 1 }\n  condition: s\n');
    expect(compiled?.category).toBeNull();
    expect(compiled?.actions).toBeNull();
  });
  it('actions are only an index hint when every branch fixes event.action', () => {
    const { rule: compiled } = compileRuleText(
      'title: t\ndetection:\n  s: { event.action: [a, b] }\n  t: { other: 1 }\n  condition: s or t\n',
    );
    expect(compiled?.actions).toBeNull();
  });
});

describe('content matchers and response (our extensions)', () => {
  const span = (classifier: string, confidence: number): ContentSpan => ({
    classifier,
    field: 'content',
    start: 0,
    end: 4,
    confidence,
    level: confidence >= 85 ? 'high' : confidence >= 75 ? 'medium' : 'low',
    masked: '41…11',
    decidedBy: { validator: 'luhn' },
  });
  const yaml = `title: Card numbers by mail
id: card-mail
level: medium
logsource: { category: email }
detection:
  mail: { event.action: send }
  condition: mail and cards
content:
  cards: { classifier: credit-card-number, min_count: 2, min_confidence: high }
response: { action: block, owner: it, category: leakage, playbook: Quarantine the mail }
`;
  it('needs min_count spans at or above min_confidence', () => {
    const { rule } = compileRuleText(yaml);
    const event = { 'event.action': 'send', content: '…' };
    expect(
      rule?.test({ event, spans: () => [span('credit-card-number', 90), span('credit-card-number', 70)] }),
    ).toBe(false);
    expect(
      rule?.test({ event, spans: () => [span('credit-card-number', 90), span('credit-card-number', 86)] }),
    ).toBe(true);
    expect(rule?.contentNeeds.get('content')).toEqual(new Set(['credit-card-number']));
  });
  it('explains with the matched, masked spans', () => {
    const { rule } = compileRuleText(yaml);
    const spans = [span('credit-card-number', 90), span('credit-card-number', 90)];
    const explanation = rule?.explain({ event: { 'event.action': 'send' }, spans: () => spans });
    expect(explanation?.spans).toHaveLength(2);
    expect(explanation?.selections?.map((s) => s.name)).toEqual(['mail', 'cards']);
  });
  it('response overrides the level; level is the severity otherwise', () => {
    const { rule } = compileRuleText(yaml);
    expect(rule?.response).toEqual({
      severity: 'medium',
      action: 'block',
      owner: 'it',
      category: 'leakage',
      playbook: 'Quarantine the mail',
    });
    const plain = compileRuleText('title: t\nlevel: high\ndetection:\n  s: { a: 1 }\n  condition: s\n').rule;
    expect(plain?.response).toEqual({ severity: 'high', action: 'audit' });
  });
});

describe('validation messages', () => {
  const cases: [name: string, yaml: string, message: RegExp, line: number, suggestion?: string][] = [
    [
      'misspelled response key',
      'title: t\ndetection: { s: { a: 1 }, condition: s }\nresponse:\n  acton: block\n',
      /unknown key "acton" in response/,
      4,
      'did you mean "action"?',
    ],
    [
      'misspelled level',
      'title: t\nlevel: hgih\ndetection: { s: { a: 1 }, condition: s }\n',
      /level must be one of/,
      2,
      'did you mean "high"?',
    ],
    [
      'misspelled response action',
      'title: t\ndetection: { s: { a: 1 }, condition: s }\nresponse: { action: blok }\n',
      /action must be one of/,
      3,
      'did you mean "block"?',
    ],
    ['missing title', 'detection: { s: { a: 1 }, condition: s }\n', /title/, 1],
    ['missing condition', 'title: t\ndetection:\n  s: { a: 1 }\n', /needs a "condition"/, 2],
    [
      'misspelled content matcher key',
      'title: t\ndetection: { s: { a: 1 }, condition: s and c }\ncontent:\n  c: { classifer: iban }\n',
      /unknown key "classifer"/,
      4,
      'did you mean "classifier"?',
    ],
    ['a selection that is null', 'title: t\ndetection:\n  s:\n  condition: s\n', /must be a map/, 3],
  ];
  it.each(cases)('%s', (_name, yaml, message, line, suggestion) => {
    const { errors } = compileRuleText(yaml);
    const error = errors.find((e) => message.test(e.message));
    expect(error, errors.map((e) => e.message).join('\n')).toBeDefined();
    expect(error?.line).toBe(line);
    if (suggestion) expect(error?.suggestion).toBe(suggestion);
  });

  it('unknown top-level fields are allowed (public Sigma rules carry many)', () => {
    const { errors } = compileRuleText(
      'title: t\nauthor: x\nfalsepositives: [y]\ncustom_thing: 1\ndetection: { s: { a: 1 }, condition: s }\n',
    );
    expect(errors).toEqual([]);
  });
});

describe('unmatchable analysis', () => {
  it('names the fields the data never carries', () => {
    const { rule } = compileRuleText(
      'title: t\ndetection:\n  s: { Image|endswith: x.exe, CommandLine|contains: y }\n  f: { User: z }\n  condition: s and not f\n',
    );
    expect(rule?.missingFields(new Set(['user.name']))).toEqual(['CommandLine', 'Image', 'User']);
    expect(rule?.missingFields(new Set(['Image', 'CommandLine']))).toBeUndefined();
  });
});
