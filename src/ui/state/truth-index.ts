// Ground truth as the UI reads it: which scenario and step an event id belongs to (labels.scenario,
// labels.step on the events). An alert is a true positive when any of its events is labelled —
// the definition the metrics use too.
import type { EngineEvent } from '../../engine/types.ts';

export interface TruthLabel {
  scenario: string;
  step: number | null;
}

export type TruthIndex = ReadonlyMap<string, TruthLabel>;

export function buildTruthIndex(events: readonly EngineEvent[]): TruthIndex {
  const index = new Map<string, TruthLabel>();
  for (const event of events) {
    const scenario = event['labels.scenario'];
    const id = event['event.id'];
    if (typeof scenario !== 'string' || scenario === '' || id === undefined || id === null) continue;
    const step = Number(event['labels.step']);
    index.set(String(id), { scenario, step: Number.isFinite(step) ? step : null });
  }
  return index;
}

export function isTruePositive(eventIds: readonly string[], truth: TruthIndex): boolean {
  return eventIds.some((id) => truth.has(id));
}

/** The scenarios an alert's events belong to (usually one). */
export function scenariosOf(eventIds: readonly string[], truth: TruthIndex): string[] {
  const out = new Set<string>();
  for (const id of eventIds) {
    const label = truth.get(id);
    if (label) out.add(label.scenario);
  }
  return [...out];
}
