// A rule's requirement is what the column prefilter checks before it makes an event: it must hold
// on every event the rule matches (else a match is lost), and should fail where a plain field test
// already rules the event out (else nothing is gained).
import { describe, expect, it } from 'vitest';
import { joinedValue } from '../event/join.ts';
import type { EngineEvent } from '../types.ts';
import { isExact, type Requirement } from './requirement.ts';
import { compileRuleText } from './rule-fixture.ts';

function holds(requirement: Requirement, event: EngineEvent): boolean {
  switch (requirement.kind) {
    case 'any':
      return true;
    case 'value':
      return requirement.test(joinedValue(event, undefined, requirement.field));
    case 'fields':
      return requirement.test(event);
    case 'all':
      return requirement.parts.every((part) => holds(part, event));
    case 'one':
      return requirement.parts.some((part) => holds(part, event));
    case 'not':
      // What a negation needs is known only when its part is exact.
      return isExact(requirement.part) ? !holds(requirement.part, event) : true;
  }
}

const RULE = `title: t
id: t
detection:
  send:
    event.action: send
  personal:
    - email.to|endswith: '@gmail.com'
    - email.bcc|exists: true
  internal:
    email.to|endswith: '@corp.example'
  words: [bluebird]
  condition: send and (personal or words) and not internal
`;

describe('a rule requirement', () => {
  const { rule, errors } = compileRuleText(RULE);

  it('holds on every event the rule matches', () => {
    expect(errors).toEqual([]);
    const actions = ['send', 'receive', undefined];
    const recipients = ['a@gmail.com', 'b@corp.example', undefined];
    const bccs = ['c@corp.example', undefined];
    const subjects = ['bluebird plans', 'lunch', undefined];
    let matched = 0;
    for (const action of actions)
      for (const to of recipients)
        for (const bcc of bccs)
          for (const subject of subjects) {
            const event: EngineEvent = {};
            if (action) event['event.action'] = action;
            if (to) event['email.to'] = to;
            if (bcc) event['email.bcc'] = bcc;
            if (subject) event['email.subject'] = subject;
            const matches = rule!.test({ event, spans: () => [] });
            if (matches) matched++;
            if (matches) expect(holds(rule!.requirement, event), JSON.stringify(event)).toBe(true);
          }
    expect(matched).toBeGreaterThan(0);
  });

  it('rules out what its field tests rule out, negations of them too, and leaves keywords open', () => {
    // `send` is required; `not internal` is told from `email.to`; `personal or words` stays open (a
    // keyword can be in any field), so the requirement is not exact.
    expect(holds(rule!.requirement, { 'event.action': 'receive', 'email.to': 'a@gmail.com' })).toBe(false);
    expect(holds(rule!.requirement, { 'event.action': 'send', 'email.to': 'b@corp.example' })).toBe(false);
    expect(holds(rule!.requirement, { 'event.action': 'send', 'email.to': 'c@other.example' })).toBe(true);
    expect(isExact(rule!.requirement)).toBe(false);
  });

  it('is the condition itself when every part is a field test', () => {
    const exact = compileRuleText(
      `title: e\nid: e\ndetection:\n  s:\n    event.action: send\n  ok:\n    email.to|endswith: '@corp.example'\n  condition: s and not ok\n`,
    ).rule!;
    expect(isExact(exact.requirement)).toBe(true);
    const events: EngineEvent[] = [
      { 'event.action': 'send', 'email.to': 'a@gmail.com' },
      { 'event.action': 'send', 'email.to': 'b@corp.example' },
      { 'event.action': 'send' },
      { 'event.action': 'receive', 'email.to': 'a@gmail.com' },
    ];
    for (const event of events)
      expect(holds(exact.requirement, event), JSON.stringify(event)).toBe(
        exact.test({ event, spans: () => [] }),
      );
  });

  it('needs non-empty text where a content matcher scans', () => {
    const content = compileRuleText(
      `title: c\nid: c\ndetection:\n  condition: secret\ncontent:\n  secret: { classifier: us-ssn }\n`,
    ).rule!.requirement;
    expect(holds(content, { content: 'SSN 078-05-1120' })).toBe(true);
    expect(holds(content, { content: '' })).toBe(false);
    expect(holds(content, {})).toBe(false);
  });

  it('is the field reference itself, over the two fields it reads', () => {
    const fieldref = compileRuleText(
      `title: f\nid: f\ndetection:\n  s:\n    email.from|fieldref: user.email\n  condition: s\n`,
    ).rule!.requirement;
    expect(fieldref).toMatchObject({ kind: 'fields', fields: ['email.from', 'user.email'], exact: true });
    expect(holds(fieldref, { 'email.from': 'a@x', 'user.email': 'A@x' })).toBe(true);
    expect(holds(fieldref, { 'email.from': 'a@x', 'user.email': 'b@x' })).toBe(false);
    expect(holds(fieldref, { 'email.from': 'a@x' })).toBe(false);
  });
});
