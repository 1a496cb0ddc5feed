// The per-event pass: join, decide access, meet only the indexed candidate rules, scan content
// lazily (once per field and classifier, when a rule's content matcher first asks), and record matches.
import type { MatchContext } from '../compile/match-context.ts';
import type { CompiledRule } from '../compile/rule.ts';
import { maskSpans } from '../classify/mask.ts';
import { scannedText } from '../compile/requirement.ts';
import { joinedValue, ownValue, type EventJoiner } from '../event/join.ts';
import type { PrefilterMemory, RowTest } from './column-prefilter.ts';
import type { Candidates } from './rule-index.ts';
import type { CompiledPack } from '../pack.ts';
import { timeValue } from '../import/event-time.ts';
import { decideAccess } from '../run/integrations.ts';
import type { ContentSpan, Diagnostic, EngineEvent, FieldMatch, RuleMatch } from '../types.ts';

export interface ScanOutput {
  matches: RuleMatch[];
  ruleCounts: Record<string, number>;
  errors: Diagnostic[];
}

const NO_SPANS: readonly ContentSpan[] = [];

export function eventIdOf(event: EngineEvent, fallback: string): string {
  const id = event['event.id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : fallback;
}

/** The event's time in epoch ms (0 when unreadable): a zone-less time is UTC on every machine. */
/** The event's time in ms since the epoch; NaN when it has no readable `@timestamp` (0 is a time). */
export function timeOf(event: EngineEvent): number {
  return timeValue(event['@timestamp']);
}

function withoutContent(event: EngineEvent): EngineEvent {
  if (!('content' in event)) return event;
  const copy = { ...event };
  delete copy.content;
  return copy;
}

/**
 * Rules already answered from the columns of the event's segment (`ColumnPrefilter.exactTests`):
 * per candidate rule, its exact test or undefined, and the event's row.
 */
export interface ExactAnswers {
  tests: readonly (RowTest | undefined)[];
  row: number;
  /** Once a value test threw, an exact test's "true" may be that throw: the rule is tested again. */
  memory: PrefilterMemory;
}

/** Scans one joined event; calls `onMatch` for each matching rule. */
export class EventScanner {
  /** Field → spans of every classifier the candidates need there (asked without a classifier). */
  private readonly spanCache = new Map<string, readonly ContentSpan[]>();
  /** Field → classifier → that classifier's spans: a classifier no reached matcher asks for is never scanned. */
  private readonly classifierCache = new Map<string, Map<string, readonly ContentSpan[]>>();
  private readonly singletons = new Map<string, ReadonlySet<string>>();
  private neededClassifiers: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  private readonly context: MatchContext;
  private current: EngineEvent = {};
  private head: EngineEvent | undefined;
  readonly errors: Diagnostic[] = [];
  private readonly failedRules = new Set<string>();

  constructor(private readonly pack: CompiledPack) {
    this.context = {
      event: {},
      head: undefined,
      spans: (field, classifier) =>
        classifier === undefined ? this.spans(field) : this.classifierSpans(field, classifier),
    };
  }

  private spans(field: string): readonly ContentSpan[] {
    const cached = this.spanCache.get(field);
    if (cached) return cached;
    const text = scannedText(joinedValue(this.current, this.head, field));
    const only = this.neededClassifiers.get(field);
    const spans = text !== undefined ? this.pack.classifiers.scan(text, field, only, only) : NO_SPANS;
    this.spanCache.set(field, spans);
    return spans;
  }

  /** The spans of one classifier: the same ones the scan of all needed classifiers holds for it. */
  private classifierSpans(field: string, classifier: string): readonly ContentSpan[] {
    let byClassifier = this.classifierCache.get(field);
    if (!byClassifier) this.classifierCache.set(field, (byClassifier = new Map()));
    const cached = byClassifier.get(classifier);
    if (cached) return cached;
    const text = scannedText(joinedValue(this.current, this.head, field));
    let spans: readonly ContentSpan[] = NO_SPANS;
    if (text !== undefined) {
      let only = this.singletons.get(classifier);
      if (!only) this.singletons.set(classifier, (only = new Set([classifier])));
      // (Of the classifiers the candidates need in the field, this rule asks about one.)
      spans = this.pack.classifiers.scan(text, field, only, this.neededClassifiers.get(field));
    }
    byClassifier.set(classifier, spans);
    return spans;
  }

  /**
   * The rules that match an event already joined with directory, resources and access decision
   * (the decision may be left out when no candidate reads it: `Candidates.readsAccess`), or not
   * joined, with `head` (`makeHeads`): the rules then read `{ ...head, ...event }` without a copy.
   */
  scan(
    event: EngineEvent,
    onMatch: (rule: CompiledRule, context: MatchContext) => void,
    candidates: Candidates = this.pack.index.candidates(event['event.category'], event['event.action']),
    head?: EngineEvent,
    exact?: ExactAnswers,
  ): void {
    if (candidates.rules.length === 0) return;
    this.current = event;
    this.head = head;
    this.context.event = event;
    this.context.head = head;
    this.neededClassifiers = candidates.classifiers;
    // (Clearing allocates a fresh table even when empty: most events have no content to scan.)
    if (this.spanCache.size > 0) this.spanCache.clear();
    if (this.classifierCache.size > 0) this.classifierCache.clear();
    const rules = candidates.rules;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      try {
        // An exact answer is the rule's own tests read from the columns. A test that threw while
        // answering makes it a guess (the throw counted as "may hold"): the rule is tested instead.
        let matched: boolean;
        const answer = exact !== undefined && !exact.memory.unsure ? exact.tests[r] : undefined;
        if (answer !== undefined && exact !== undefined) {
          matched = answer(exact.row);
          if (exact.memory.unsure) matched = rule.test(this.context);
        } else matched = rule.test(this.context);
        // Reporting a match explains it, which runs the rule's tests again: a test that throws
        // there fails the rule as it would have failed while matching.
        if (matched) onMatch(rule, this.context);
      } catch (error) {
        // One broken rule must not stop the run: it is named once and skipped.
        if (!this.failedRules.has(rule.id)) {
          this.failedRules.add(rule.id);
          this.errors.push({
            file: rule.file,
            line: 1,
            column: 1,
            path: '',
            severity: 'error',
            message: `rule "${rule.id}" failed while matching: ${String(error)}`,
          });
        }
      }
    }
  }
}

/** Joins an event and writes the access decision the pack's policies would make. */
export function prepareEvent(pack: CompiledPack, join: EventJoiner, event: EngineEvent): EngineEvent {
  return withAccessDecision(pack, join(event), event);
}

/** `prepareEvent`'s second half: `joined` is `join(event)`. */
export function withAccessDecision(pack: CompiledPack, joined: EngineEvent, event: EngineEvent): EngineEvent {
  const decision = decideAccess(pack.access, joined);
  if (!decision) return joined;
  if (joined === event)
    return { ...joined, 'access.decision': decision.decision, 'access.reason': decision.reason };
  // A joined event is already a fresh object: write the decision into it instead of copying it again.
  joined['access.decision'] = decision.decision;
  joined['access.reason'] = decision.reason;
  return joined;
}

export function toRuleMatch(
  rule: CompiledRule,
  context: MatchContext,
  eventId: string,
  masker?: TextMasker,
): RuleMatch {
  const user = context.event['user.name'];
  const explanation = rule.explain(context);
  if (masker !== undefined)
    for (const selection of explanation.selections ?? [])
      for (const field of selection.fields)
        if (typeof field.value === 'string' && shows(context, field))
          field.value = masker.mask(field.value, field.field);
  return {
    rule: rule.id,
    eventId,
    time: timeOf(context.event),
    user: typeof user === 'string' ? user : null,
    event: withoutContent(context.event),
    explanation,
  };
}

/**
 * Masks what the pack's classifiers find in a text an explanation shows of the event's own fields
 * (a selection on `content|contains: salary` shows the whole message, SSN and all; one on
 * `email.subject|contains: card` shows the subject, card number and all), whether or not a rule
 * scans that field: no classifier match is shown in clear in an alert. It runs on alerts only.
 */
export interface TextMasker {
  mask(text: string, field: string): string;
}

/** The explained value is the event's own text (not a content matcher's "1 × us-ssn"). */
function shows(context: MatchContext, field: FieldMatch): boolean {
  const value = ownValue(context.event, field.field);
  return value === field.value || (Array.isArray(value) && value.includes(field.value as string));
}

export function textMasker(pack: CompiledPack): TextMasker {
  return { mask: (text, field) => maskSpans(text, pack.classifiers.scan(text, field)) };
}
