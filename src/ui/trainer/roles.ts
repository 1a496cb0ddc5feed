// What an exercise role may see. IT analysts see logs and alerts; security specialists see HR and
// behavioural facts and the directory; a lead sees everything. The split is the same one trainer mode
// draws between its two lanes: every scenario step corporate security sees is an `hr` event, every
// other event is a log line. Pure, so the exercise screen and its tests share one rule.
import type { EngineEvent } from '../../engine/types.ts';

export type View = 'events' | 'alerts' | 'directory' | 'hr' | 'behaviour';

export interface RoleLike {
  id: string;
  title: string;
  sees: readonly string[];
}

/** The kind of fact an event is: a log line (IT's lane) or an HR / behavioural fact (security's lane). */
export type FactKind = 'log' | 'hr' | 'behaviour';

/** HR-category actions that describe how a person behaves rather than their employment record. */
const BEHAVIOUR_ACTIONS = new Set([
  'anonymous-complaint',
  'conflict-report',
  'financial-stress',
  'behaviour-change',
  'policy-violation',
]);
const BEHAVIOUR_CATEGORIES = new Set(['behaviour', 'behavior', 'physical', 'training']);

export function factKind(event: EngineEvent): FactKind {
  const category = String(event['event.category'] ?? '').toLowerCase();
  if (BEHAVIOUR_CATEGORIES.has(category)) return 'behaviour';
  if (category !== 'hr') return 'log';
  return BEHAVIOUR_ACTIONS.has(String(event['event.action'] ?? '').toLowerCase()) ? 'behaviour' : 'hr';
}

export function roleSees(role: RoleLike | null | undefined, view: View): boolean {
  return !role || role.sees.includes(view);
}

/**
 * Whether a role sees one event. HR and behavioural facts are one lane: a role with either view sees
 * both kinds (the scenarios file every security-lane step as an `hr` event); logs need `events`.
 */
export function roleSeesEvent(role: RoleLike | null | undefined, event: EngineEvent): boolean {
  if (!role) return true;
  return factKind(event) === 'log'
    ? roleSees(role, 'events')
    : roleSees(role, 'hr') || roleSees(role, 'behaviour');
}

export function visibleEvents(
  role: RoleLike | null | undefined,
  events: readonly EngineEvent[],
): EngineEvent[] {
  return role ? events.filter((e) => roleSeesEvent(role, e)) : [...events];
}

/** The event lanes a role lacks, for the explorer's notes: logs (`events`) and/or HR facts (`hr`). */
export function hiddenLanes(role: RoleLike | null | undefined): ('events' | 'hr')[] {
  if (!role) return [];
  const out: ('events' | 'hr')[] = [];
  if (!roleSees(role, 'events')) out.push('events');
  if (!roleSees(role, 'hr') && !roleSees(role, 'behaviour')) out.push('hr');
  return out;
}

/** The colleague who holds what a role cannot see: the point of the exercise is to ask them. */
export function colleagueFor(role: RoleLike, roles: readonly RoleLike[], view: View): RoleLike | null {
  const others = roles.filter((r) => r.id !== role.id && r.sees.includes(view));
  // The narrowest colleague first: a specialist before the lead who sees everything.
  return [...others].sort((a, b) => a.sees.length - b.sees.length)[0] ?? null;
}

const LABELS: Record<View, string> = {
  events: 'The logs are',
  alerts: 'The alerts and run results are',
  directory: 'The directory is',
  hr: 'HR and behavioural facts are',
  behaviour: 'Behavioural facts are',
};

/** A role title inside a sentence: "Security specialist" → "security specialist", "IT analyst" stays. */
export function inSentence(title: string): string {
  const first = title.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase()
    ? title
    : title.charAt(0).toLowerCase() + title.slice(1);
}

/** "The directory is not visible to the IT analyst in this exercise — ask your security specialist colleague." */
export function hiddenNote(role: RoleLike, roles: readonly RoleLike[], view: View, subject?: string): string {
  const colleague = colleagueFor(role, roles, view);
  const what = subject ?? LABELS[view];
  const ask = colleague ? ` — ask your ${inSentence(colleague.title)} colleague` : '';
  return `${what} not visible to the ${inSentence(role.title)} in this exercise${ask}.`;
}

/** Strips the hidden truth (labels.*) so a student's explorer cannot read which events are the scenario. */
export function withoutLabels(events: readonly EngineEvent[]): EngineEvent[] {
  return events.map((e) => {
    const out: EngineEvent = {};
    for (const [k, v] of Object.entries(e)) if (!k.startsWith('labels.')) out[k] = v;
    return out;
  });
}
