// What a rule needs of an event, in terms a column store can check before it makes the event. A
// requirement is sound: a rule whose requirement fails on an event's values cannot match it. Where
// every part is exact (no keyword, field reference, content scan or access decision below it), it
// is the rule's condition itself: it holds exactly when the rule matches.
import type { EngineEvent, EventValue } from '../types.ts';

export type Requirement =
  /** Cannot be told from single field values (keywords, field references): may always hold. */
  | { kind: 'any' }
  /**
   * `test` of the joined event's `event[field]` (undefined when absent) holds; `exact` when it is
   * the item itself, not only what the item needs (a content matcher needs non-empty text).
   */
  | {
      kind: 'value';
      field: string;
      test: (raw: EventValue | undefined) => boolean;
      exact: boolean;
      /** `test` answers alike on a time's instant in ms and on its ISO text in UTC (`FieldItem.readsInstant`). */
      readsInstant?: true;
    }
  /**
   * `test` of an event holding only `fields` (those it has), read through `head` as a rule reads an
   * unjoined event: an item that compares fields with each other (`fieldref`).
   */
  | {
      kind: 'fields';
      fields: readonly string[];
      test: (event: EngineEvent, head?: EngineEvent) => boolean;
      exact: boolean;
    }
  | { kind: 'all' | 'one'; parts: Requirement[] }
  | { kind: 'not'; part: Requirement };

export const ANY: Requirement = { kind: 'any' };
/** Never holds (a rule that never matches). */
export const NEVER: Requirement = { kind: 'one', parts: [] };

export function allOf(parts: readonly Requirement[]): Requirement {
  return parts.length === 1 ? (parts[0] as Requirement) : { kind: 'all', parts: [...parts] };
}

/** Any of the parts; `oneOf([])` never holds. */
export function oneOf(parts: readonly Requirement[]): Requirement {
  return parts.length === 1 ? (parts[0] as Requirement) : { kind: 'one', parts: [...parts] };
}

/** A content field a classifier can find something in: scanned only when it is non-empty text. */
export function nonEmptyText(raw: EventValue | undefined): boolean {
  return scannedText(raw) !== undefined;
}

/**
 * The text classifiers scan in a field's value: a string, or the strings of a list joined by line
 * breaks (ECS and JSON logs keep multi-valued fields as lists); undefined when there is none.
 */
export function scannedText(raw: EventValue | undefined): string | undefined {
  if (typeof raw === 'string') return raw === '' ? undefined : raw;
  if (!Array.isArray(raw)) return undefined;
  const texts = raw.filter((item): item is string => typeof item === 'string' && item !== '');
  return texts.length === 0 ? undefined : texts.join('\n');
}

/** Whether the requirement is the condition itself (see above), not only what it needs. */
export function isExact(requirement: Requirement): boolean {
  switch (requirement.kind) {
    case 'any':
      return false;
    case 'value':
    case 'fields':
      return requirement.exact;
    case 'all':
    case 'one':
      return requirement.parts.every(isExact);
    case 'not':
      return isExact(requirement.part);
  }
}
