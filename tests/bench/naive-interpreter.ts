// The naive design as issue 6 defines it: rules interpreted per event. Every rule document is walked
// on every event straight from its parsed YAML — `field|mod|mod` split, modifiers applied by a
// switch, wildcards matched character by character, content matchers each scanning for themselves.
// Only the condition is parsed once per rule (any interpreter keeps its AST). The engine's compiled
// rule is used for nothing but the match record (`toRuleMatch`: id, category, explanation).
// What this interpreter does not know throws an Error naming the rule and the construct: a silent
// difference from the engine would make the benchmark compare two different answers.
import { parseCondition, type ConditionNode } from '../../src/engine/compile/condition.ts';
import { CONFIDENCE_THRESHOLDS } from '../../src/engine/compile/content-matcher.ts';
import { networkContains, parseNetwork } from '../../src/engine/compile/ip-network.ts';
import type { MatchContext } from '../../src/engine/compile/match-context.ts';
import { timePartOf } from '../../src/engine/compile/modifiers/time-part.ts';
import type { TimePart } from '../../src/engine/compile/modifiers/modifier.ts';
import { numberOf } from '../../src/engine/compile/field-item.ts';
import { compileSigmaRegExp } from '../../src/engine/compile/regexp.ts';
import { ruleIdOf, type CompiledRule } from '../../src/engine/compile/rule.ts';
import { makeJoiner } from '../../src/engine/event/join.ts';
import { eventIdOf, prepareEvent, toRuleMatch } from '../../src/engine/evaluate/scan-events.ts';
import type { CompiledPack } from '../../src/engine/pack.ts';
import type {
  ContentSpan,
  DatasetContext,
  EngineEvent,
  EventValue,
  FieldValue,
  RuleMatch,
} from '../../src/engine/types.ts';

/** A rule document with what is kept between events: its condition's AST and its compiled twin. */
interface InterpretedRule {
  rule: CompiledRule;
  detection: Record<string, unknown>;
  content: Record<string, Record<string, unknown>>;
  /** Lower-cased `logsource.category`, or null. */
  category: string | null;
  /** Null when the condition carries a Sigma v1 aggregation: the engine never alerts on those. */
  condition: ConditionNode | null;
}

class Unsupported extends Error {}

function unsupported(rule: InterpretedRule, construct: string): never {
  throw new Unsupported(
    `naive interpreter: rule "${rule.rule.id}" uses ${construct}, which it does not interpret`,
  );
}

/** One rule's view of one event: the event, and its content spans (scanned by this rule alone). */
interface RuleEvaluation {
  rule: InterpretedRule;
  event: EngineEvent;
  spans: Map<string, readonly ContentSpan[]>;
  scan: (text: string, field: string) => readonly ContentSpan[];
}

// --- values ---------------------------------------------------------------------------------------

/** The modifiers of one field item, read from its key on every evaluation. */
interface Modifiers {
  position: 'whole' | 'contains' | 'startswith' | 'endswith';
  /** A position modifier or `cased` was written: numbers and booleans are compared as text. */
  asText: boolean;
  kind: 'value' | 're' | 'cidr' | 'exists' | 'fieldref';
  cased: boolean;
  all: boolean;
  negate: boolean;
  reFlags: string;
  comparison?: 'gt' | 'gte' | 'lt' | 'lte';
  timePart?: TimePart;
}

function readModifiers(rule: InterpretedRule, key: string, names: string[], keyword: boolean): Modifiers {
  const m: Modifiers = {
    position: keyword ? 'contains' : 'whole',
    asText: false,
    kind: 'value',
    cased: false,
    all: false,
    negate: false,
    reFlags: '',
  };
  for (const name of names) {
    switch (name) {
      case 'contains':
      case 'startswith':
      case 'endswith':
        m.position = name;
        m.asText = true;
        break;
      case 'cased':
        m.cased = true;
        m.asText = true;
        break;
      case 'all':
        m.all = true;
        break;
      case 'neq':
        m.negate = true;
        break;
      case 're':
      case 'cidr':
      case 'exists':
      case 'fieldref':
        m.kind = name;
        break;
      case 'i':
      case 'm':
      case 's':
        m.reFlags += name;
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        m.comparison = name;
        break;
      case 'minute':
      case 'hour':
      case 'day':
      case 'week':
      case 'month':
      case 'year':
        m.timePart = name;
        break;
      default:
        return unsupported(rule, `the modifier "${name}" (in "${key}")`);
    }
  }
  return m;
}

const regexps = new Map<string, RegExp>();

/** V8 caches compiled regular expressions by source and flags; so does this. */
function regexpOf(rule: InterpretedRule, source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let regexp = regexps.get(key);
  if (!regexp) {
    const compiled = compileSigmaRegExp(source, flags.split('') as ('i' | 'm' | 's')[]);
    if (!compiled.ok) return unsupported(rule, `the regular expression ${JSON.stringify(source)}`);
    regexp = compiled.regexp;
    regexps.set(key, regexp);
  }
  return regexp;
}

const ANY_RUN = -1;
const ANY_CHAR = -2;

/**
 * A Sigma string as code units (`ANY_RUN` for `*`, `ANY_CHAR` for `?`), escapes resolved as the
 * specification's "Escaping" section says: `\*`, `\?`, `\\` are plain; any other backslash is itself.
 */
function wildcardPattern(raw: string, cased: boolean): { units: (string | number)[]; wild: boolean } {
  const units: (string | number)[] = [];
  let wild = false;
  let text = '';
  const flush = () => {
    units.push(...(cased ? text : text.toLowerCase()).split(''));
    text = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '\\' && (raw[i + 1] === '*' || raw[i + 1] === '?' || raw[i + 1] === '\\')) {
      text += raw[i + 1];
      i++;
    } else if (char === '*' || char === '?') {
      flush();
      units.push(char === '*' ? ANY_RUN : ANY_CHAR);
      wild = true;
    } else text += char;
  }
  flush();
  return { units, wild };
}

/** Glob matching with one backtracking point per `*` (the classic two-pointer walk). */
function globMatches(units: readonly (string | number)[], text: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const unit = units[p];
    if (unit === ANY_RUN) {
      star = p++;
      resume = t;
    } else if (p < units.length && (unit === ANY_CHAR || unit === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (units[p] === ANY_RUN) p++;
  return p === units.length;
}

function textMatches(expected: string, actual: FieldValue, m: Modifiers): boolean {
  const { units, wild } = wildcardPattern(expected, m.cased);
  const value = m.cased ? String(actual) : String(actual).toLowerCase();
  if (!wild) {
    const needle = units.join('');
    switch (m.position) {
      case 'whole':
        return value === needle;
      case 'contains':
        return value.includes(needle);
      case 'startswith':
        return value.startsWith(needle);
      case 'endswith':
        return value.endsWith(needle);
    }
  }
  const around =
    m.position === 'whole'
      ? units
      : m.position === 'contains'
        ? [ANY_RUN, ...units, ANY_RUN]
        : m.position === 'startswith'
          ? [...units, ANY_RUN]
          : [ANY_RUN, ...units];
  return globMatches(around, value);
}

/** One written value against one value of the event. */
function valueMatches(rule: InterpretedRule, expected: unknown, actual: FieldValue, m: Modifiers): boolean {
  if (m.comparison || m.timePart) {
    const target = typeof expected === 'number' ? expected : Number(expected);
    const n = m.timePart ? timePartOf(actual, m.timePart) : numberOf(actual);
    if (n === undefined) return false;
    switch (m.comparison) {
      case 'gt':
        return n > target;
      case 'gte':
        return n >= target;
      case 'lt':
        return n < target;
      case 'lte':
        return n <= target;
      default:
        return n === target;
    }
  }
  if (m.kind === 'cidr') {
    const network = parseNetwork(String(expected));
    if (!network) return unsupported(rule, `the network ${JSON.stringify(expected)}`);
    return typeof actual === 'string' && networkContains(network, actual);
  }
  if (m.kind === 're') return regexpOf(rule, String(expected), m.reFlags).test(String(actual));
  if (!m.asText && typeof expected === 'number')
    return typeof actual === 'number'
      ? actual === expected
      : String(actual).toLowerCase() === String(expected);
  if (!m.asText && typeof expected === 'boolean')
    return actual === expected || String(actual).toLowerCase() === String(expected);
  if (typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean')
    return textMatches(String(expected), actual, m);
  return unsupported(rule, `the value ${JSON.stringify(expected)}`);
}

function valuesOf(value: EventValue | undefined): FieldValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as FieldValue[]).filter((v) => v !== null) : [value as FieldValue];
}

function isEmpty(value: EventValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

// --- field items, selections, content matchers ----------------------------------------------------

function fieldrefMatches(event: EngineEvent, field: string, references: unknown[], m: Modifiers): boolean {
  const fold = (v: FieldValue) => (m.cased ? String(v) : String(v).toLowerCase());
  const one = (reference: unknown) => {
    const others = valuesOf(event[String(reference)]);
    return valuesOf(event[field]).some((v) =>
      others.some((o) => {
        const a = fold(v);
        const b = fold(o);
        switch (m.position) {
          case 'whole':
            return a === b;
          case 'contains':
            return a.includes(b);
          case 'startswith':
            return a.startsWith(b);
          case 'endswith':
            return a.endsWith(b);
        }
      }),
    );
  };
  if (m.negate) return !references.some(one);
  return m.all ? references.every(one) : references.some(one);
}

/** `field|mod|mod: value(s)`; `key` '' (with a keyword list) searches the values of every field. */
function itemMatches(run: RuleEvaluation, key: string, written: unknown): boolean {
  const { rule, event } = run;
  const [field = '', ...names] = key.split('|');
  const m = readModifiers(rule, key, names, field === '');
  const list = Array.isArray(written) ? (written as unknown[]) : [written];
  if (m.kind === 'exists') return (event[field] !== undefined) === written;
  if (written === null) return isEmpty(event[field]);
  if (m.kind === 'fieldref') return fieldrefMatches(event, field, list, m);
  if (list.some((v) => v === null || typeof v === 'object'))
    return unsupported(rule, `a null or structured value inside the list of "${key}"`);
  if (field === '') {
    const anywhere = (expected: unknown) => {
      for (const name in event)
        for (const v of valuesOf(event[name])) if (valueMatches(rule, expected, v, m)) return true;
      return false;
    };
    return m.all ? list.every(anywhere) : list.some(anywhere);
  }
  const raw = event[field];
  // An absent or null field equals no value: only `neq` holds on it.
  if (raw === undefined || raw === null) return m.negate;
  const values = valuesOf(raw);
  const matchesOne = (expected: unknown) => values.some((v) => valueMatches(rule, expected, v, m));
  const matched = m.all ? list.every(matchesOne) : list.some(matchesOne);
  return m.negate ? !matched : matched;
}

function mapMatches(run: RuleEvaluation, map: Record<string, unknown>): boolean {
  for (const key in map) if (!itemMatches(run, key, map[key])) return false;
  return true;
}

function isKeyword(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number';
}

/** A map ANDs its items; a list ORs its maps and its keywords; a plain value is a keyword. */
function selectionMatches(run: RuleEvaluation, name: string, written: unknown): boolean {
  if (isKeyword(written)) return itemMatches(run, '', written);
  if (Array.isArray(written)) {
    const keywords: unknown[] = [];
    for (const entry of written) {
      if (isKeyword(entry)) keywords.push(entry);
      else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        if (mapMatches(run, entry as Record<string, unknown>)) return true;
      } else return unsupported(run.rule, `the list entry ${JSON.stringify(entry)} of selection "${name}"`);
    }
    return keywords.length > 0 && itemMatches(run, '', keywords);
  }
  if (written && typeof written === 'object') return mapMatches(run, written as Record<string, unknown>);
  return unsupported(run.rule, `the selection "${name}" written as ${JSON.stringify(written)}`);
}

function spansOf(run: RuleEvaluation, field: string): readonly ContentSpan[] {
  let spans = run.spans.get(field);
  if (!spans) {
    const text = run.event[field];
    spans = typeof text === 'string' && text !== '' ? run.scan(text, field) : [];
    run.spans.set(field, spans);
  }
  return spans;
}

/** Our `content:` extension: at least `min_count` spans of a classifier at `min_confidence` or more. */
function contentMatches(run: RuleEvaluation, spec: Record<string, unknown>): boolean {
  const field = typeof spec.field === 'string' ? spec.field : 'content';
  const minimum = typeof spec.min_count === 'number' ? spec.min_count : 1;
  const level = spec.min_confidence;
  const threshold =
    level === undefined
      ? CONFIDENCE_THRESHOLDS.low
      : typeof level === 'number'
        ? level
        : CONFIDENCE_THRESHOLDS[level as keyof typeof CONFIDENCE_THRESHOLDS];
  if (threshold === undefined) return unsupported(run.rule, `min_confidence ${JSON.stringify(level)}`);
  let count = 0;
  for (const span of spansOf(run, field))
    if (span.classifier === spec.classifier && span.confidence >= threshold && ++count >= minimum)
      return true;
  return false;
}

// --- condition ------------------------------------------------------------------------------------

function identifierMatches(run: RuleEvaluation, name: string): boolean {
  const { detection, content } = run.rule;
  if (name in content) return contentMatches(run, content[name] as Record<string, unknown>);
  if (name in detection && name !== 'condition' && name !== 'timeframe')
    return selectionMatches(run, name, detection[name]);
  return unsupported(run.rule, `the undefined identifier "${name}" in its condition`);
}

/** The identifiers `1 of x*` / `all of them` names, resolved on every evaluation. */
function identifiersOf(rule: InterpretedRule, pattern: string): string[] {
  const names = [
    ...new Set([
      ...Object.keys(rule.detection).filter((k) => k !== 'condition' && k !== 'timeframe'),
      ...Object.keys(rule.content),
    ]),
  ];
  if (pattern.toLowerCase() === 'them') return names.filter((name) => !name.startsWith('_'));
  const units = [...pattern].map((c) => (c === '*' ? ANY_RUN : c));
  return names.filter((name) => globMatches(units, name));
}

function conditionMatches(run: RuleEvaluation, node: ConditionNode): boolean {
  switch (node.type) {
    case 'identifier':
      return identifierMatches(run, node.name);
    case 'not':
      return !conditionMatches(run, node.item);
    case 'and':
      return node.items.every((item) => conditionMatches(run, item));
    case 'or':
      return node.items.some((item) => conditionMatches(run, item));
    case 'of': {
      const names = identifiersOf(run.rule, node.pattern);
      return node.quantifier === 'one'
        ? names.some((name) => identifierMatches(run, name))
        : names.every((name) => identifierMatches(run, name));
    }
  }
}

// --- rules ----------------------------------------------------------------------------------------

function parseRuleCondition(rule: CompiledRule, detection: Record<string, unknown>): ConditionNode | null {
  const written = detection.condition;
  const texts = typeof written === 'string' ? [written] : Array.isArray(written) ? written : [];
  if (texts.length === 0 || !texts.every((t) => typeof t === 'string'))
    throw new Unsupported(`naive interpreter: rule "${rule.id}" has no condition it can read`);
  if (texts.some((t) => t.includes('|'))) return null;
  const nodes = texts.map((text) => {
    const parsed = parseCondition(text);
    if (!parsed.ok)
      throw new Unsupported(`naive interpreter: rule "${rule.id}": condition ${parsed.error.message}`);
    return parsed.node;
  });
  return nodes.length === 1 ? (nodes[0] as ConditionNode) : { type: 'or', items: nodes };
}

/** The pack's rule documents that compiled (the engine leaves the others out too), in pack order. */
function interpretedRules(pack: CompiledPack): InterpretedRule[] {
  const compiled = new Map(pack.rules.map((rule) => [`${rule.file}\0${rule.id}`, rule]));
  const rules: InterpretedRule[] = [];
  for (const doc of pack.documents) {
    if (doc.kind !== 'rule') continue;
    const rule = compiled.get(`${doc.file}\0${ruleIdOf(doc.data)}`);
    if (!rule) continue;
    const data = doc.data;
    const detection = data.detection as Record<string, unknown>;
    const logsource = data.logsource as { category?: unknown } | undefined;
    rules.push({
      rule,
      detection,
      content: (data.content ?? {}) as Record<string, Record<string, unknown>>,
      category: typeof logsource?.category === 'string' ? logsource.category.toLowerCase() : null,
      condition: parseRuleCondition(rule, detection),
    });
  }
  return rules;
}

export function interpretEvaluate(
  pack: CompiledPack,
  events: readonly EngineEvent[],
  context: DatasetContext,
): RuleMatch[] {
  const rules = interpretedRules(pack);
  const join = makeJoiner(context);
  const scan = (text: string, field: string) => pack.classifiers.scan(text, field);
  const matches: RuleMatch[] = [];
  events.forEach((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    const id = eventIdOf(event, `#${index + 1}`);
    const category = String(event['event.category'] ?? '').toLowerCase();
    for (const rule of rules) {
      if (rule.category !== null && rule.category !== category) continue;
      if (rule.condition === null) continue;
      const run: RuleEvaluation = { rule, event, spans: new Map(), scan };
      if (!conditionMatches(run, rule.condition)) continue;
      const matchContext: MatchContext = { event, spans: (field) => spansOf(run, field) };
      matches.push(toRuleMatch(rule.rule, matchContext, id));
    }
  });
  return matches;
}
