// The labelled malicious events a run did not catch: no alert of the run names them. Each one is a
// "why not?" question the Why-not screen answers.
import type { TruthIndex } from './truth-index.ts';

export interface MissedEvent {
  eventId: string;
  scenario: string;
  step: number | null;
}

export function missedEvents(
  alerts: readonly { events: readonly string[] }[],
  truth: TruthIndex,
): MissedEvent[] {
  const caught = new Set<string>();
  for (const alert of alerts) for (const id of alert.events) caught.add(id);
  const missed: MissedEvent[] = [];
  for (const [eventId, label] of truth) {
    if (!caught.has(eventId)) missed.push({ eventId, scenario: label.scenario, step: label.step });
  }
  return missed.sort(
    (a, b) =>
      a.scenario.localeCompare(b.scenario) ||
      (a.step ?? 0) - (b.step ?? 0) ||
      a.eventId.localeCompare(b.eventId),
  );
}
