// A search identifier of `detection`: a map ANDs its field items, a list of maps ORs the maps, a
// plain list of strings (or one string) is a keyword search over the values of every field.
import type { FieldMatch } from '../types.ts';
import { compileFieldItem, valueKind, type FieldItem, type ItemProblem } from './field-item.ts';
import type { MatchContext } from './match-context.ts';
import { ANY, allOf, oneOf, type Requirement } from './requirement.ts';

export interface SelectionProblem extends ItemProblem {
  path: (string | number)[];
  /** The problem is the value at `path` (a regular expression that does not compile), not its key. */
  atValue?: boolean;
}

export interface CompiledSelection {
  name: string;
  test(context: MatchContext): boolean;
  /** The field items that decided a true selection. */
  explain(context: MatchContext): { fields: FieldMatch[]; spans?: FieldMatchSpans };
  /** Per alternative (OR), the fields that must be present for it to match. */
  requiredFields: string[][];
  /** The `event.action` values the selection requires, or null when it does not restrict them. */
  actions: ReadonlySet<string> | null;
  /** The `event.category` values (lower-cased) it requires, or null when it does not restrict them. */
  categories: ReadonlySet<string> | null;
  /** What an event's values must meet for the selection to hold (see `Requirement`). */
  requirement: Requirement;
}

type FieldMatchSpans = import('../types.ts').ContentSpan[];

function compileMap(
  map: Record<string, unknown>,
  path: (string | number)[],
  problems: SelectionProblem[],
): FieldItem[] {
  const items: FieldItem[] = [];
  const keys = Object.keys(map);
  if (keys.length === 0) problems.push({ path, message: 'an empty map can never match' });
  for (const key of keys) {
    const result = compileFieldItem(key, map[key]);
    for (const problem of result.problems) {
      const listed = problem.valueIndex !== undefined && Array.isArray(map[key]);
      problems.push({
        ...problem,
        path: listed ? [...path, key, problem.valueIndex as number] : [...path, key],
        // A list element is placed by its index; a single value, at the value rather than its key.
        ...(problem.valueIndex !== undefined && !listed && { atValue: true }),
      });
    }
    if (result.item) items.push(result.item);
  }
  return items;
}

/** The values one alternative's plain equality item on `field` allows (lower-cased), or null. */
function equalsOf(items: FieldItem[], field: string): Set<string> | null {
  const item = items.find((i) => i.field === field && i.equals);
  return item?.equals ? new Set(item.equals) : null;
}

/** The values every alternative restricts `field` to, or null when one alternative does not. */
function requiredValues(alternatives: FieldItem[][], field: string): Set<string> | null {
  const sets = alternatives.map((items) => equalsOf(items, field));
  return sets.some((s) => s === null) ? null : new Set(sets.flatMap((s) => [...(s ?? [])]));
}

/**
 * A YAML map as read: a plain object. A tag makes other objects (`!!set` a Set, `!!omap` a Map,
 * `!!timestamp` a Date), whose fields would read as none ("an empty map can never match").
 */
function isPlainMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function compileSelection(
  name: string,
  raw: unknown,
  path: (string | number)[],
): { selection?: CompiledSelection; problems: SelectionProblem[] } {
  const problems: SelectionProblem[] = [];
  const alternatives: FieldItem[][] = [];
  const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'number';
  if (isScalar(raw)) {
    const keyword = compileFieldItem('', raw);
    for (const item of keyword.problems.map((p) => ({ ...p, path }))) problems.push(item);
    if (keyword.item) alternatives.push([keyword.item]);
  } else if (Array.isArray(raw)) {
    if (raw.length === 0) problems.push({ path, message: 'an empty list can never match' });
    const keywords: unknown[] = [];
    raw.forEach((entry, index) => {
      if (isScalar(entry)) keywords.push(entry);
      else if (isPlainMap(entry))
        alternatives.push(compileMap(entry as Record<string, unknown>, [...path, index], problems));
      else
        problems.push({
          path: [...path, index],
          message:
            entry === null
              ? 'null may not appear inside a list'
              : 'a list item must be a keyword or a map of fields',
        });
    });
    if (keywords.length > 0) {
      const keyword = compileFieldItem('', keywords);
      for (const item of keyword.problems.map((p) => ({ ...p, path }))) problems.push(item);
      if (keyword.item) alternatives.push([keyword.item]);
    }
  } else if (isPlainMap(raw)) {
    alternatives.push(compileMap(raw as Record<string, unknown>, path, problems));
  } else {
    const got = raw === null ? 'null' : typeof raw === 'object' ? valueKind(raw) : typeof raw;
    problems.push({
      path,
      message: `selection "${name}" must be a map of fields, a list, or a keyword (got ${got})`,
    });
  }
  if (problems.some((p) => p.severity !== 'warning')) return { problems };

  const checks = alternatives.map(allItems);
  const test = checks.length === 1 ? (checks[0] as (context: MatchContext) => boolean) : anyOf(checks);
  return {
    problems,
    selection: {
      name,
      test,
      explain(context) {
        const chosen = alternatives[checks.findIndex((check) => check(context))] ?? [];
        return {
          fields: chosen
            .map((item) => item.explain(context.event))
            .filter((m): m is FieldMatch => m !== undefined),
        };
      },
      requiredFields: alternatives.map((items) =>
        items.filter((i) => i.needsField && i.field !== '').map((i) => i.field),
      ),
      actions: requiredValues(alternatives, 'event.action'),
      categories: requiredValues(alternatives, 'event.category'),
      requirement: oneOf(alternatives.map((items) => allOf(items.map(itemRequirement)))),
    },
  };
}

function itemRequirement(item: FieldItem): Requirement {
  if (item.field === '') return ANY;
  if (item.value)
    return {
      kind: 'value',
      field: item.field,
      test: item.value,
      exact: true,
      ...(item.readsInstant && { readsInstant: true }),
    };
  if (item.reads && item.reads.every((field) => field !== ''))
    return { kind: 'fields', fields: [item.field, ...item.reads], test: item.test, exact: true };
  return ANY;
}

function allItems(items: FieldItem[]): (context: MatchContext) => boolean {
  if (items.length === 1) {
    const only = (items[0] as FieldItem).test;
    return (context) => only(context.event, context.head);
  }
  return (context) => {
    for (const item of items) if (!item.test(context.event, context.head)) return false;
    return true;
  };
}

function anyOf(checks: ((context: MatchContext) => boolean)[]): (context: MatchContext) => boolean {
  return (context) => {
    for (const check of checks) if (check(context)) return true;
    return false;
  };
}
