// The event explorer's filter, as one definition for both places events live: event objects (a
// dataset held in memory, an exercise's events) and stored segments, matched column by column
// without building events (src/store/event-query.ts). Pure: no Dexie, no DOM.
import type { EngineEvent, EventValue } from '../engine/types.ts';
import { columnReader, denseColumn, type DenseColumn, type SegmentColumns } from './segment-codec.ts';
import type { SegmentSummaryRecord } from './records.ts';

export interface EventFilter {
  /** `user.name` equals. */
  user?: string;
  /** `event.category` equals. */
  category?: string;
  /** '' any, 'benign' unlabelled only, 'labelled' any scenario, else a scenario id. */
  label?: string;
  /** With `value`: this field contains it; alone: the field is present. */
  field?: string;
  /**
   * Case-insensitive text. Without `field`: any field contains it, or `name=value` — that field's
   * value equals it (case-insensitive).
   */
  value?: string;
  /** ISO dates (a whole day) or instants, inclusive. */
  from?: string;
  to?: string;
}

/** A filter reduced to what matching needs; `null` where a part is not used. */
export interface NormalFilter {
  user: string | null;
  category: string | null;
  label: string | null;
  /** Field contains (lower-case needle); field null means any field. */
  contains: { field: string | null; needle: string } | null;
  equals: { field: string; value: string } | null;
  present: string | null;
  /** Epoch milliseconds, inclusive; events without a readable `@timestamp` fail a time range. */
  from: number | null;
  to: number | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_EQUALS = /^([A-Za-z_@][\w.@-]*)\s*=\s*(.*)$/;

/** Start (or, for `to`, end) of a date, or the instant; an unreadable bound is an error to show. */
export function boundOf(text: string, end: boolean): number {
  const value = text.trim();
  const ms = DATE.test(value)
    ? Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 - 1 : 0)
    : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new Error(`"${text}" is not a date (use 2026-03-02 or 2026-03-02T09:00:00Z).`);
  return ms;
}

export function normaliseFilter(filter: EventFilter): NormalFilter {
  const field = filter.field?.trim() ?? '';
  const value = filter.value?.trim() ?? '';
  let contains: NormalFilter['contains'] = null;
  let equals: NormalFilter['equals'] = null;
  let present: string | null = null;
  const named = !field && value ? FIELD_EQUALS.exec(value) : null;
  if (named) equals = { field: named[1]!, value: named[2]!.trim().toLowerCase() };
  else if (value) contains = { field: field || null, needle: value.toLowerCase() };
  else if (field) present = field;
  return {
    user: filter.user || null,
    category: filter.category || null,
    label: filter.label || null,
    contains,
    equals,
    present,
    from: filter.from?.trim() ? boundOf(filter.from, false) : null,
    to: filter.to?.trim() ? boundOf(filter.to, true) : null,
  };
}

/** A stable key of what a filter selects (same key, same events). */
export function filterKey(filter: EventFilter): string {
  return JSON.stringify(normaliseFilter(filter));
}

export function isEmptyFilter(filter: NormalFilter): boolean {
  return Object.values(filter).every((v) => v === null);
}

export function asText(v: EventValue | undefined): string {
  if (v === undefined || v === null) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

function timeOf(v: EventValue | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
}

function isPresent(v: EventValue | undefined): boolean {
  return v !== undefined && v !== null && v !== '';
}

function labelMatches(label: string, v: EventValue | undefined): boolean {
  if (label === 'benign') return !v;
  if (label === 'labelled') return !!v;
  return v === label;
}

/** The value is `wanted`, or a list holding it (ECS writes `event.category: ["network","web"]`). */
function holds(value: EventValue | undefined, wanted: string): boolean {
  return value === wanted || (Array.isArray(value) && value.includes(wanted));
}

/** The filter as a predicate on event objects. */
export function eventPredicate(filter: EventFilter): (e: EngineEvent) => boolean {
  const f = normaliseFilter(filter);
  const checks: ((e: EngineEvent) => boolean)[] = [];
  if (f.user !== null) checks.push((e) => holds(e['user.name'], f.user!));
  if (f.category !== null) checks.push((e) => holds(e['event.category'], f.category!));
  if (f.label !== null) {
    const label = f.label;
    checks.push((e) => labelMatches(label, e['labels.scenario']));
  }
  if (f.contains) {
    const { field, needle } = f.contains;
    if (field !== null) checks.push((e) => asText(e[field]).toLowerCase().includes(needle));
    else checks.push((e) => Object.values(e).some((v) => asText(v).toLowerCase().includes(needle)));
  }
  if (f.equals) {
    const { field, value } = f.equals;
    checks.push((e) => isPresent(e[field]) && asText(e[field]).toLowerCase() === value);
  }
  if (f.present !== null) {
    const field = f.present;
    checks.push((e) => isPresent(e[field]));
  }
  if (f.from !== null || f.to !== null) {
    const from = f.from ?? -Infinity;
    const to = f.to ?? Infinity;
    checks.push((e) => {
      const t = timeOf(e['@timestamp']);
      return t >= from && t <= to;
    });
  }
  return (e) => checks.every((c) => c(e));
}

/**
 * Whether a stored segment can hold a matching event, by its summary only (time range, users,
 * categories): a segment this says no to is never read.
 */
export function segmentMayMatch(segment: SegmentSummaryRecord, f: NormalFilter): boolean {
  if (f.from !== null || f.to !== null) {
    // No event with a timestamp: none can be in a time range.
    if (Number.isNaN(segment.start)) return false;
    if (f.from !== null && segment.end < f.from) return false;
    if (f.to !== null && segment.start > f.to) return false;
  }
  if (f.user !== null && !segment.users.includes(f.user)) return false;
  if (f.category !== null && !segment.categories.includes(f.category)) return false;
  return true;
}

/**
 * The rows of a segment that match, in order, found column by column (a dictionary column compares
 * codes; only the columns the filter names are read). `null` when every row matches.
 */
export function matchSegment(segment: SegmentColumns, f: NormalFilter): Uint32Array | null {
  const count = segment.count;
  // (Sparse columns expanded: each test below reads a slot per event.)
  const byField = new Map(segment.columns.map((c) => [c.field, denseColumn(c, count)]));
  // Rows still in (1) after the checks so far; null until the first check.
  const state: { mask: Uint8Array | null } = { mask: null };
  const restrict = (rowMatches: (i: number) => boolean) => {
    const mask = state.mask;
    if (mask === null) {
      const fresh = new Uint8Array(count);
      for (let i = 0; i < count; i++) fresh[i] = rowMatches(i) ? 1 : 0;
      state.mask = fresh;
    } else for (let i = 0; i < count; i++) if (mask[i] && !rowMatches(i)) mask[i] = 0;
  };
  const equalsCheck = (field: string, wanted: string) => {
    const column = byField.get(field);
    if (!column) return restrict(never);
    restrict(valueTest(column, (v) => holds(v, wanted)));
  };
  if (f.user !== null) equalsCheck('user.name', f.user);
  if (f.category !== null) equalsCheck('event.category', f.category);
  if (f.label !== null) {
    const label = f.label;
    const column = byField.get('labels.scenario');
    if (!column) restrict(label === 'benign' ? () => true : never);
    else restrict(valueTest(column, (v) => labelMatches(label, v), true));
  }
  if (f.present !== null) {
    const column = byField.get(f.present);
    restrict(column ? valueTest(column, isPresent, true) : never);
  }
  if (f.equals) {
    const { field, value } = f.equals;
    const column = byField.get(field);
    restrict(column ? valueTest(column, (v) => isPresent(v) && asText(v).toLowerCase() === value) : never);
  }
  if (f.contains) {
    const { field, needle } = f.contains;
    if (field !== null) {
      const column = byField.get(field);
      restrict(column ? containsTest(column, needle, count) : never);
    } else {
      const any = new Uint8Array(count);
      for (const column of byField.values()) {
        const test = containsTest(column, needle, count);
        if (test === never) continue;
        for (let i = 0; i < count; i++) if (!any[i] && test(i)) any[i] = 1;
      }
      restrict((i) => any[i] === 1);
    }
  }
  if (f.from !== null || f.to !== null) {
    const from = f.from ?? -Infinity;
    const to = f.to ?? Infinity;
    const column = byField.get('@timestamp');
    if (!column) restrict(never);
    else if (column.kind === 'time' || column.kind === 'number') {
      const times = new Float64Array(column.values);
      restrict((i) => times[i]! >= from && times[i]! <= to);
    } else {
      const reader = columnReader(column, count);
      restrict((i) => {
        const t = timeOf(reader.get(i));
        return t >= from && t <= to;
      });
    }
  }
  const m = state.mask;
  if (m === null) return null;
  let n = 0;
  for (let i = 0; i < count; i++) n += m[i]!;
  const rows = new Uint32Array(n);
  for (let i = 0, k = 0; i < count; i++) if (m[i]) rows[k++] = i;
  return rows;
}

const never = () => false;
/** Characters an ISO instant or a number can print; a needle with another cannot be in them. */
const TIME_CHARS = /^[0-9tz:.+-]*$/;
const NUMBER_CHARS = /^[0-9e.+-]*$|^-?(infinity|nan)$/;

/**
 * Rows whose value, as text, contains `needle` (lower case). Long text is searched in one piece
 * (one lower-casing and `indexOf` over the segment's text, not a slice per row); times and numbers
 * are skipped when the needle holds characters they never print.
 */
function containsTest(column: DenseColumn, needle: string, count: number): (i: number) => boolean {
  if (column.kind === 'time' && !TIME_CHARS.test(needle)) return never;
  if (column.kind === 'number' && !NUMBER_CHARS.test(needle)) return never;
  if (column.kind === 'text') {
    const text = new TextDecoder().decode(column.bytes);
    const lower = text.toLowerCase();
    // Lower-casing that changes lengths (rare scripts) breaks the offsets: test row by row.
    if (lower.length === text.length) {
      const offsets = new Uint32Array(column.offsets);
      const present = new Uint8Array(column.present);
      const hits = new Uint8Array(count);
      let row = 0;
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
        while (row < count && offsets[row + 1]! <= at) row++;
        // A match must lie inside one row's text, not across two.
        if (row < count && present[row] && at + needle.length <= offsets[row + 1]!) hits[row] = 1;
      }
      return (i) => hits[i] === 1;
    }
  }
  return valueTest(column, (v) => asText(v).toLowerCase().includes(needle));
}

/**
 * A row test for one column and a value predicate. Dictionary columns test each distinct value once
 * and compare codes; `absentToo` also asks the predicate about rows without the field.
 */
function valueTest(
  column: DenseColumn,
  test: (v: EventValue | undefined) => boolean,
  absentToo = false,
): (i: number) => boolean {
  const absent = absentToo ? test(undefined) : false;
  if (column.kind === 'dictionary' || column.kind === 'json-dictionary') {
    const values =
      column.kind === 'dictionary'
        ? column.dictionary
        : column.dictionary.map((text) => JSON.parse(text) as EventValue);
    const byCode = new Uint8Array(values.length + 1);
    byCode[0] = absent ? 1 : 0;
    for (let k = 0; k < values.length; k++) byCode[k + 1] = test(values[k]) ? 1 : 0;
    const codes =
      column.codeBytes === 1
        ? new Uint8Array(column.codes)
        : column.codeBytes === 2
          ? new Uint16Array(column.codes)
          : new Uint32Array(column.codes);
    return (i) => byCode[codes[i]!] === 1;
  }
  const reader = columnReader(column);
  return (i) => {
    const v = reader.get(i);
    return v === undefined ? absent : test(v);
  };
}
