// One field item of a selection, `field|mod1|mod2: value(s)`, compiled to a predicate over an
// event. Values in a list are ORed (ANDed with `all`); matching is case-insensitive unless `cased`;
// a value without wildcards is whole-value equality; `null` matches an absent or empty field.
// `neq` is the item without it, negated (pySigma's `SigmaNegateModifier` makes the detection item a
// NOT): it holds on an event that lacks the field, as `NOT field=value` does in a SIEM.
import type { EngineEvent, EventValue, FieldMatch, FieldValue } from '../types.ts';
import { fieldReader, joinedReader } from '../event/join.ts';
import { remembered } from './remembered.ts';
import { networkContains, parseNetwork } from './ip-network.ts';
import { MODIFIERS } from './modifiers/index.ts';
import { setPosition, type FieldItemState, type SigmaValue, type TimePart } from './modifiers/modifier.ts';
import { timePartOf } from './modifiers/time-part.ts';
import { compileSigmaRegExp } from './regexp.ts';
import { hasWildcards, parseSigmaString, plainText, type SigmaString } from './sigma-string.ts';
import { didYouMean } from '../validate/suggest.ts';
import { compileWildcard } from './wildcard.ts';
import { needlesByLength } from './needles-by-length.ts';

export interface FieldItem {
  /** The field name; `''` for a keyword item, which searches the values of every field. */
  field: string;
  /** The key as written (`Image|endswith`), for explanations. */
  key: string;
  /**
   * Whether the item holds on the event. With `head` (the directory's and catalogue's fields of an
   * event the run did not join), a field the event lacks is read from `head`: the same answer as on
   * the joined event `{ ...head, ...event }`.
   */
  test(event: EngineEvent, head?: EngineEvent): boolean;
  /** The field and value that decided a true item. */
  explain(event: EngineEvent): FieldMatch | undefined;
  /** False when an absent field can satisfy the item (`null`, `exists: false`). */
  needsField: boolean;
  /** For index building: the exact values this item requires, when it is a plain equality. */
  equals?: string[];
  /**
   * The item as a test of its field's value alone (the joined event's `event[field]`, undefined
   * when absent), where it reads nothing else: what a column store checks once per distinct value.
   */
  value?: (raw: EventValue | undefined) => boolean;
  /**
   * `value` answers the same on a time's instant in ms as on its ISO 8601 text in UTC (a time-part
   * item: `@timestamp|hour`): a column of times need not write each one out to be asked.
   */
  readsInstant?: true;
  /**
   * The other fields `test` reads besides `field` (a `fieldref`'s references): with them a column
   * store can answer the item from those columns alone, on an event made of just these fields.
   */
  reads?: readonly string[];
}

export interface ItemProblem {
  message: string;
  suggestion?: string;
  /** Index of the offending value inside a list, when one value is the problem. */
  valueIndex?: number;
  severity?: 'error' | 'warning';
}

export type ItemResult = { item?: FieldItem; problems: ItemProblem[] };

type ScalarTest = (value: FieldValue) => boolean;
/** A test of a field's value (undefined when the event lacks the field). */
type ValueTest = (raw: EventValue | undefined) => boolean;

function toSigmaValue(raw: unknown): SigmaValue | undefined {
  if (raw === null) return { type: 'null' };
  if (typeof raw === 'string') return { type: 'string', raw, value: parseSigmaString(raw) };
  if (typeof raw === 'number') return { type: 'number', value: raw };
  if (typeof raw === 'boolean') return { type: 'boolean', value: raw };
  return undefined;
}

/** What a value that is not a Sigma value is, in YAML's words (tags such as `!!binary` make some). */
export function valueKind(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw instanceof Uint8Array) return 'binary data';
  if (raw instanceof Date) return 'a timestamp';
  if (raw instanceof Set) return 'a set';
  if (raw instanceof Map) return 'an ordered map';
  return 'a map';
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function stringTest(value: SigmaString, position: FieldItemState['position'], cased: boolean): ScalarTest {
  if (!hasWildcards(value)) {
    const needle = cased ? plainText(value) : plainText(value).toLowerCase();
    const fold = (v: FieldValue) => (cased ? String(v) : String(v).toLowerCase());
    switch (position) {
      case 'whole':
        return (v) => fold(v) === needle;
      case 'contains':
        return (v) => fold(v).includes(needle);
      case 'startswith':
        return (v) => fold(v).startsWith(needle);
      case 'endswith':
        return (v) => fold(v).endsWith(needle);
    }
  }
  // Wildcards: a segment matcher, not a `[\s\S]*` regular expression (which backtracks without end).
  const matches = compileWildcard(value, position, cased);
  return (v) => matches(String(v));
}

/** A number, or a text that is one (Sigma compares `5` and `"5"` alike); otherwise undefined. */
export function numberOf(value: FieldValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

// Several rules read the same part of the same event's timestamp (`@timestamp|hour`): the last
// answer is kept, keyed by the value itself (a pure function of it).
let lastTime: { value: FieldValue; part: TimePart; result: number | undefined } | undefined;

function lastTimePartOf(value: FieldValue, part: TimePart): number | undefined {
  if (lastTime !== undefined && lastTime.value === value && lastTime.part === part) return lastTime.result;
  const result = timePartOf(value, part);
  lastTime = { value, part, result };
  return result;
}

const COMPARE = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
};

function scalarTest(state: FieldItemState, value: SigmaValue): ScalarTest | ItemProblem {
  if (state.match === 'compare' || state.timePart) {
    if (value.type !== 'number') return { message: 'expected a number' };
    const target = value.value;
    const op = state.comparison ? COMPARE[state.comparison] : (a: number, b: number) => a === b;
    const part = state.timePart;
    return (v) => {
      const n = part ? lastTimePartOf(v, part) : numberOf(v);
      return n !== undefined && op(n, target);
    };
  }
  if (state.match === 'cidr') {
    const network = value.type === 'string' ? parseNetwork(value.raw) : undefined;
    if (!network) return { message: 'expected a network in CIDR notation' };
    return (v) => typeof v === 'string' && networkContains(network, v);
  }
  if (state.match === 're') {
    if (value.type !== 'string') return { message: 'expected a regular expression' };
    const compiled = compileSigmaRegExp(value.raw, state.reFlags);
    if (!compiled.ok) return { message: compiled.message };
    const regexp = compiled.regexp;
    return (v) => regexp.test(String(v));
  }
  switch (value.type) {
    case 'string':
      return stringTest(value.value, state.position, state.cased);
    case 'bytes':
      return stringTest([{ type: 'text', text: latin1(value.value) }], state.position, true);
    case 'number': {
      const n = value.value;
      const text = String(n);
      return (v) => (typeof v === 'number' ? v === n : String(v).toLowerCase() === text);
    }
    case 'boolean': {
      const b = value.value;
      return (v) => v === b || String(v).toLowerCase() === String(b);
    }
    case 'null':
      return { message: 'null cannot be combined with modifiers' };
  }
}

function valueText(value: SigmaValue): string {
  switch (value.type) {
    case 'string':
      return value.raw;
    case 'bytes':
      return latin1(value.value);
    case 'null':
      return 'null';
    default:
      return String(value.value);
  }
}

function isEmpty(value: EventValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function scalars(value: EventValue | undefined): readonly FieldValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly FieldValue[]) : [value as FieldValue];
}

/** Matches one value list (or a single value) against the item's value groups: any, or all. */
function groupsTest(groupTests: readonly ScalarTest[], all: boolean, negate: boolean): ValueTest {
  const matchesGroup = (values: readonly FieldValue[], t: ScalarTest) => {
    for (const v of values) if (v !== null && t(v)) return true;
    return false;
  };
  const single = groupTests.length === 1 ? groupTests[0] : undefined;
  return (raw) => {
    // An absent or null field equals no value, so `neq` holds on it.
    if (raw === undefined || raw === null) return negate;
    let matched: boolean;
    if (!Array.isArray(raw)) {
      // One value: no list to build, each group's test on it.
      const v = raw as FieldValue;
      if (single) matched = single(v);
      else if (all) {
        matched = true;
        for (const t of groupTests)
          if (!t(v)) {
            matched = false;
            break;
          }
      } else {
        matched = false;
        for (const t of groupTests)
          if (t(v)) {
            matched = true;
            break;
          }
      }
    } else {
      const values = raw as readonly FieldValue[];
      if (single) matched = matchesGroup(values, single);
      else if (all) {
        matched = true;
        for (const t of groupTests)
          if (!matchesGroup(values, t)) {
            matched = false;
            break;
          }
      } else {
        matched = false;
        for (const t of groupTests)
          if (matchesGroup(values, t)) {
            matched = true;
            break;
          }
      }
    }
    return negate ? !matched : matched;
  };
}

/**
 * The common item `field|contains: [a, b, c]` (plain text values, no wildcards, no regex): the
 * event's value is lower-cased once and compared with every needle, rather than once per value —
 * the same result as one `stringTest` per value.
 */
function plainStringTest(state: FieldItemState): ValueTest | undefined {
  if (state.match !== 'value' || state.timePart || state.groups.length === 0) return undefined;
  const needles: string[] = [];
  for (const group of state.groups) {
    const value = group.length === 1 ? group[0] : undefined;
    if (value?.type !== 'string' || hasWildcards(value.value)) return undefined;
    needles.push(state.cased ? plainText(value.value) : plainText(value.value).toLowerCase());
  }
  const { cased, all, negate, position } = state;
  const fold = (v: FieldValue) => (cased ? String(v) : String(v).toLowerCase());
  const one: (text: string, needle: string) => boolean =
    position === 'whole'
      ? (text, needle) => text === needle
      : position === 'contains'
        ? (text, needle) => text.includes(needle)
        : position === 'startswith'
          ? (text, needle) => text.startsWith(needle)
          : (text, needle) => text.endsWith(needle);
  const set = position === 'whole' ? new Set(needles) : undefined;
  const byLength = set ? undefined : needlesByLength(needles);
  const any = (text: string): boolean => {
    if (set) return set.has(text);
    if (byLength) return byLength(text, position);
    for (const needle of needles) if (one(text, needle)) return true;
    return false;
  };
  return (raw) => {
    if (raw === undefined || raw === null) return negate;
    let matched: boolean;
    if (!Array.isArray(raw)) {
      const text = fold(raw as FieldValue);
      if (!all) matched = any(text);
      else {
        matched = true;
        for (const needle of needles)
          if (!one(text, needle)) {
            matched = false;
            break;
          }
      }
    } else {
      const texts: string[] = [];
      for (const v of raw as readonly FieldValue[]) if (v !== null) texts.push(fold(v));
      if (!all) {
        matched = false;
        for (const text of texts)
          if (any(text)) {
            matched = true;
            break;
          }
      } else {
        matched = true;
        for (const needle of needles)
          if (!texts.some((text) => one(text, needle))) {
            matched = false;
            break;
          }
      }
    }
    return negate ? !matched : matched;
  };
}

/** Compiled items by key and value, shared by every rule (and pack) that writes the same item. */
const compiledItems = new Map<string, ItemResult>();
const COMPILED_ITEMS_KEPT = 5_000;

/**
 * `compileFieldItem`, once per distinct key and value: rules repeat items (`@timestamp|hour|lt: 6`
 * in sixteen rules of the default pack, `file.sensitivity: [confidential, restricted]` in
 * thirteen), and a shared item answers them all from what it remembered. Items hold no state but
 * those remembered answers, which depend on the value alone, so sharing changes no result.
 */
export function compileFieldItem(key: string, rawValue: unknown): ItemResult {
  const id = `${key}\u0000${JSON.stringify(rawValue) ?? typeof rawValue}`;
  let result = compiledItems.get(id);
  if (!result) {
    result = compileFieldItemOnce(key, rawValue);
    if (compiledItems.size >= COMPILED_ITEMS_KEPT) compiledItems.clear();
    compiledItems.set(id, result);
  }
  return result;
}

/** Parses `field|mod1|mod2` and the value(s) into a compiled item, or the problems found. */
function compileFieldItemOnce(key: string, rawValue: unknown): ItemResult {
  const problems: ItemProblem[] = [];
  const [field = '', ...modifierNames] = key.split('|');
  const list = Array.isArray(rawValue) ? rawValue : [rawValue];
  if (Array.isArray(rawValue) && rawValue.length === 0)
    return { problems: [{ message: 'an empty list of values can never match' }] };
  const groups: SigmaValue[][] = [];
  list.forEach((raw, valueIndex) => {
    const value = toSigmaValue(raw);
    if (!value)
      problems.push({
        message: `a value must be text, a number, true/false or null (not ${valueKind(raw)})`,
        valueIndex,
      });
    else if (value.type === 'number' && Number.isNaN(value.value))
      problems.push({
        message: '.nan is equal to nothing, itself included, so it can never match',
        suggestion: "quote it ('NaN') to match the text",
        valueIndex,
      });
    else if (value.type === 'null' && Array.isArray(rawValue)) {
      problems.push({
        message:
          'null may not appear inside a list: write a separate selection "field: null" and combine it in the condition',
        valueIndex,
      });
    } else groups.push([value]);
  });
  if (problems.length > 0) return { problems };

  const state: FieldItemState = {
    field,
    groups,
    // A keyword's implicit `contains` comes after its modifiers, which may choose otherwise.
    position: 'whole',
    match: 'value',
    cased: false,
    all: false,
    negate: false,
    reFlags: new Set(),
    encoded: false,
    applied: [],
    warnings: [],
  };
  for (const name of modifierNames) {
    const modifier = MODIFIERS.get(name);
    if (!modifier) {
      const suggestion = didYouMean(name, MODIFIERS.keys());
      return { problems: [{ message: `unknown modifier "${name}"`, ...(suggestion ? { suggestion } : {}) }] };
    }
    if (state.match === 'exists')
      return { problems: [{ message: `"exists" cannot be combined with "${name}"` }] };
    if (state.applied.includes(name)) return { problems: [{ message: `modifier "${name}" is given twice` }] };
    const error = modifier.apply(state);
    if (error) return { problems: [{ message: error }] };
    state.applied.push(name);
  }
  // Keyword items (no field) search inside every value; `re` and encodings keep their own meaning.
  const isNull = state.groups.length === 1 && state.groups[0]?.[0]?.type === 'null';
  if (
    field === '' &&
    (state.match === 'exists' || state.match === 'fieldref' || state.match === 'compare' || state.negate)
  ) {
    const name = state.negate ? 'neq' : (state.comparison ?? state.match);
    return {
      problems: [{ message: `"${name}" needs a field: a keyword is searched in every field's value` }],
    };
  }
  if (field === '' && !isNull) {
    // Full-text search: a keyword no modifier placed (`startswith`, `re`, `cidr`…) is found
    // anywhere in a value — a number or true/false as the text it prints as, so `4625` is found in
    // "failed 4625 logon" as '4625' is (and still in a field holding the number 4625).
    if (state.match === 'value' && state.position === 'whole' && !state.timePart) {
      const error = setPosition(state, 'contains');
      if (error) return { problems: [{ message: error }] };
    }
  }
  if (isNull && state.applied.length > 0)
    return { problems: [{ message: `null cannot be combined with "${state.applied.join('|')}"` }] };
  if (isNull && field === '') return { problems: [{ message: 'a keyword cannot be null' }] };
  for (const warning of state.warnings) problems.push({ message: warning, severity: 'warning' });

  // A field is the event's own property: a name objects inherit (`constructor`) is read as one.
  const read = fieldReader(field);
  const readJoined = joinedReader(field);
  const matcherText = (group: SigmaValue[]) => `${key}: ${group.map(valueText).join(' | ')}`;
  const describe = (value: EventValue, f: string): FieldMatch => ({
    field: f,
    value,
    matcher:
      state.groups.length === 1
        ? matcherText(state.groups[0] ?? [])
        : `${key}: [${state.groups.map((g) => g.map(valueText).join(' | ')).join(', ')}]`,
  });

  if (state.match === 'exists') {
    const expected = state.groups[0]?.[0]?.type === 'boolean' && state.groups[0][0].value;
    const value = (raw: EventValue | undefined) => (raw !== undefined) === expected;
    const test = (event: EngineEvent, head?: EngineEvent) => value(readJoined(event, head));
    return {
      item: {
        field,
        key,
        test,
        value,
        needsField: expected === true,
        explain: (e) => (test(e) ? describe(read(e) ?? null, field) : undefined),
      },
      problems,
    };
  }
  if (isNull) {
    const test = (event: EngineEvent, head?: EngineEvent) => isEmpty(readJoined(event, head));
    return {
      item: {
        field,
        key,
        test,
        value: isEmpty,
        needsField: false,
        explain: (e) => (test(e) ? describe(read(e) ?? null, field) : undefined),
      },
      problems,
    };
  }
  if (state.match === 'fieldref') {
    // Each referenced field's reader, chosen once (see `fieldReader`).
    const referenced = state.groups.map((group) => (group[0]?.type === 'string' ? group[0].raw : ''));
    const references = referenced.map((name) => joinedReader(name));
    const position = state.position;
    const cased = state.cased;
    const compare = (left: FieldValue, right: FieldValue) => {
      const a = cased ? String(left) : String(left).toLowerCase();
      const b = cased ? String(right) : String(right).toLowerCase();
      return position === 'whole'
        ? a === b
        : position === 'contains'
          ? a.includes(b)
          : position === 'startswith'
            ? a.startsWith(b)
            : a.endsWith(b);
    };
    /** Whether a value (or an item of a list) of `own` compares true with one of `other`. */
    const pairs = (own: EventValue | undefined, other: EventValue | undefined) => {
      if (own === undefined || own === null || other === undefined || other === null) return false;
      const owns = Array.isArray(own) ? (own as readonly FieldValue[]) : undefined;
      const others = Array.isArray(other) ? (other as readonly FieldValue[]) : undefined;
      const ownCount = owns ? owns.length : 1;
      const otherCount = others ? others.length : 1;
      for (let i = 0; i < ownCount; i++) {
        const v = owns ? owns[i] : (own as FieldValue);
        if (v === null || v === undefined) continue;
        for (let j = 0; j < otherCount; j++) {
          const o = others ? others[j] : (other as FieldValue);
          if (o !== null && o !== undefined && compare(v, o)) return true;
        }
      }
      return false;
    };
    // (Loops, not `some` with closures: a field reference is tested on every candidate event.)
    const test = (event: EngineEvent, head?: EngineEvent) => {
      const own = readJoined(event, head);
      if (state.negate) {
        for (const reference of references) if (pairs(own, reference(event, head))) return false;
        return true;
      }
      if (state.all) {
        for (const reference of references) if (!pairs(own, reference(event, head))) return false;
        return true;
      }
      for (const reference of references) if (pairs(own, reference(event, head))) return true;
      return false;
    };
    return {
      item: {
        field,
        key,
        test,
        needsField: !state.negate,
        reads: referenced,
        explain: (e) => (test(e) ? describe(read(e) ?? null, field) : undefined),
      },
      problems,
    };
  }

  const groupTests: ScalarTest[] = [];
  for (const [index, group] of state.groups.entries()) {
    const tests: ScalarTest[] = [];
    for (const value of group) {
      const compiled = scalarTest(state, value);
      if (typeof compiled !== 'function') return { problems: [{ ...compiled, valueIndex: index }] };
      tests.push(compiled);
    }
    groupTests.push(tests.length === 1 ? (tests[0] as ScalarTest) : (v) => tests.some((t) => t(v)));
  }

  if (field === '') {
    // Keywords: a group matches when any value of any field matches it.
    const anyField = (event: EngineEvent, test: ScalarTest, head?: EngineEvent): string | undefined => {
      for (const name in event) {
        for (const v of scalars(event[name])) if (v !== null && test(v)) return name;
      }
      // The joined event's other fields: the head's, where the event has none of its own.
      if (head)
        for (const name in head) {
          if (name in event) continue;
          for (const v of scalars(head[name])) if (v !== null && test(v)) return name;
        }
      return undefined;
    };
    // Any of many plain keywords in any field: each value is asked once for all of them.
    const anyKeyword = state.all ? undefined : plainStringTest(state);
    const test = (event: EngineEvent, head?: EngineEvent) =>
      state.all
        ? groupTests.every((t) => anyField(event, t, head) !== undefined)
        : anyKeyword
          ? anyField(event, anyKeyword, head) !== undefined
          : groupTests.some((t) => anyField(event, t, head) !== undefined);
    const explain = (event: EngineEvent): FieldMatch | undefined => {
      if (!test(event)) return undefined;
      for (const [index, t] of groupTests.entries()) {
        const found = anyField(event, t);
        if (found !== undefined)
          return {
            field: found,
            value: event[found] ?? null,
            matcher: `keyword: ${state.groups[index]?.map(valueText).join(' | ')}`,
          };
      }
      return undefined;
    };
    return { item: { field, key, test, needsField: false, explain }, problems };
  }

  const value = plainStringTest(state) ?? groupsTest(groupTests, state.all, state.negate);
  const test = remembered(field, value);
  const negate = state.negate;
  const all = state.all;
  const plainEquality =
    state.match === 'value' &&
    state.position === 'whole' &&
    !negate &&
    !all &&
    !state.encoded &&
    !state.timePart &&
    state.groups.every((g) =>
      g.every((v) => (v.type === 'string' && !hasWildcards(v.value)) || v.type === 'number'),
    );
  const item: FieldItem = {
    field,
    key,
    test,
    value,
    needsField: !negate,
    explain: (event) => (test(event) ? describe(read(event) ?? null, field) : undefined),
  };
  if (plainEquality) item.equals = state.groups.flat().map((v) => valueText(v).toLowerCase());
  if (state.timePart) item.readsInstant = true;
  return { item, problems };
}
