// What a rule needs of an event, in terms a column store can check before it makes the event: a
// rule whose requirement fails on an event's values cannot match it. Conservative: a part that
// cannot be told from single field values (`not`, keywords, field references) is `any`.
import type { EventValue } from '../types.ts';

export type Requirement =
  | { kind: 'any' }
  /** `test` of the joined event's `event[field]` (undefined when absent) must hold. */
  | { kind: 'value'; field: string; test: (raw: EventValue | undefined) => boolean }
  | { kind: 'all' | 'one'; parts: Requirement[] };

export const ANY: Requirement = { kind: 'any' };

export function allOf(parts: readonly Requirement[]): Requirement {
  const known = parts.filter((part) => part.kind !== 'any');
  return known.length === 0
    ? ANY
    : known.length === 1
      ? (known[0] as Requirement)
      : { kind: 'all', parts: known };
}

/** Any of the parts; `oneOf([])` is never met. */
export function oneOf(parts: readonly Requirement[]): Requirement {
  if (parts.some((part) => part.kind === 'any')) return ANY;
  return parts.length === 1 ? (parts[0] as Requirement) : { kind: 'one', parts: [...parts] };
}

/** A content field a classifier can find something in: scanned only when it is non-empty text. */
export function nonEmptyText(raw: EventValue | undefined): boolean {
  return typeof raw === 'string' && raw !== '';
}
