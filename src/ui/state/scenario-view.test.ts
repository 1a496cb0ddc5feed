import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { filterScenarios, humanise, scenarioView, signalsByTeam } from './scenario-view.ts';

const yaml = `
id: departing-sales
title: Departing account manager takes the customer list
category: leakage
cause: dissatisfaction
story: >-
  She resigns and takes the list.
actors:
  insider: { role: account-manager, department: Sales, insider: true }
steps:
  - step: 1
    title: Resigns
    at: P1D
    seen_by: security
    red_flags: [resignation]
    events: [{ fields: { event.category: hr } }]
  - step: 2
    title: Copies to USB
    damaging: true
    seen_by: it
    events: [{ repeat: 3, fields: {} }, { fields: {} }]
benign_lookalikes:
  - { title: Deck to USB, why: public file }
playbook:
  - { action: Revoke USB, owner: it }
  - { action: Interview, owner: security }
lesson: { kind: silo-thinking, text: Nobody joined the two. }
`;

describe('scenario cards', () => {
  const s = scenarioView(parse(yaml), 'sample-data/scenarios/departing-sales.yml');

  it('reads threat, cause, story, steps, playbook and lesson', () => {
    expect(s).toMatchObject({
      id: 'departing-sales',
      category: 'leakage',
      cause: 'dissatisfaction',
      story: 'She resigns and takes the list.',
      lesson: { kind: 'silo-thinking', text: 'Nobody joined the two.' },
    });
    expect(s.steps.map((st) => [st.step, st.seenBy, st.damaging, st.eventCount])).toEqual([
      [1, 'security', false, 1],
      [2, 'it', true, 4],
    ]);
    expect(s.playbook).toEqual([
      { action: 'Revoke USB', owner: 'it' },
      { action: 'Interview', owner: 'security' },
    ]);
    expect(s.actors[0]).toEqual({
      name: 'insider',
      role: 'account-manager',
      department: 'Sales',
      insider: true,
    });
  });

  it('splits who sees what between IT and corporate security', () => {
    const lanes = signalsByTeam(s);
    expect(lanes.it.map((x) => x.step)).toEqual([2]);
    expect(lanes.security.map((x) => x.step)).toEqual([1]);
  });

  it('a scenario missing parts still shows, named after its file', () => {
    const bare = scenarioView({}, 'sample-data/scenarios/bare.yml');
    expect(bare.id).toBe('bare');
    expect(bare.steps).toEqual([]);
  });

  it('filters by threat and by cause', () => {
    const other = { ...s, id: 'x', category: 'fraud', cause: 'financial-difficulty' };
    expect(filterScenarios([s, other], { threat: 'fraud' }).map((x) => x.id)).toEqual(['x']);
    expect(filterScenarios([s, other], { cause: 'dissatisfaction' }).map((x) => x.id)).toEqual([
      'departing-sales',
    ]);
    expect(filterScenarios([s, other], {})).toHaveLength(2);
  });
});

describe('humanise', () => {
  it('writes ids as words, acronyms in capitals wherever they stand', () => {
    expect(humanise('it-manager')).toBe('IT manager');
    expect(humanise('senior_hr-partner')).toBe('Senior HR partner');
    expect(humanise('financial-gain')).toBe('Financial gain');
    expect(humanise('item')).toBe('Item');
  });
});
