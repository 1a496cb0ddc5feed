// Events of a column store passed over without being made: where a source offers its columns (a
// decoded segment does), a rule's `Requirement` is checked against the values the event holds, a
// dictionary column's once per distinct value. An event none of whose candidate rules can match
// it, and which no report needs, is counted and never decoded, joined or scanned (most events of a
// log match no rule). Sound, not exact: "may match" sends the event down the ordinary path.
import type { Requirement } from '../compile/requirement.ts';
import type { Candidates, RuleIndex } from './rule-index.ts';
import type { EngineEvent, EventValue } from '../types.ts';
import { isInheritedName } from '../event/join.ts';
import { timeValue } from '../import/event-time.ts';

/**
 * One field of a source's events, by position: dictionary codes (0 for none; `n` for
 * `values[n - 1]`), or a reader. Either gives the same value as the made event's `event[field]`.
 */
export type ColumnView =
  | { readonly codes: ArrayLike<number>; readonly values: readonly EventValue[] }
  | {
      get(index: number): EventValue | undefined;
      /** A time column's instant in ms (NaN: none), equal to `timeValue(get(index))`. */
      instant?(index: number): number;
    };

/** What the prefilter reads of a source: `column` is undefined when no event holds the field. */
export interface ColumnSource {
  column(field: string): ColumnView | undefined;
}

export type RowTest = (row: number) => boolean;

/**
 * A row test over many rows at once: `out[i]` is set to 1 when the test holds for row `rows[i]`, to
 * 0 when not, for every i below `count`. A segment's rows are answered as loops over its columns,
 * not as a call per row and per part of a rule.
 */
export type BatchTest = (rows: Int32Array, count: number, out: Uint8Array) => void;

/**
 * How the run decides access (`decideAccess` and the fields it reads, `decisionFields`): given, the
 * prefilter tells `access.decision` and `access.reason` of an event from those columns and its head.
 */
export interface AccessDecider {
  reads: readonly string[];
  decide(event: EngineEvent): { decision: string; reason: string } | null;
}

/**
 * How the rules of a candidate list are told on an event that may only feed correlations: `others`
 * may hold when a rule other than those answered in `feeding` may match (the event is then made);
 * `feeding[r]` is rule r's exact test when r feeds correlations alone (see `occurrencePlan`).
 */
export interface OccurrencePlan {
  others: RowTest;
  feeding: readonly (RowTest | undefined)[];
}

/** A row test and what one call costs, roughly: tests of `all` and `one` run cheapest first. */
interface Compiled {
  test: RowTest;
  /** The same test over many rows (see `BatchTest`); undefined: `test` row by row. */
  batch?: BatchTest;
  cost: number;
  /** The test is the condition itself (holds exactly when the rule matches), not only its need. */
  exact: boolean;
}

/** Rows still open in an `all`/`one` over rows: the rows, their positions in the caller's, their answers. */
interface Scratch {
  rows: Int32Array;
  at: Int32Array;
  out: Uint8Array;
}

/** A row's value read and found absent (see `rowValue`). */
const NONE = Symbol('none');

const ALWAYS: RowTest = () => true;
const NEVER: RowTest = () => false;

/** A compiled test's batch form: its own, or its row test asked row by row. */
function batchOf(compiled: Compiled): BatchTest {
  if (compiled.batch !== undefined) return compiled.batch;
  const { test } = compiled;
  if (test === ALWAYS || test === NEVER) {
    const answer = test === ALWAYS ? 1 : 0;
    return (_rows, count, out) => out.fill(answer, 0, count);
  }
  return (rows, count, out) => {
    for (let i = 0; i < count; i++) out[i] = test(rows[i] as number) ? 1 : 0;
  };
}

function isScenario(value: EventValue | undefined): boolean {
  return typeof value === 'string' && value !== '';
}

export function valueAt(view: ColumnView | undefined, row: number): EventValue | undefined {
  if (view === undefined) return undefined;
  if ('codes' in view) {
    const code = view.codes[row] as number;
    return code === 0 ? undefined : view.values[code - 1];
  }
  return view.get(row);
}

/**
 * What the prefilters of a shard's segments share: the heads numbered in order of first sight, each
 * joinable leaf's answer per head number (the same users recur), and whether a test ever threw.
 */
export class PrefilterMemory {
  /**
   * Set once a value test threw (a broken rule): its answer counted as "may hold", which is not
   * exact (a negation of it would pass over the event). From then on the shard passes nothing over
   * and answers no rule from the columns; the ordinary path tests, and names, the rule.
   */
  unsure = false;

  private readonly numbers = new Map<EngineEvent | undefined, number>();
  readonly heads: (EngineEvent | undefined)[] = [];
  private readonly answers = new Map<string, Map<(raw: EventValue | undefined) => boolean, boolean[]>>();

  constructor(readonly makeHead: (userName: unknown, resourceId: unknown) => EngineEvent | undefined) {}

  /** Per depth of `all`/`one` being answered over rows (see `Scratch`). */
  private readonly scratch: Scratch[] = [];

  /** The scratch of a depth, holding at least `count` rows (kept across segments: no garbage per segment). */
  scratchAt(depth: number, count: number): Scratch {
    let scratch = this.scratch[depth];
    if (scratch === undefined || scratch.rows.length < count) {
      const size = Math.max(count, 1024);
      this.scratch[depth] = scratch = {
        rows: new Int32Array(size),
        at: new Int32Array(size),
        out: new Uint8Array(size),
      };
    }
    return scratch;
  }

  numberOf(head: EngineEvent | undefined): number {
    let number = this.numbers.get(head);
    if (number === undefined) {
      this.numbers.set(head, (number = this.heads.length));
      this.heads.push(head);
    }
    return number;
  }

  /** User name → resource id → head number: every segment numbers its own codes, the names recur. */
  private readonly byNames = new Map<string | undefined, Map<string | undefined, number>>();

  /** The number of the head of a user name and resource id as written in the events. */
  numberFor(user: EventValue | undefined, resource: EventValue | undefined): number {
    if (
      (user !== undefined && typeof user !== 'string') ||
      (resource !== undefined && typeof resource !== 'string')
    )
      return this.numberOf(this.makeHead(user, resource));
    let byResource = this.byNames.get(user);
    if (!byResource) {
      if (this.byNames.size >= 100_000) this.byNames.clear();
      this.byNames.set(user, (byResource = new Map()));
    }
    let number = byResource.get(resource);
    if (number === undefined)
      byResource.set(resource, (number = this.numberOf(this.makeHead(user, resource))));
    return number;
  }

  /** A leaf's answers by head number (a hole: not yet asked). */
  answersOf(field: string, test: (raw: EventValue | undefined) => boolean): boolean[] {
    let byTest = this.answers.get(field);
    if (!byTest) this.answers.set(field, (byTest = new Map()));
    let answers = byTest.get(test);
    if (!answers) byTest.set(test, (answers = []));
    return answers;
  }
}

/** Most pairs of user and resource codes a segment numbers its heads by in a table. */
const PAIR_TABLE_LIMIT = 1 << 20;

export class ColumnPrefilter {
  /** Per candidate list (the rule index gives the same object for the same list): may a rule match. */
  private readonly candidates = new Map<Candidates, Compiled>();
  private readonly exact = new Map<Candidates, (RowTest | undefined)[]>();
  private readonly plans = new Map<Candidates, OccurrencePlan | null>();
  /** Field → value test → its row test: rules share items, and so their answers per value. */
  private readonly leaves = new Map<string, Map<(raw: EventValue | undefined) => boolean, Compiled>>();
  /** Field → its value at the row last asked (a time is formatted once per row, not per leaf). */
  private readonly rowValues = new Map<string, (row: number) => EventValue | undefined>();
  private readonly views = new Map<string, ColumnView | undefined>();
  private readonly compiledOf = new Map<Requirement, Compiled>();
  private readonly userColumn: ColumnView | undefined;
  private readonly resourceColumn: ColumnView | undefined;
  private headRow = -1;
  private headNumber = 0;
  /** Per row, its head number once looked up (when the user and resource columns have no pair table). */
  private readonly headNumbers: number[] = [];
  private readonly categoryColumn: ColumnView | undefined;
  private readonly actionColumn: ColumnView | undefined;
  private readonly scenarioColumn: ColumnView | undefined;
  /**
   * Candidate list + 1 per pair of category and action codes (0: not yet looked up), when both
   * columns are dictionaries (or absent): an event's candidates cost two loads, not two map lookups.
   */
  private readonly pairCandidates: Int32Array | undefined;
  private readonly candidateLists: Candidates[] = [];
  private readonly actionSpan: number;
  /** Per `labels.scenario` code: -1 not yet known, 0 benign, 1 labelled. */
  private readonly labelledCodes: Int8Array | undefined;
  /** Head number + 1 per pair of user and resource codes (0: not yet seen), when both are codes. */
  private readonly pairHeads: Int32Array | undefined;
  private readonly resourceSpan: number;

  /**
   * `joinable`: the fields a join may add (an event lacking one reads its head's: `makeHeads`);
   * `unknowable`: fields the run writes itself (the access decision), which no column tells.
   */
  constructor(
    private readonly source: ColumnSource,
    private readonly joinable: ReadonlySet<string>,
    private readonly unknowable: ReadonlySet<string>,
    readonly memory: PrefilterMemory,
    private readonly access?: AccessDecider,
  ) {
    this.userColumn = this.view('user.name');
    this.resourceColumn = this.view('resource.id');
    const span = (view: ColumnView | undefined) =>
      view === undefined ? 1 : 'codes' in view ? view.values.length + 1 : Infinity;
    this.resourceSpan = span(this.resourceColumn);
    const pairs = span(this.userColumn) * this.resourceSpan;
    this.pairHeads = pairs <= PAIR_TABLE_LIMIT ? new Int32Array(pairs) : undefined;
    this.categoryColumn = this.view('event.category');
    this.actionColumn = this.view('event.action');
    this.actionSpan = span(this.actionColumn);
    const categoryPairs = span(this.categoryColumn) * this.actionSpan;
    this.pairCandidates = categoryPairs <= PAIR_TABLE_LIMIT ? new Int32Array(categoryPairs) : undefined;
    this.scenarioColumn = this.view('labels.scenario');
    const scenarios = this.scenarioColumn;
    this.labelledCodes =
      scenarios === undefined || 'codes' in scenarios ? new Int8Array(span(scenarios)).fill(-1) : undefined;
  }

  /** Whether the event at `row` is part of a scenario (a non-empty `labels.scenario`). */
  isLabelled(row: number): boolean {
    const codes = this.labelledCodes;
    if (codes === undefined) return isScenario(valueAt(this.scenarioColumn, row));
    const code = this.codeAt(this.scenarioColumn, row);
    let known = codes[code] as number;
    if (known < 0) codes[code] = known = isScenario(valueAt(this.scenarioColumn, row)) ? 1 : 0;
    return known === 1;
  }

  /** The event's category (as `event['event.category']`). */
  category(row: number): EventValue | undefined {
    return valueAt(this.categoryColumn, row);
  }

  /** `index.candidates` of the event at `row`'s category and action: looked up once per pair of codes. */
  candidatesAt(row: number, index: RuleIndex): Candidates {
    const table = this.pairCandidates;
    if (table === undefined)
      return index.candidates(valueAt(this.categoryColumn, row), valueAt(this.actionColumn, row));
    const pair =
      this.codeAt(this.categoryColumn, row) * this.actionSpan + this.codeAt(this.actionColumn, row);
    const known = table[pair] as number;
    if (known !== 0) return this.candidateLists[known - 1] as Candidates;
    const candidates = index.candidates(valueAt(this.categoryColumn, row), valueAt(this.actionColumn, row));
    this.candidateLists.push(candidates);
    table[pair] = this.candidateLists.length;
    return candidates;
  }

  private codeAt(view: ColumnView | undefined, row: number): number {
    return view === undefined ? 0 : ((view as { codes: ArrayLike<number> }).codes[row] as number);
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

  /** `timeValue` of the value of `field` the made event would hold, read unformatted where the column keeps it so. */
  timeAt(field: string, row: number): number {
    const view = this.view(field);
    if (view !== undefined && 'instant' in view && view.instant !== undefined) return view.instant(row);
    return timeValue(valueAt(view, row));
  }

  /** The event's head (what a join would add), as the shard's `makeHeads` gives it. */
  headAt(row: number): EngineEvent | undefined {
    return this.memory.heads[this.headNumberAt(row)];
  }

  private headNumberAt(row: number): number {
    if (row === this.headRow) return this.headNumber;
    this.headRow = row;
    const table = this.pairHeads;
    if (table === undefined) {
      // (Leaves answered over rows ask each row's head once per leaf: looked up once per row.)
      let number = this.headNumbers[row];
      if (number === undefined) this.headNumbers[row] = number = this.lookUpHead(row);
      return (this.headNumber = number);
    }
    const pair =
      this.codeAt(this.userColumn, row) * this.resourceSpan + this.codeAt(this.resourceColumn, row);
    const known = table[pair] as number;
    if (known !== 0) return (this.headNumber = known - 1);
    const number = this.lookUpHead(row);
    table[pair] = number + 1;
    return (this.headNumber = number);
  }

  private lookUpHead(row: number): number {
    return this.memory.numberFor(valueAt(this.userColumn, row), valueAt(this.resourceColumn, row));
  }

  /** `test`, but a throw answers "may hold" and makes the shard unsure (see `PrefilterMemory`). */
  private guarded<A, B>(test: (a: A, b?: B) => boolean): (a: A, b?: B) => boolean {
    // (Two fixed parameters, not rest ones: a value test runs per row on the hot path.)
    return (a, b) => {
      try {
        return test(a, b);
      } catch {
        this.memory.unsure = true;
        return true;
      }
    };
  }

  /**
   * Per rule of `candidates` (in order), its exact test when it has one (it holds exactly when the
   * rule matches: a handful of code lookups where the rule would test the made event), else undefined.
   */
  exactTests(candidates: Candidates): readonly (RowTest | undefined)[] {
    let tests = this.exact.get(candidates);
    if (tests === undefined) {
      tests = candidates.rules.map((rule) => {
        const compiled = this.compile(rule.requirement);
        return compiled.exact ? compiled.test : undefined;
      });
      this.exact.set(candidates, tests);
    }
    return tests;
  }

  /**
   * For an event of `candidates` whose matches may be needed only as correlation occurrences:
   * which of its rules are in `feeding` (the rules whose matches only feed correlations; the same
   * set for every call of a shard) and answered exactly, and a test of the others. Null when no
   * candidate is such a rule. Where `others` fails, the event's matches are the feeding tests that
   * hold, and the event need not be made.
   */
  occurrencePlan(candidates: Candidates, feeding: ReadonlySet<string>): OccurrencePlan | null {
    let plan = this.plans.get(candidates);
    if (plan === undefined) {
      const exact = this.exactTests(candidates);
      const tests = candidates.rules.map((rule, r) => (feeding.has(rule.id) ? exact[r] : undefined));
      const others = candidates.rules
        .filter((_, r) => tests[r] === undefined)
        .map((rule) => rule.requirement);
      plan = tests.some((test) => test !== undefined)
        ? { others: this.compile({ kind: 'one', parts: others }).test, feeding: tests }
        : null;
      this.plans.set(candidates, plan);
    }
    return plan;
  }

  /** The test that fails only when no rule of `candidates` can match an event. */
  private candidateTest(candidates: Candidates): Compiled {
    let compiled = this.candidates.get(candidates);
    if (compiled === undefined) {
      const parts = candidates.rules.map((rule) => rule.requirement);
      this.candidates.set(candidates, (compiled = this.compile({ kind: 'one', parts })));
    }
    return compiled;
  }

  /**
   * Whether a rule may match, for each of the first `count` rows with its own candidates
   * (`candidatesAt`), all at once: 1 where a candidate may match the event, 0 where none can. The
   * rows are grouped by their candidate list and each list's test runs over its rows as loops over
   * the columns, which answers a segment several times faster than a call per row and per part. The
   * same answers as the row tests, but a test that throws makes the prefilter unsure before any row
   * is asked.
   */
  mayMatchRows(count: number, index: RuleIndex): Uint8Array {
    const answers = new Uint8Array(count);
    const lists: Candidates[] = [];
    const ordinals = new Map<Candidates, number>();
    const listOf = new Int32Array(count);
    const sizes = new Int32Array(count + 1);
    for (let row = 0; row < count; row++) {
      const candidates = this.candidatesAt(row, index);
      let ordinal = ordinals.get(candidates);
      if (ordinal === undefined) {
        ordinals.set(candidates, (ordinal = lists.length));
        lists.push(candidates);
      }
      listOf[row] = ordinal;
      sizes[ordinal] = (sizes[ordinal] as number) + 1;
    }
    // Rows ordered by list (a counting sort), each list's rows in row order.
    const starts = new Int32Array(lists.length + 1);
    for (let l = 0; l < lists.length; l++) starts[l + 1] = (starts[l] as number) + (sizes[l] as number);
    const next = starts.slice(0, lists.length);
    const rows = new Int32Array(count);
    for (let row = 0; row < count; row++) {
      const list = listOf[row] as number;
      rows[next[list] as number] = row;
      next[list] = (next[list] as number) + 1;
    }
    const out = new Uint8Array(count);
    for (let l = 0; l < lists.length; l++) {
      const from = starts[l] as number;
      const size = (starts[l + 1] as number) - from;
      const part = rows.subarray(from, from + size);
      batchOf(this.candidateTest(lists[l] as Candidates))(part, size, out);
      for (let i = 0; i < size; i++) answers[part[i] as number] = out[i] as number;
    }
    return answers;
  }

  /**
   * A requirement's row test, compiled once per segment: a rule's requirement is asked for by
   * `exactTests`, `mayMatch` and `occurrencePlan`, for every list of candidates the rule is in, and
   * rules share parts.
   */
  private compile(requirement: Requirement): Compiled {
    let compiled = this.compiledOf.get(requirement);
    if (compiled === undefined) this.compiledOf.set(requirement, (compiled = this.compileNew(requirement)));
    return compiled;
  }

  private compileNew(requirement: Requirement): Compiled {
    switch (requirement.kind) {
      case 'any':
        return { test: ALWAYS, cost: 0, exact: false };
      case 'value': {
        let byTest = this.leaves.get(requirement.field);
        if (!byTest) this.leaves.set(requirement.field, (byTest = new Map()));
        let leaf = byTest.get(requirement.test);
        if (!leaf)
          byTest.set(
            requirement.test,
            (leaf = this.leaf(requirement.field, requirement.test, requirement.readsInstant === true)),
          );
        return requirement.exact ? leaf : { ...leaf, exact: false };
      }
      case 'fields':
        return this.fieldsLeaf(requirement);
      case 'not': {
        // Only an exact part can be negated; otherwise the negation may hold whatever the values.
        const part = this.compile(requirement.part);
        if (!part.exact) return { test: ALWAYS, cost: 0, exact: false };
        if (part.test === ALWAYS || part.test === NEVER)
          return { test: part.test === ALWAYS ? NEVER : ALWAYS, cost: 0, exact: true };
        const inner = part.test;
        const innerBatch = batchOf(part);
        return {
          test: (row) => !inner(row),
          batch: (rows, count, out) => {
            innerBatch(rows, count, out);
            for (let i = 0; i < count; i++) out[i] = 1 - (out[i] as number);
          },
          cost: part.cost,
          exact: true,
        };
      }
      case 'all':
      case 'one':
        return this.combine(
          requirement.kind === 'all',
          requirement.parts.map((part) => this.compile(part)),
        );
    }
  }

  /**
   * `all` or `one` of the parts, cheapest first. NEVER is always exact (nothing is dropped from a
   * part that never holds), so it decides `all`; an exact ALWAYS decides `one`.
   */
  private combine(all: boolean, parts: Compiled[]): Compiled {
    const exact = parts.every((part) => part.exact);
    if (all && parts.some((part) => part.test === NEVER)) return { test: NEVER, cost: 0, exact: true };
    if (!all && parts.some((part) => part.test === ALWAYS && part.exact))
      return { test: ALWAYS, cost: 0, exact: true };
    if (!all && parts.some((part) => part.test === ALWAYS)) return { test: ALWAYS, cost: 0, exact: false };
    const open = parts.filter((part) => part.test !== (all ? ALWAYS : NEVER)).sort((a, b) => a.cost - b.cost);
    if (open.length === 0) return { test: all ? ALWAYS : NEVER, cost: 0, exact };
    if (open.length === 1) return { ...(open[0] as Compiled), exact };
    const tests = open.map((part) => part.test);
    const cost = open.reduce((sum, part) => sum + part.cost, 0);
    const batch = this.combineBatches(all, open.map(batchOf));
    if (tests.length === 2) {
      const [first, second] = tests as [RowTest, RowTest];
      return {
        test: all ? (row) => first(row) && second(row) : (row) => first(row) || second(row),
        batch,
        cost,
        exact,
      };
    }
    const test: RowTest = all
      ? (row) => {
          for (const part of tests) if (!part(row)) return false;
          return true;
        }
      : (row) => {
          for (const part of tests) if (part(row)) return true;
          return false;
        };
    return { test, batch, cost, exact };
  }

  /** Depth of the `all`/`one` batches being answered (each depth has its scratch rows). */
  private depth = 0;

  /**
   * `all` or `one` of batch parts: the first part answers every row; each next part only the rows
   * still undecided (those that held for `all`, those that failed for `one`), as a row test would.
   */
  private combineBatches(all: boolean, parts: BatchTest[]): BatchTest {
    const [first, ...rest] = parts as [BatchTest, ...BatchTest[]];
    const open = all ? 1 : 0;
    return (rows, count, out) => {
      first(rows, count, out);
      const depth = this.depth++;
      try {
        const scratch = this.memory.scratchAt(depth, count);
        const left = scratch.rows;
        const at = scratch.at;
        const answers = scratch.out;
        let n = 0;
        for (let i = 0; i < count; i++)
          if (out[i] === open) {
            left[n] = rows[i] as number;
            at[n++] = i;
          }
        for (let p = 0; p < rest.length && n > 0; p++) {
          (rest[p] as BatchTest)(left, n, answers);
          let kept = 0;
          for (let j = 0; j < n; j++)
            if (answers[j] === open) {
              left[kept] = left[j] as number;
              at[kept++] = at[j] as number;
            } else out[at[j] as number] = 1 - open;
          n = kept;
        }
      } finally {
        this.depth = depth;
      }
    };
  }

  /**
   * A test that compares fields (`fieldref`): run on an event made of just those fields at `row`,
   * read through its head as the rule reads an unjoined event. A field the run writes itself (the
   * access decision) or that objects inherit is told by no column: the test may then hold.
   */
  private fieldsLeaf(requirement: Extract<Requirement, { kind: 'fields' }>): Compiled {
    const { fields } = requirement;
    if (fields.some((field) => isInheritedName(field) || this.unknowable.has(field)))
      return { test: ALWAYS, cost: 0, exact: false };
    const test = this.guarded(requirement.test);
    const values = fields.map((field) => this.rowValue(field, this.view(field)));
    const holds: RowTest = (row) => {
      const event: EngineEvent = {};
      for (let f = 0; f < fields.length; f++) {
        const value = (values[f] as (row: number) => EventValue | undefined)(row);
        if (value !== undefined) event[fields[f] as string] = value;
      }
      return test(event, this.headAt(row));
    };
    return { test: holds, cost: 4, exact: requirement.exact };
  }

  /** Per row, the access decision once made (a hole: not yet). */
  private readonly decisions: ({ decision: string; reason: string } | null)[] = [];

  /** The access decision the run would write on the event at `row` (null: no policy covers it). */
  private decisionAt(row: number): { decision: string; reason: string } | null {
    const known = this.decisions[row];
    if (known !== undefined) return known;
    const access = this.access as AccessDecider;
    const event: EngineEvent = {};
    const head = this.headAt(row);
    for (const field of access.reads) {
      const value = this.value(field, row) ?? (this.joinable.has(field) ? head?.[field] : undefined);
      if (value !== undefined) event[field] = value;
    }
    return (this.decisions[row] = access.decide(event));
  }

  /**
   * `access.decision` or `access.reason` as the run writes it: the decision's, or the event's own
   * value when no policy covers the event (the run then leaves the event's fields as they are).
   */
  private decisionLeaf(
    field: 'access.decision' | 'access.reason',
    written: (raw: EventValue | undefined) => boolean,
  ): Compiled {
    const test = this.guarded(written);
    const key = field === 'access.decision' ? 'decision' : 'reason';
    const own = this.rowValue(field, this.view(field));
    return {
      test: (row) => {
        const decision = this.decisionAt(row);
        return test(decision === null ? own(row) : decision[key]);
      },
      cost: 5,
      exact: true,
    };
  }

  /** Cost of a leaf: 1 a dictionary code, 2 a head, 3 a value made per row, 5 a decision. */
  private leaf(
    field: string,
    written: (raw: EventValue | undefined) => boolean,
    readsInstant = false,
  ): Compiled {
    if (this.access !== undefined && (field === 'access.decision' || field === 'access.reason'))
      return this.decisionLeaf(field, written);
    // Names an empty object answers (`constructor`…) and the run's own fields: not told by a column.
    if (isInheritedName(field) || this.unknowable.has(field)) return { test: ALWAYS, cost: 0, exact: false };
    const test = this.guarded(written);
    // An event lacking a joinable field reads its head's: one answer per head.
    let fromHead: RowTest | undefined;
    if (this.joinable.has(field)) {
      // (Kept by the rule's own test: the guarded wrapper is new in every segment.)
      const answers = this.memory.answersOf(field, written);
      const heads = this.memory.heads;
      fromHead = (row) => {
        const number = this.headNumberAt(row);
        let answer = answers[number];
        if (answer === undefined) answers[number] = answer = test(heads[number]?.[field]);
        return answer;
      };
    }
    const view = this.view(field);
    if (view === undefined) {
      if (fromHead) return { test: fromHead, cost: 2, exact: true };
      // No event holds the field: one answer for all. (A throw answers "may hold", not exactly.)
      const holds = test(undefined);
      return { test: holds ? ALWAYS : NEVER, cost: 0, exact: !this.memory.unsure };
    }
    if ('codes' in view) {
      const { codes, values } = view;
      // Per code: -1 not yet known, 0 fails, 1 holds.
      const answers = new Int8Array(values.length + 1).fill(-1);
      const answerOf = (code: number): number => {
        let answer = answers[code] as number;
        if (answer < 0) answers[code] = answer = test(code === 0 ? undefined : values[code - 1]) ? 1 : 0;
        return answer;
      };
      const byCode: RowTest = (row) => {
        const code = codes[row] as number;
        return code === 0 && fromHead ? fromHead(row) : answerOf(code) === 1;
      };
      const batch: BatchTest = (rows, count, out) => {
        for (let i = 0; i < count; i++) {
          const row = rows[i] as number;
          const code = codes[row] as number;
          out[i] = code === 0 && fromHead ? (fromHead(row) ? 1 : 0) : answerOf(code);
        }
      };
      return { test: byCode, batch, cost: 1, exact: true };
    }
    // A time asked by a test that reads instants (`@timestamp|hour`) is not written out as text.
    const instant = readsInstant && view.instant ? view.instant.bind(view) : undefined;
    if (instant !== undefined) {
      const byInstant: RowTest = (row) => {
        const time = instant(row);
        return Number.isNaN(time) ? (fromHead ? fromHead(row) : test(undefined)) : test(time);
      };
      return { test: byInstant, cost: 2, exact: true };
    }
    // Other columns (times, numbers, text) make their value per row: once per row for all leaves.
    const get = this.rowValue(field, view);
    const byValue: RowTest = (row) => {
      const value = get(row);
      return value === undefined && fromHead ? fromHead(row) : test(value);
    };
    return { test: byValue, cost: 3, exact: true };
  }

  private rowValue(field: string, view: ColumnView | undefined): (row: number) => EventValue | undefined {
    let get = this.rowValues.get(field);
    if (!get) {
      // Per row: its value, NONE for none, a hole when not yet read (leaves answered over rows
      // read the rows of a field once per leaf, not once per row).
      const read: (EventValue | typeof NONE)[] = [];
      get = (row) => {
        let value = read[row];
        if (value === undefined) {
          const found = valueAt(view, row);
          // (`null` is a value: only an absent one is NONE.)
          read[row] = value = found === undefined ? NONE : found;
        }
        return value === NONE ? undefined : value;
      };
      this.rowValues.set(field, get);
    }
    return get;
  }
}
