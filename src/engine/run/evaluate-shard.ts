// One shard of a run: every event read with the directory and catalogue (joined, or through its
// head), its access decided where a rule or the report needs it, and scanned. The result is plain
// data (no functions) so it crosses a worker boundary; windows and alerts are made in the merge.
import type { MatchContext } from '../compile/match-context.ts';
import type { CompiledRule } from '../compile/rule.ts';
import {
  isInheritedName,
  joinableFields,
  joinedValue,
  makeHeads,
  makeJoiner,
  setField,
} from '../event/join.ts';
import {
  ColumnPrefilter,
  PrefilterMemory,
  type AccessDecider,
  type ColumnView,
} from '../evaluate/column-prefilter.ts';
import {
  EventScanner,
  timeOf,
  textMasker,
  toRuleMatch,
  withAccessDecision,
  type ExactAnswers,
} from '../evaluate/scan-events.ts';
import type { Candidates } from '../evaluate/rule-index.ts';
import type { CompiledPack } from '../pack.ts';
import { decideAccess, decisionFields as accessReads } from './integrations.ts';
import type { DatasetContext, Diagnostic, EngineEvent, RuleMatch, TruthTally } from '../types.ts';

export interface ShardResult {
  matches: RuleMatch[];
  truth: TruthTally;
  /** Rule id → number of events it matched. */
  ruleCounts: Record<string, number>;
  errors: Diagnostic[];
  eventCount: number;
  /** Which of the pack's referenced fields, and which categories, the shard's data carried. */
  fieldsSeen: string[];
  categoriesSeen: string[];
}

export interface ShardOptions {
  /** Position of the shard's first event in the dataset, for ids of events that lack `event.id`. */
  firstIndex?: number;
  /** Prefix of assigned ids (`t` gives t1, t2… as test documents expect). */
  idPrefix?: string;
  /**
   * Rules whose matches only become correlation occurrences (a pool worker reduces its shard so):
   * such a match carries no explanation and, of its event, only `fields`, read without joining the
   * event or deciding its access (unless a field is the decision). Default: none.
   */
  occurrencesOnly?: { rules: ReadonlySet<string>; fields: readonly string[] };
  /**
   * The rules never see the ground truth: every `labels.*` field is taken off each event before it
   * is joined or tested, while the truth is still tallied from `labels.scenario`/`labels.step`. For
   * a pack that is scored against the truth (an exercise's team pack), which could otherwise read
   * the answers. Such a shard makes every event (no column prefilter). Default: false.
   */
  hideLabels?: boolean;
}

/** The event without its `labels.*` fields (itself when it has none). */
export function withoutLabels(event: EngineEvent): EngineEvent {
  let labelled = false;
  for (const field in event)
    if (field.startsWith('labels.')) {
      labelled = true;
      break;
    }
  if (!labelled) return event;
  const shown: EngineEvent = {};
  for (const field in event) {
    const value = event[field];
    if (!field.startsWith('labels.') && value !== undefined) shown[field] = value;
  }
  return shown;
}

/**
 * The events of a shard, read once each in order: an array, or a source that makes each event when
 * asked (a pool worker decodes each event from its segment's columns just before evaluating it, so
 * the events die young and a task never holds them all).
 */
export interface EventSource {
  readonly length: number;
  at(index: number): EngineEvent | undefined;
  /**
   * Every field some event of the source holds a value for (a segment's columns): given, the shard
   * learns which referenced fields the data carries from this list rather than from each event's keys.
   */
  readonly fields?: readonly string[];
  /**
   * No event of the source has a field set to `undefined` (true of decoded segments): the shard may
   * then let rules read an event and its directory and catalogue fields without joining them.
   */
  readonly definedValues?: boolean;
  /**
   * The source's columns (undefined for a field no event holds), with `fields` and `definedValues`:
   * the shard then passes over, without making them, events no candidate rule can match and no
   * report needs (`ColumnPrefilter`).
   */
  column?(field: string): ColumnView | undefined;
}

export function evaluateShard(
  pack: CompiledPack,
  events: EventSource,
  context: DatasetContext,
  options: ShardOptions = {},
): ShardResult {
  const shard = startShard(pack, context, options);
  shard.add(events);
  return shard.finish();
}

/** A shard evaluated in parts: `add` each part's events in order, then `finish` once. */
export interface ShardInProgress {
  add(events: EventSource): void;
  finish(): ShardResult;
}

/**
 * `evaluateShard` in parts, the same result as one call over all the parts' events in order: a
 * pool worker adds one segment at a time and lets its event loop run in between, so the next
 * task's message is received and its segments are read from IndexedDB while this one evaluates.
 */
export function startShard(
  pack: CompiledPack,
  context: DatasetContext,
  options: ShardOptions = {},
): ShardInProgress {
  const join = makeJoiner(context);
  // From a source of `definedValues`, an event is joined (copied with the directory's and
  // catalogue's fields) only when its access is decided or it is reported; otherwise the rules read
  // its own fields, then its head's (`makeHeads`): most events are never copied.
  const heads = makeHeads(context);
  const headsSeen = new WeakSet<EngineEvent>();
  // What the prefilters of the shard's segments learn, kept for its later segments.
  const prefilterMemory = new PrefilterMemory(heads);
  // Rules whose requirement is exact are answered from the columns, not tested on the made event.
  const exact: ExactAnswers = { tests: [], row: 0, memory: prefilterMemory };
  const scanner = new EventScanner(pack);
  // Text of a scanned field shown in an explanation has what the classifiers find in it masked.
  const masker = textMasker(pack);
  const matches: RuleMatch[] = [];
  const ruleCounts: Record<string, number> = Object.create(null);
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  const unseenFields = new Set(pack.referencedFields);
  // A referenced field is seen when a prepared event has it (`event[field] !== undefined`). Rather
  // than probing every unseen field on every event, probe the raw event's own names, and only the
  // few unseen fields a join, the access decision or Object.prototype can put on an event besides.
  const joinable = joinableFields(context);
  const addable = new Set(joinable);
  addable.add('access.decision');
  addable.add('access.reason');
  const unseenAddable = new Set([...unseenFields].filter((field) => addable.has(field) || field in {}));
  const categories = new Set<string>();
  let lastCategory: unknown;
  const firstIndex = options.firstIndex ?? 0;
  const prefix = options.idPrefix ?? '#';
  const lean = options.occurrencesOnly;
  const hideLabels = options.hideLabels === true;
  const leanDecides = lean?.fields.some((field) => field.startsWith('access.')) ?? false;
  // An event whose possible matches are all rules that only feed correlations, each answered from
  // the columns, gives its occurrences straight from the columns (`feedsOnly`): not when one of the
  // fields kept is the decision or a name objects inherit, which the columns do not tell alike.
  const occursOnly =
    lean !== undefined &&
    lean.rules.size > 0 &&
    !leanDecides &&
    !lean.fields.some((field) => isInheritedName(field));
  let eventId = '';
  /** The id of the shard's `index`th event: its `event.id`, or one assigned by position. */
  const idOf = (id: unknown, index: number): string =>
    typeof id === 'string' ? id : typeof id === 'number' ? String(id) : `${prefix}${firstIndex + index + 1}`;
  // The access decision is made only for an event whose candidate rules may read it, or while the
  // data has not shown an `access.*` field the pack references, or when the event is reported: the
  // reported event is the same either way (the rules that matched it never read the decision).
  const accessFields = ['access.decision', 'access.reason'];
  // The prefilter decides access from the columns the decision reads, as the run would.
  const decider: AccessDecider = {
    reads: accessReads(pack.access),
    decide: (decided) => decideAccess(pack.access, decided),
  };
  const decisionFields = new Set(accessFields);
  let accessUnseen = accessFields.some((field) => unseenAddable.has(field));
  let eventCount = 0;
  let raw: EngineEvent = {};
  let head: EngineEvent | undefined;
  let event: EngineEvent = {};
  let decided = false;
  // A match is counted once it is made: making it may explain it, which may throw (a broken rule).
  const onMatch = (rule: CompiledRule, matchContext: MatchContext) => {
    if (lean?.rules.has(rule.id) && (decided || !leanDecides)) {
      // The fields a correlation reads, as the joined event has them (the reported event lacks content).
      const kept: EngineEvent = {};
      for (const field of lean.fields) {
        const value = field === 'content' ? undefined : joinedValue(event, head, field);
        if (value !== undefined) setField(kept, field, value);
      }
      const user = event['user.name'];
      ruleCounts[rule.id] = (ruleCounts[rule.id] ?? 0) + 1;
      matches.push({
        rule: rule.id,
        eventId,
        time: timeOf(event),
        user: typeof user === 'string' ? user : null,
        event: kept,
        explanation: {},
      });
      return;
    }
    if (!decided) {
      event = withAccessDecision(pack, head === undefined ? event : join(raw), raw);
      head = undefined;
      decided = true;
    }
    // (A decision on an event the join did not copy is written into a copy of it.)
    const reported = event === matchContext.event ? matchContext : { event, spans: matchContext.spans };
    const match = toRuleMatch(rule, reported, eventId, masker);
    ruleCounts[rule.id] = (ruleCounts[rule.id] ?? 0) + 1;
    matches.push(match);
  };

  const add = (events: EventSource) => {
    const declared = 'fields' in events ? events.fields : undefined;
    for (const field of declared ?? []) if (unseenFields.delete(field)) unseenAddable.delete(field);
    const visitKeys = declared === undefined;
    const useHeads = 'definedValues' in events && events.definedValues === true;
    const prefilter =
      useHeads && !visitKeys && !hideLabels && events.column !== undefined
        ? new ColumnPrefilter(
            events as Required<Pick<EventSource, 'column'>>,
            joinable,
            decisionFields,
            prefilterMemory,
            decider,
          )
        : undefined;
    const first = eventCount;
    eventCount += events.length;
    // Per row, whether a candidate rule may match the event (`ColumnPrefilter.mayMatchRows`): asked
    // of every row of the source at once, when the first row is asked.
    let mayMatch: Uint8Array | undefined;
    for (let at = 0; at < events.length; at++) {
      const index = first + at;
      if (prefilter !== undefined && !accessUnseen) {
        const passable = passableCandidates(prefilter, at);
        if (
          passable !== undefined &&
          ((mayMatch ??= prefilter.mayMatchRows(events.length, pack.index))[at] === 0
            ? !prefilter.memory.unsure
            : occursOnly && feedsOnly(prefilter, at, index, passable))
        ) {
          noteCategory(prefilter.category(at));
          truth.benignEvents++;
          continue;
        }
      }
      raw = events.at(at) ?? {};
      const scenario = raw['labels.scenario'];
      const step = raw['labels.step'];
      if (hideLabels) raw = withoutLabels(raw);
      // (A join adds only `user.*` and `resource.*` fields: the fields read here are the event's own.)
      const candidates =
        prefilter !== undefined
          ? prefilter.candidatesAt(at, pack.index)
          : pack.index.candidates(raw['event.category'], raw['event.action']);
      decided = candidates.readsAccess || accessUnseen;
      if (decided) {
        event = withAccessDecision(pack, join(raw), raw);
        head = undefined;
      } else if (useHeads) {
        event = raw;
        // (The same head: the prefilter numbers the heads per user and resource code.)
        head = prefilter !== undefined ? prefilter.headAt(at) : heads(raw['user.name'], raw['resource.id']);
      } else {
        event = join(raw);
        head = undefined;
      }
      eventId = idOf(event['event.id'], index);
      noteCategory(event['event.category']);
      if (unseenFields.size > 0) {
        if (visitKeys)
          for (const field in raw)
            if (unseenFields.has(field) && event[field] !== undefined) {
              unseenFields.delete(field);
              unseenAddable.delete(field);
            }
        // A field only a join can add is on an unjoined event when its head has it: asked once per head.
        if (unseenAddable.size > 0 && (head === undefined || !headsSeen.has(head))) {
          if (head !== undefined) headsSeen.add(head);
          for (const field of unseenAddable)
            if (joinedValue(event, head, field) !== undefined) {
              unseenFields.delete(field);
              unseenAddable.delete(field);
            }
        }
        if (accessUnseen) accessUnseen = accessFields.some((field) => unseenAddable.has(field));
      }

      if (typeof scenario === 'string' && scenario !== '') {
        const user = event['user.name'];
        truth.labelled.push({
          eventId,
          scenario,
          step: Number(step ?? 0),
          time: timeOf(event),
          user: typeof user === 'string' ? user : null,
        });
      } else {
        truth.benignEvents++;
      }

      if (prefilter !== undefined) {
        exact.tests = prefilter.exactTests(candidates);
        exact.row = at;
        scanner.scan(event, onMatch, candidates, head, exact);
      } else scanner.scan(event, onMatch, candidates, head);
    }
  };

  /** The categories the data carried (a list, as ECS writes them, counts each of its items). */
  const noteCategory = (category: unknown): void => {
    if (category === lastCategory) return;
    if (typeof category === 'string') {
      categories.add(category.toLowerCase());
      lastCategory = category;
    } else if (Array.isArray(category))
      for (const item of category) if (typeof item === 'string') categories.add(item.toLowerCase());
  };

  /** Rules of the event at `row` whose exact tests hold, while `feedsOnly` reads it. */
  const held: CompiledRule[] = [];

  /**
   * Whether the event at `row` (passable, of `candidates`) can only match rules whose matches feed
   * correlations alone, each told exactly by the columns: its occurrences are then recorded from
   * the columns and its head (as `onMatch` records them from the made event), and it is counted,
   * never made.
   */
  const feedsOnly = (
    prefilter: ColumnPrefilter,
    row: number,
    index: number,
    candidates: Candidates,
  ): boolean => {
    const kept = lean as NonNullable<typeof lean>;
    const rowHead = prefilter.headAt(row);
    const plan = prefilter.occurrencePlan(candidates, kept.rules);
    if (plan === null || plan.others(row)) return false;
    held.length = 0;
    const { feeding } = plan;
    for (let r = 0; r < feeding.length; r++) {
      const test = feeding[r];
      if (test !== undefined && test(row)) held.push(candidates.rules[r] as CompiledRule);
    }
    if (prefilter.memory.unsure) return false;
    const matchId = idOf(prefilter.value('event.id', row), index);
    const user = prefilter.value('user.name', row);
    const time = prefilter.timeAt('@timestamp', row);
    for (const rule of held) {
      const event: EngineEvent = {};
      for (const field of kept.fields) {
        if (field === 'content') continue;
        const value = prefilter.value(field, row) ?? rowHead?.[field];
        if (value !== undefined) setField(event, field, value);
      }
      ruleCounts[rule.id] = (ruleCounts[rule.id] ?? 0) + 1;
      matches.push({
        rule: rule.id,
        eventId: matchId,
        time,
        user: typeof user === 'string' ? user : null,
        event,
        explanation: {},
      });
    }
    return true;
  };

  /**
   * The candidate rules of the event at `row` when the event may be counted without being made
   * (`passesOver`, `feedsOnly`), else undefined: never a labelled event, nor once a value test
   * threw (a column answer may then be that throw's), nor while a field only a join adds is
   * unseen and the event's head is new to the shard (it is looked for on the ordinary path).
   */
  const passableCandidates = (prefilter: ColumnPrefilter, row: number): Candidates | undefined => {
    if (prefilter.memory.unsure || prefilter.isLabelled(row)) return undefined;
    if (unseenAddable.size > 0) {
      const head = prefilter.headAt(row);
      if (head === undefined || !headsSeen.has(head)) return undefined;
    }
    return prefilter.candidatesAt(row, pack.index);
  };

  return {
    add,
    finish: () => ({
      matches,
      truth,
      ruleCounts,
      errors: scanner.errors,
      eventCount,
      fieldsSeen: pack.referencedFields.filter((field) => !unseenFields.has(field)),
      categoriesSeen: [...categories].sort(),
    }),
  };
}
