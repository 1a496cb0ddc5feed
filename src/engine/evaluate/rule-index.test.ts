import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';
import { evaluateShard } from '../run/evaluate-shard.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';

const emptyContext = { directory: [], resources: [], entitlements: [] } as unknown as DatasetContext;

const RULES = `title: Mail sent
id: mail-sent
logsource: { category: email }
detection:
  sel:
    event.action: send
  condition: sel
---
title: Mail delivered
id: mail-delivered
logsource: { category: email }
detection:
  sel:
    event.action: deliver
  condition: sel
---
title: Flag on
id: flag-on
detection:
  sel:
    event.action: 'true'
  condition: sel
---
title: Code
id: code
detection:
  sel:
    event.action: 4625
  condition: sel
---
title: Web traffic
id: web
detection:
  sel:
    event.category: web
  condition: sel
---
title: Anything
id: anything
detection:
  sel:
    user.name: bsmith
  condition: sel
`;

const index = () => compilePack([{ name: 'rules.yml', text: RULES }]).pack.index;
const ids = (candidates: { rules: { id: string }[] }) => candidates.rules.map((rule) => rule.id);

describe('RuleIndex.candidates', () => {
  it('a list of actions meets the rules of each action, in pack order', () => {
    const i = index();
    expect(ids(i.candidates('email', ['send', 'deliver']))).toEqual([
      'mail-sent',
      'mail-delivered',
      'anything',
    ]);
    expect(ids(i.candidates('email', ['deliver']))).toEqual(['mail-delivered', 'anything']);
    expect(ids(i.candidates('email', []))).toEqual(ids(i.candidates('email', undefined)));
  });

  it('the same inputs give the same object: a one-value list is its value', () => {
    const i = index();
    expect(i.candidates('email', ['send', 'deliver'])).toBe(i.candidates('email', ['deliver', 'SEND']));
    expect(i.candidates('email', ['send'])).toBe(i.candidates('email', 'send'));
    expect(i.candidates(['email'], 'send')).toBe(i.candidates('email', 'send'));
    expect(i.candidates('email', true)).toBe(i.candidates('email', 'true'));
    expect(i.candidates('email', 4625)).toBe(i.candidates('email', '4625'));
  });

  it('a true/false or numeric action is its text', () => {
    const i = index();
    // (An absent category narrows nothing: `web`, which requires one, stays a candidate.)
    expect(ids(i.candidates(undefined, true))).toEqual(['flag-on', 'web', 'anything']);
    expect(ids(i.candidates('auth', [4625, false]))).toEqual(['code', 'anything']);
  });

  it('categories: lists and non-text values', () => {
    const i = index();
    expect(ids(i.candidates(['network', 'web'], undefined))).toEqual(['web', 'anything']);
    expect(ids(i.candidates(['email', 'web'], ['send']))).toEqual(['mail-sent', 'web', 'anything']);
    expect(i.candidates([], 'send')).toBe(i.candidates(undefined, 'send'));
  });
});

describe('rules on event.action fire for list and true/false actions', () => {
  it('a whole evaluation finds them', () => {
    const { pack } = compilePack([{ name: 'rules.yml', text: RULES }]);
    const events: EngineEvent[] = [
      { 'event.id': 'e0', 'event.category': 'email', 'event.action': ['send', 'deliver'] },
      { 'event.id': 'e1', 'event.action': true },
      { 'event.id': 'e2', 'event.category': ['network', 'web'], 'event.action': [4625] },
    ];
    const { matches } = evaluateShard(pack, events, emptyContext);
    expect(matches.map((m) => `${m.eventId} ${m.rule}`)).toEqual([
      'e0 mail-sent',
      'e0 mail-delivered',
      'e1 flag-on',
      'e2 code',
      'e2 web',
    ]);
  });
});
