// "Why not?": for an event no rule caught, the rules that came closest and what stopped each one —
// the log source, the selection items that failed (field, expected, actual), or an exclusion that
// matched — with the smallest change to the rule that would have caught the event. Closest rules
// first: the cost of a rule is the number of changes it needs.
import type { CompiledPack } from '../pack.ts';
import type { ContentSpan, DatasetContext, EngineEvent, EventValue, FieldValue } from '../types.ts';
import { compileContentMatcher } from '../compile/content-matcher.ts';
import { identifiersMatching, parseCondition, type ConditionNode } from '../compile/condition.ts';
import { compileFieldItem, numberOf, type FieldItem } from '../compile/field-item.ts';
import type { TimePart } from '../compile/modifiers/modifier.ts';
import { timePartOf } from '../compile/modifiers/time-part.ts';
import type { MatchContext } from '../compile/match-context.ts';
import { ruleIdOf } from '../compile/rule.ts';
import { fieldReader, makeJoiner } from '../event/join.ts';
import type { ContentMatcherDocument } from '../validate/rule-schema.ts';

export type MissKind = 'logsource' | 'field' | 'exclusion' | 'content';

export interface MissReason {
  kind: MissKind;
  /** The selection (or content matcher) the reason belongs to; absent for the log source. */
  selection?: string;
  field?: string;
  /** The item as written in the rule (`file.name|endswith`). */
  key?: string;
  /** What the rule asks for, as written. */
  expected: string;
  /** What the event has (null when it lacks the field). */
  actual: string | null;
  /** The smallest change to the rule that removes this reason. */
  change: string;
}

export interface NearMiss {
  rule: string;
  title: string;
  file: string;
  /** How many changes the rule needs to catch the event (1 is a near miss). */
  cost: number;
  reasons: MissReason[];
}

export interface WhyNotOptions {
  /** At most this many rules (closest first); default 5. */
  limit?: number;
  /** Joins directory and resource facts into the event first, as a run does. */
  context?: Pick<DatasetContext, 'directory' | 'resources'>;
}

const TIME_PARTS: readonly TimePart[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

/** Cost of a log source the rule does not read: changing what a rule reads is a big change. */
const LOGSOURCE_COST = 3;

interface Outcome {
  cost: number;
  reasons: MissReason[];
}

const NONE: Outcome = { cost: 0, reasons: [] };
const IMPOSSIBLE: Outcome = { cost: Infinity, reasons: [] };

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function present(value: EventValue | undefined): boolean {
  return !(value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length));
}

function sum(parts: Outcome[]): Outcome {
  return parts.reduce(
    (total, part) => ({ cost: total.cost + part.cost, reasons: [...total.reasons, ...part.reasons] }),
    NONE,
  );
}

function cheapest(parts: Outcome[]): Outcome {
  return parts.reduce((best, part) => (part.cost < best.cost ? part : best), IMPOSSIBLE);
}

/** The smallest edit to one failed field item, judged from its modifiers and the event's value. */
function changeFor(item: FieldItem, expected: unknown, actual: EventValue | undefined): string {
  const modifiers = item.key
    .split('|')
    .slice(1)
    .map((m) => m.toLowerCase());
  if (!present(actual)) return `drop "${item.key}" from the selection: the event has no ${item.field}`;
  const value = show(actual);
  const threshold = modifiers.find((m) => ['gt', 'gte', 'lt', 'lte'].includes(m));
  const part = modifiers.find((m): m is TimePart => (TIME_PARTS as readonly string[]).includes(m));
  if (threshold || part) {
    // The number the item compares: the event's value, or the part of its time. A value the item
    // cannot read never matches whatever the threshold, so no threshold is offered for it.
    const values: readonly FieldValue[] = Array.isArray(actual) ? actual : [actual as FieldValue];
    const compared = values
      .map((v) => (part ? timePartOf(v, part) : numberOf(v)))
      .find((n) => n !== undefined);
    if (compared === undefined)
      return part
        ? `"${value}" is not a readable time, so "${item.key}" cannot read its ${part}: write ${item.field} as ISO 8601 text (2026-03-04T03:00:00Z) or epoch milliseconds`
        : `"${value}" is not a number, so "${item.key}" cannot compare it: the event needs a number in ${item.field}`;
    const what = part ? `${compared}, the event's ${part}` : String(compared);
    if (!threshold) return `add ${what} to the values of "${item.key}"`;
    const lower = threshold.startsWith('g');
    return `${lower ? 'lower' : 'raise'} the threshold of "${item.key}" from ${show(expected)} to ${what} (use ${lower ? 'gte' : 'lte'})`;
  }
  if (modifiers.includes('cidr')) return `add the network ${value}/32 to "${item.key}"`;
  if (modifiers.includes('re')) return `widen the pattern of "${item.key}" so that it matches "${value}"`;
  if (typeof expected === 'boolean' || modifiers.includes('exists'))
    return `change "${item.key}" to ${value}`;
  return `add "${value}" to the values of "${item.key}"`;
}

interface Selection {
  /** Cost and reasons to make the selection true. */
  toTrue(context: MatchContext): Outcome;
  /** Cost and reasons to make it false (it is an exclusion under `not`). */
  toFalse(context: MatchContext): Outcome;
}

function fieldSelection(name: string, raw: unknown): Selection | null {
  const isMap = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === 'object' && !Array.isArray(x);
  const isKeyword = (x: unknown) => typeof x === 'string' || typeof x === 'number';
  let maps: Record<string, unknown>[];
  if (isMap(raw)) maps = [raw];
  else if (Array.isArray(raw) && raw.every(isMap)) maps = raw;
  else if (isKeyword(raw) || (Array.isArray(raw) && raw.every(isKeyword))) {
    // Keywords search every field: there is no one field to name.
    const item = compileFieldItem('', raw).item;
    return item ? keywordSelection(name, item, raw) : null;
  } else return null;
  const alternatives: { item: FieldItem; expected: unknown }[][] = [];
  for (const map of maps) {
    const items: { item: FieldItem; expected: unknown }[] = [];
    for (const [key, expected] of Object.entries(map)) {
      const compiled = compileFieldItem(key, expected).item;
      if (!compiled) return null;
      items.push({ item: compiled, expected });
    }
    alternatives.push(items);
  }
  return {
    toTrue({ event }) {
      return cheapest(
        alternatives.map((items) => {
          const reasons = items
            .filter(({ item }) => !item.test(event))
            .map(({ item, expected }): MissReason => {
              const actual = fieldReader(item.field)(event);
              return {
                kind: 'field',
                selection: name,
                field: item.field,
                key: item.key,
                expected: show(expected),
                actual: present(actual) ? show(actual) : null,
                change: changeFor(item, expected, actual),
              };
            });
          return { cost: reasons.length, reasons };
        }),
      );
    },
    toFalse({ event }) {
      const matched = alternatives.find((items) => items.every(({ item }) => item.test(event)));
      if (!matched) return NONE;
      const fields = matched
        .map(({ item }) => `${item.field}=${show(fieldReader(item.field)(event))}`)
        .join(', ');
      const first = matched[0];
      return {
        cost: 1,
        reasons: [
          {
            kind: 'exclusion',
            selection: name,
            field: first?.item.field,
            key: first?.item.key,
            expected: `not ${name}`,
            actual: fields,
            change: `narrow the exclusion "${name}": it matches this event (${fields})`,
          },
        ],
      };
    },
  };
}

function keywordSelection(name: string, item: FieldItem, raw: unknown): Selection {
  return {
    toTrue: ({ event }) =>
      item.test(event)
        ? NONE
        : {
            cost: 1,
            reasons: [
              {
                kind: 'field',
                selection: name,
                expected: show(raw),
                actual: null,
                change: `add a keyword of this event to "${name}"`,
              },
            ],
          },
    toFalse: ({ event }) =>
      item.test(event)
        ? {
            cost: 1,
            reasons: [
              {
                kind: 'exclusion',
                selection: name,
                expected: `not ${name}`,
                actual: show(raw),
                change: `narrow the exclusion "${name}"`,
              },
            ],
          }
        : NONE,
  };
}

function contentSelection(name: string, spec: ContentMatcherDocument): Selection {
  const matcher = compileContentMatcher(name, spec);
  const expected = `${spec.min_count ?? 1} × ${spec.classifier} in ${matcher.field}`;
  return {
    toTrue: (context) => {
      if (matcher.test(context)) return NONE;
      const found = context.spans(matcher.field).filter((s) => s.classifier === spec.classifier);
      return {
        cost: 1,
        reasons: [
          {
            kind: 'content',
            selection: name,
            field: matcher.field,
            expected,
            actual: found.length
              ? `${found.length} × ${spec.classifier}, best confidence ${found.reduce((best, s) => Math.max(best, s.confidence), 0)}`
              : null,
            change: found.length
              ? `lower min_count or min_confidence of "${name}" to ${found.length} / ${found.reduce((least, s) => Math.min(least, s.confidence), Infinity)}`
              : `the classifier ${spec.classifier} finds nothing in ${matcher.field}: extend the classifier or match a field instead`,
          },
        ],
      };
    },
    toFalse: (context) =>
      matcher.test(context)
        ? {
            cost: 1,
            reasons: [
              {
                kind: 'exclusion',
                selection: name,
                field: matcher.field,
                expected: `not ${name}`,
                actual: expected,
                change: `narrow the exclusion "${name}"`,
              },
            ],
          }
        : NONE,
  };
}

function conditionOutcome(
  node: ConditionNode,
  want: boolean,
  selections: ReadonlyMap<string, Selection>,
  context: MatchContext,
): Outcome {
  const names = [...selections.keys()];
  const leaf = (name: string) => {
    const selection = selections.get(name);
    if (!selection) return IMPOSSIBLE;
    return want ? selection.toTrue(context) : selection.toFalse(context);
  };
  switch (node.type) {
    case 'identifier':
      return leaf(node.name);
    case 'not':
      return conditionOutcome(node.item, !want, selections, context);
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => conditionOutcome(item, want, selections, context));
      // true-and and false-or need every part; true-or and false-and need the cheapest one.
      return (node.type === 'and') === want ? sum(parts) : cheapest(parts);
    }
    case 'of': {
      const parts = identifiersMatching(node.pattern, names).map(leaf);
      if (parts.length === 0) return IMPOSSIBLE;
      return (node.quantifier === 'all') === want ? sum(parts) : cheapest(parts);
    }
  }
}

/**
 * The rules of `pack` that came closest to catching `event`, closest first. Rules that do catch it
 * are left out, and so are correlations (they need several events; see their own explanations).
 */
export function whyNot(pack: CompiledPack, event: EngineEvent, options: WhyNotOptions = {}): NearMiss[] {
  const joined = options.context ? makeJoiner(options.context)(event) : event;
  const spans = new Map<string, readonly ContentSpan[]>();
  const context: MatchContext = {
    event: joined,
    spans(field) {
      let found = spans.get(field);
      if (!found) {
        const text = fieldReader(field)(joined);
        found = typeof text === 'string' ? pack.classifiers.scan(text, field) : [];
        spans.set(field, found);
      }
      return found;
    },
  };
  const compiled = new Map(pack.rules.map((rule) => [rule.id, rule]));
  const misses: NearMiss[] = [];
  for (const ruleDoc of pack.documents) {
    if (ruleDoc.kind !== 'rule') continue;
    const rule = compiled.get(ruleIdOf(ruleDoc.data));
    if (!rule || rule.file !== ruleDoc.file || rule.test(context)) continue;
    const detection = (ruleDoc.data.detection ?? {}) as Record<string, unknown>;
    const selections = new Map<string, Selection>();
    let readable = true;
    for (const [name, raw] of Object.entries(detection)) {
      if (name === 'condition' || name === 'timeframe') continue;
      const selection = fieldSelection(name, raw);
      if (selection) selections.set(name, selection);
      else readable = false;
    }
    const content = (ruleDoc.data.content ?? {}) as Record<string, ContentMatcherDocument>;
    for (const [name, spec] of Object.entries(content)) selections.set(name, contentSelection(name, spec));
    const conditions = ([] as unknown[]).concat(detection.condition ?? []);
    const nodes = conditions.flatMap((text) => {
      const parsed = typeof text === 'string' ? parseCondition(text) : null;
      return parsed?.ok ? [parsed.node] : [];
    });
    if (!readable || nodes.length === 0) continue;
    const root: ConditionNode =
      nodes.length === 1 ? (nodes[0] as ConditionNode) : { type: 'or', items: nodes };
    let outcome = conditionOutcome(root, true, selections, context);
    const written = joined['event.category'];
    const categories = (Array.isArray(written) ? written : [written ?? '']).map((item) =>
      String(item).toLowerCase(),
    );
    const category = categories.join(', ');
    if (rule.category && !categories.includes(rule.category)) {
      outcome = sum([
        {
          cost: LOGSOURCE_COST,
          reasons: [
            {
              kind: 'logsource',
              expected: `${rule.category} events`,
              actual: category ? `a ${category} event` : null,
              change: `the rule reads only ${rule.category} events: write a ${category || 'matching'} rule instead`,
            },
          ],
        },
        outcome,
      ]);
    }
    if (!Number.isFinite(outcome.cost) || outcome.cost === 0) continue;
    misses.push({
      rule: rule.id,
      title: rule.title,
      file: rule.file,
      cost: outcome.cost,
      reasons: outcome.reasons,
    });
  }
  misses.sort((a, b) => a.cost - b.cost || a.rule.localeCompare(b.rule));
  return misses.slice(0, options.limit ?? 5);
}
