import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  factKind,
  hiddenLanes,
  hiddenNote,
  roleSees,
  roleSeesEvent,
  visibleEvents,
  withoutLabels,
  type RoleLike,
} from './roles.ts';

const easy = parse(readFileSync('sample-data/exercises/01-card-data-by-mail.yml', 'utf8')) as {
  roles: RoleLike[];
};
const role = (id: string) => easy.roles.find((r) => r.id === id) as RoleLike;
const it_ = role('it-analyst');
const sec = role('security-specialist');
const lead = role('lead');

const mail = { 'event.id': 'e1', 'event.category': 'email', 'event.action': 'send', 'user.name': 'a' };
const resignation = { 'event.id': 'e2', 'event.category': 'hr', 'event.action': 'resignation' };
const complaint = { 'event.id': 'e3', 'event.category': 'hr', 'event.action': 'anonymous-complaint' };
const logon = { 'event.id': 'e4', 'event.category': 'authentication', 'event.action': 'logon' };

describe('exercise roles', () => {
  it('classifies HR facts, behavioural facts and logs', () => {
    expect(factKind(mail)).toBe('log');
    expect(factKind(logon)).toBe('log');
    expect(factKind(resignation)).toBe('hr');
    expect(factKind(complaint)).toBe('behaviour');
  });

  it('shows the IT analyst logs but no HR or behavioural facts', () => {
    expect(visibleEvents(it_, [mail, resignation, complaint, logon]).map((e) => e['event.id'])).toEqual([
      'e1',
      'e4',
    ]);
    expect(roleSees(it_, 'directory')).toBe(false);
    expect(roleSees(it_, 'alerts')).toBe(true);
    expect(hiddenLanes(it_)).toEqual(['hr']);
  });

  it('shows the security specialist HR facts and the directory but no logs or alerts', () => {
    expect(roleSeesEvent(sec, resignation)).toBe(true);
    expect(roleSeesEvent(sec, complaint)).toBe(true);
    expect(roleSeesEvent(sec, mail)).toBe(false);
    expect(roleSees(sec, 'directory')).toBe(true);
    expect(roleSees(sec, 'alerts')).toBe(false);
    expect(hiddenLanes(sec)).toEqual(['events']);
  });

  it('shows the lead, and no role at all, everything', () => {
    for (const r of [lead, null]) {
      expect(visibleEvents(r, [mail, resignation, complaint, logon])).toHaveLength(4);
      expect(hiddenLanes(r)).toEqual([]);
    }
  });

  it('names the narrowest colleague who can see the hidden part', () => {
    expect(hiddenNote(it_, easy.roles, 'directory')).toBe(
      'The directory is not visible to the IT analyst in this exercise — ask your security specialist colleague.',
    );
    expect(hiddenNote(sec, easy.roles, 'alerts')).toContain(
      'not visible to the security specialist in this exercise — ask your IT analyst colleague',
    );
  });

  it('every security-lane step of the shipped scenarios is an HR or behavioural fact', () => {
    // The same split as trainer mode's lanes: an IT analyst must never see a security-only step.
    const dir = 'sample-data/scenarios';
    for (const name of [
      'night-printing-confidential',
      'disgruntled-admin-sabotage',
      'contractor-source-clone',
    ]) {
      const card = parse(readFileSync(`${dir}/${name}.yml`, 'utf8')) as {
        steps: { seen_by: string; events: { fields: Record<string, string> }[] }[];
      };
      for (const step of card.steps.filter((s) => s.seen_by === 'security'))
        for (const e of step.events) expect(roleSeesEvent(it_, e.fields), `${name}`).toBe(false);
    }
  });

  it('strips the hidden truth from events', () => {
    const [clean] = withoutLabels([{ ...mail, 'labels.scenario': 'x', 'labels.step': 2 }]);
    expect(clean).toEqual(mail);
  });
});
