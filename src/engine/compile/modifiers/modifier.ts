// The state a field item (`field|mod1|mod2: values`) is compiled through. Modifiers apply in the
// order written, as the specification requires; each one checks what came before it, which is how
// forbidden combinations (`re|contains`, `gt|contains`, `exists|cased`…) become located errors.
import type { SigmaString } from '../sigma-string.ts';

export type SigmaValue =
  | { type: 'string'; raw: string; value: SigmaString }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  /** Encoded text (utf16*) waiting for base64, or compared as one character per byte. */
  | { type: 'bytes'; value: Uint8Array };

/** The alternatives one written value became (base64offset yields three). */
export type ValueGroup = SigmaValue[];

export type Position = 'whole' | 'contains' | 'startswith' | 'endswith';
export type MatchKind = 'value' | 're' | 'cidr' | 'compare' | 'exists' | 'fieldref';
export type Comparison = 'gt' | 'gte' | 'lt' | 'lte';
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface FieldItemState {
  /** `''` for keyword search across all fields. */
  field: string;
  groups: ValueGroup[];
  position: Position;
  match: MatchKind;
  comparison?: Comparison;
  timePart?: TimePart;
  cased: boolean;
  all: boolean;
  negate: boolean;
  reFlags: Set<'i' | 'm' | 's'>;
  /** An encoding (base64, utf16…) was applied: wildcards and later position changes no longer fit. */
  encoded: boolean;
  applied: string[];
  warnings: string[];
}

export interface Modifier {
  name: string;
  /** The specification's words, shown in editor completion and documentation. */
  summary: string;
  /** Updates the state; returns a message when the modifier cannot apply here. */
  apply(state: FieldItemState): string | undefined;
}

export function everyValue(state: FieldItemState): SigmaValue[] {
  return state.groups.flat();
}

/** Numbers and booleans written where text is expected are the text they print as. */
export function valuesAsStrings(state: FieldItemState, modifier: string): string | undefined {
  for (const group of state.groups) {
    for (let i = 0; i < group.length; i++) {
      const value = group[i] as SigmaValue;
      if (value.type === 'number' || value.type === 'boolean') {
        const raw = String(value.value);
        group[i] = { type: 'string', raw, value: [{ type: 'text', text: raw }] };
      } else if (value.type === 'null') {
        return `"${modifier}" cannot apply to null`;
      }
    }
  }
  return undefined;
}

export function setPosition(state: FieldItemState, position: Position): string | undefined {
  if (state.match === 're')
    return `"${position}" cannot be combined with "re": a regular expression already matches anywhere unless anchored with ^ or $`;
  if (state.match === 'cidr' || state.match === 'compare' || state.match === 'exists') {
    return `"${position}" cannot be combined with "${state.applied.find((m) => m !== position) ?? state.match}"`;
  }
  if (state.timePart) return `"${position}" cannot be combined with the time modifier "${state.timePart}"`;
  if (state.position !== 'whole' && state.position !== position) {
    return `"${position}" cannot be combined with "${state.position}": use a wildcard such as "abc*xyz" instead`;
  }
  const error = state.match === 'fieldref' ? undefined : valuesAsStrings(state, position);
  if (error) return error;
  state.position = position;
  return undefined;
}

/** Modifiers that only make sense before any matching kind was chosen. */
export function requirePlainValue(state: FieldItemState, modifier: string): string | undefined {
  if (state.match !== 'value') return `"${modifier}" cannot be combined with "${state.match}"`;
  return undefined;
}
