// Events of a column store passed over without being made: where a source offers its columns (a
// decoded segment does), a rule's `Requirement` is checked against the values the event holds, a
// dictionary column's once per distinct value. An event none of whose candidate rules can match
// it, and which no report needs, is counted and never decoded, joined or scanned (most events of a
// log match no rule). Sound, not exact: "may match" sends the event down the ordinary path.
import type { CompiledRule } from '../compile/rule.ts';
import type { Requirement } from '../compile/requirement.ts';
import type { EngineEvent, EventValue } from '../types.ts';

/**
 * One field of a source's events, by position: dictionary codes (0 for none; `n` for
 * `values[n - 1]`), or a reader. Either gives the same value as the made event's `event[field]`.
 */
export type ColumnView =
  | { readonly codes: ArrayLike<number>; readonly values: readonly EventValue[] }
  | { get(index: number): EventValue | undefined };

/** What the prefilter reads of a source: `column` is undefined when no event holds the field. */
export interface ColumnSource {
  column(field: string): ColumnView | undefined;
}

type RowTest = (row: number) => boolean;

const ALWAYS: RowTest = () => true;
const NEVER: RowTest = () => false;

/** A value test that throws (a broken rule) counts as "may match": the ordinary path names it. */
function guarded(test: (raw: EventValue | undefined) => boolean): (raw: EventValue | undefined) => boolean {
  return (raw) => {
    try {
      return test(raw);
    } catch {
      return true;
    }
  };
}

export function valueAt(view: ColumnView | undefined, row: number): EventValue | undefined {
  if (view === undefined) return undefined;
  if ('codes' in view) {
    const code = view.codes[row] as number;
    return code === 0 ? undefined : view.values[code - 1];
  }
  return view.get(row);
}

export class ColumnPrefilter {
  private readonly rules = new Map<CompiledRule, RowTest>();
  /** Field → value test → its row test: rules share items, and so their answers per value. */
  private readonly leaves = new Map<string, Map<(raw: EventValue | undefined) => boolean, RowTest>>();
  private readonly views = new Map<string, ColumnView | undefined>();
  private readonly userColumn: ColumnView | undefined;
  private readonly resourceColumn: ColumnView | undefined;
  private headRow = -1;
  private head: EngineEvent | undefined;

  /**
   * `joinable`: the fields a join may add (an event lacking one reads its head's: `makeHeads`);
   * `unknowable`: fields the run writes itself (the access decision), which no column tells.
   */
  constructor(
    private readonly source: ColumnSource,
    private readonly joinable: ReadonlySet<string>,
    private readonly unknowable: ReadonlySet<string>,
    private readonly heads: (userName: unknown, resourceId: unknown) => EngineEvent | undefined,
  ) {
    this.userColumn = this.view('user.name');
    this.resourceColumn = this.view('resource.id');
  }

  private view(field: string): ColumnView | undefined {
    if (this.views.has(field)) return this.views.get(field);
    const view = this.source.column(field);
    this.views.set(field, view);
    return view;
  }

  /** The value of `field` the made event would hold. */
  value(field: string, row: number): EventValue | undefined {
    return valueAt(this.view(field), row);
  }

  /** The event's head (what a join would add), as the shard's `makeHeads` gives it. */
  headAt(row: number): EngineEvent | undefined {
    if (row !== this.headRow) {
      this.headRow = row;
      this.head = this.heads(valueAt(this.userColumn, row), valueAt(this.resourceColumn, row));
    }
    return this.head;
  }

  /** False only when the rule cannot match the event at `row`. */
  mayMatch(rule: CompiledRule, row: number): boolean {
    let test = this.rules.get(rule);
    if (test === undefined) this.rules.set(rule, (test = this.compile(rule.requirement)));
    return test(row);
  }

  private compile(requirement: Requirement): RowTest {
    switch (requirement.kind) {
      case 'any':
        return ALWAYS;
      case 'value': {
        let byTest = this.leaves.get(requirement.field);
        if (!byTest) this.leaves.set(requirement.field, (byTest = new Map()));
        let leaf = byTest.get(requirement.test);
        if (!leaf)
          byTest.set(requirement.test, (leaf = this.leaf(requirement.field, guarded(requirement.test))));
        return leaf;
      }
      case 'all': {
        const parts = requirement.parts.map((part) => this.compile(part));
        return (row) => {
          for (const part of parts) if (!part(row)) return false;
          return true;
        };
      }
      case 'one': {
        const parts = requirement.parts.map((part) => this.compile(part));
        return (row) => {
          for (const part of parts) if (part(row)) return true;
          return false;
        };
      }
    }
  }

  private leaf(field: string, test: (raw: EventValue | undefined) => boolean): RowTest {
    // Names an empty object answers (`constructor`…) and the run's own fields: not told by a column.
    if (field in {} || this.unknowable.has(field)) return ALWAYS;
    // An event lacking a joinable field reads its head's: one answer per head.
    let fromHead: RowTest | undefined;
    if (this.joinable.has(field)) {
      const answers = new Map<EngineEvent | undefined, boolean>();
      fromHead = (row) => {
        const head = this.headAt(row);
        let answer = answers.get(head);
        if (answer === undefined) answers.set(head, (answer = test(head?.[field])));
        return answer;
      };
    }
    const view = this.view(field);
    if (view === undefined) return fromHead ?? (test(undefined) ? ALWAYS : NEVER);
    if ('codes' in view) {
      const { codes, values } = view;
      // Per code: -1 not yet known, 0 fails, 1 holds.
      const answers = new Int8Array(values.length + 1).fill(-1);
      return (row) => {
        const code = codes[row] as number;
        if (code === 0 && fromHead) return fromHead(row);
        let answer = answers[code] as number;
        if (answer < 0) answers[code] = answer = test(code === 0 ? undefined : values[code - 1]) ? 1 : 0;
        return answer === 1;
      };
    }
    return (row) => {
      const value = view.get(row);
      return value === undefined && fromHead ? fromHead(row) : test(value);
    };
  }
}
