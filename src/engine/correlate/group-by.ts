// group-by: occurrences that share every group-by value form one group. Aliases name a field that
// is called differently in the events of different rules (Sigma "field name aliases").
import type { EngineEvent, EventValue } from '../types.ts';
import type { CompiledCorrelation, Occurrence } from './model.ts';
import { setField } from '../event/join.ts';

export interface Group {
  values: Record<string, EventValue>;
  items: Occurrence[];
}

export function fieldOf(
  correlation: Pick<CompiledCorrelation, 'aliases'>,
  occurrence: Occurrence,
  field: string,
): EventValue | undefined {
  const alias = Object.hasOwn(correlation.aliases, field) ? correlation.aliases[field] : undefined;
  const real = alias && Object.hasOwn(alias, occurrence.rule) ? alias[occurrence.rule] : undefined;
  return valueOf(occurrence.fields, real ?? field);
}

export function valueOf(fields: EngineEvent, field: string): EventValue | undefined {
  // Only the occurrence's own fields: not what every object inherits (`constructor`).
  const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/**
 * Splits occurrences into groups. An occurrence without one of the group-by fields belongs to no
 * group, as in a SIEM's `stats … by field`: it cannot make an alert.
 */
export function groupOccurrences(
  correlation: Pick<CompiledCorrelation, 'aliases' | 'groupBy'>,
  occurrences: readonly Occurrence[],
): Group[] {
  const groups = new Map<string, Group>();
  for (const occurrence of occurrences) {
    const values: Record<string, EventValue> = {};
    let complete = true;
    for (const field of correlation.groupBy) {
      const value = fieldOf(correlation, occurrence, field);
      if (value === undefined) {
        complete = false;
        break;
      }
      setField(values, field, value);
    }
    if (!complete) continue;
    const key = JSON.stringify(correlation.groupBy.map((f) => values[f]));
    let group = groups.get(key);
    if (!group) {
      group = { values, items: [] };
      groups.set(key, group);
    }
    group.items.push(occurrence);
  }
  // Deterministic whatever the input order: groups sorted by their key.
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Time order, then the rule's place in the correlation, then event id: one order for any input. */
export function sortOccurrences(items: Occurrence[], ruleOrder?: readonly string[]): Occurrence[] {
  const rank = new Map(ruleOrder?.map((r, i) => [r, i]));
  return items.sort(
    (a, b) =>
      a.time - b.time ||
      (rank.get(a.rule) ?? 0) - (rank.get(b.rule) ?? 0) ||
      compareText(a.eventIds.join(','), b.eventIds.join(',')) ||
      compareText(a.rule, b.rule),
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One occurrence per event (a SIEM counts an event once even if two referenced rules match it). */
export function distinctEvents(items: readonly Occurrence[]): Occurrence[] {
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const item of items) {
    const key = item.eventIds.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

export function numberOf(value: EventValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
