// A rule document → one compiled predicate, with what the index and the run need to know about it:
// the category and actions it can match, the classifiers it scans for, and the fields it needs.
import * as v from 'valibot';
import type {
  Diagnostic,
  Explanation,
  OwnerTeam,
  ResponseAction,
  Severity,
  ThreatCategory,
} from '../types.ts';
import type { PositionedDocument } from '../load/load-pack.ts';
import { diagnosticAt } from '../validate/diagnostic.ts';
import {
  ContentMatcherSchema,
  ResponseSchema,
  RuleSchema,
  type ContentMatcherDocument,
  type RuleDocument,
} from '../validate/rule-schema.ts';
import { keysOf, schemaDiagnostics } from '../validate/schema-issues.ts';
import { didYouMean } from '../validate/suggest.ts';
import { identifiersMatching, parseCondition, type ConditionNode } from './condition.ts';
import { compileContentMatcher, type ContentMatcher } from './content-matcher.ts';
import type { MatchContext } from './match-context.ts';
import { NEVER, allOf, oneOf, type Requirement } from './requirement.ts';
import { compileSelection, type CompiledSelection } from './selection.ts';

export interface RuleResponse {
  severity: Severity;
  action: ResponseAction;
  owner?: OwnerTeam;
  category?: ThreatCategory;
  playbook?: string;
}

/** See `CompiledRule.readsAccess`. */
function readsAccess(document: unknown, detection: Record<string, unknown>): boolean {
  if ((JSON.stringify(document) ?? '').toLowerCase().includes('access.')) return true;
  const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'number';
  for (const [name, value] of Object.entries(detection))
    if (name !== 'condition' && (isScalar(value) || (Array.isArray(value) && value.some(isScalar))))
      return true;
  return false;
}

export interface CompiledRule {
  id: string;
  /** Sigma's `name` (what correlations may reference the rule by), when the rule has one. */
  name?: string;
  title: string;
  file: string;
  /** `logsource.category`, lower-cased; null when the rule is not restricted by category. */
  category: string | null;
  /** `event.action` values the rule can only match; null when any action may match. */
  actions: ReadonlySet<string> | null;
  /**
   * Lower-cased `event.category` values the rule's selections can only match (a text category
   * outside them never matches); null when they do not restrict it. Apart from `category`.
   */
  categories: ReadonlySet<string> | null;
  response: RuleResponse;
  /** Content fields to scan and, per field, the classifiers this rule needs. */
  contentNeeds: ReadonlyMap<string, ReadonlySet<string>>;
  test(context: MatchContext): boolean;
  explain(context: MatchContext): Explanation;
  /** Every field whose presence some selection needs. */
  fields: readonly string[];
  /** Undefined when the fields present in the data allow a match; otherwise the fields it lacks. */
  missingFields(seen: ReadonlySet<string>): string[] | undefined;
  /** Why the rule can never alert on its own (a Sigma v1 aggregation); the run names it. */
  unsupported?: string;
  /**
   * False when matching never reads the access decision (`access.*`), so the run may decide access
   * only for events it reports. Conservative: true when the rule names `access.` anywhere or has
   * keywords (which search every field).
   */
  readsAccess: boolean;
  /** What an event's values must meet for the rule to match it (see `Requirement`). */
  requirement: Requirement;
}

interface ConditionPlan {
  test: (context: MatchContext) => boolean;
  canMatch: (seen: ReadonlySet<string>) => boolean;
  actions: ReadonlySet<string> | null;
  categories: ReadonlySet<string> | null;
  /** Testing it may scan content (a content matcher below it): tested after its cheaper siblings. */
  scans: boolean;
  requirement: Requirement;
}

function intersect(sets: (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  const known = sets.filter((s): s is ReadonlySet<string> => s !== null);
  if (known.length === 0) return null;
  return new Set([...(known[0] ?? [])].filter((value) => known.every((s) => s.has(value))));
}

function union(sets: (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  if (sets.some((s) => s === null)) return null;
  return new Set(sets.flatMap((s) => [...(s ?? [])]));
}

function plan(
  node: ConditionNode,
  identifiers: ReadonlyMap<string, CompiledSelection>,
  scanning: ReadonlySet<CompiledSelection>,
): ConditionPlan {
  const selectionPlan = (selection: CompiledSelection): ConditionPlan => ({
    test: selection.test,
    canMatch: (seen) => selection.requiredFields.some((fields) => fields.every((f) => seen.has(f))),
    actions: selection.actions,
    categories: selection.categories,
    scans: scanning.has(selection),
    requirement: selection.requirement,
  });
  const combine = (kind: 'and' | 'or', parts: ConditionPlan[]): ConditionPlan => {
    // Tests read only the event, so `and`/`or` may try them in any order: the field tests first, the
    // content scans last, where a false (`and`) or true (`or`) field test often spares them.
    const tests = [...parts.filter((p) => !p.scans), ...parts.filter((p) => p.scans)].map((p) => p.test);
    const scans = parts.some((p) => p.scans);
    return kind === 'and'
      ? {
          test: (c) => {
            for (const t of tests) if (!t(c)) return false;
            return true;
          },
          canMatch: (seen) => parts.every((p) => p.canMatch(seen)),
          actions: intersect(parts.map((p) => p.actions)),
          categories: intersect(parts.map((p) => p.categories)),
          scans,
          requirement: allOf(parts.map((p) => p.requirement)),
        }
      : {
          test: (c) => {
            for (const t of tests) if (t(c)) return true;
            return false;
          },
          canMatch: (seen) => parts.some((p) => p.canMatch(seen)),
          actions: union(parts.map((p) => p.actions)),
          categories: union(parts.map((p) => p.categories)),
          scans,
          requirement: oneOf(parts.map((p) => p.requirement)),
        };
  };
  switch (node.type) {
    case 'identifier':
      return selectionPlan(identifiers.get(node.name) as CompiledSelection);
    case 'not': {
      const inner = plan(node.item, identifiers, scanning);
      return {
        test: (c) => !inner.test(c),
        canMatch: () => true,
        actions: null,
        categories: null,
        scans: inner.scans,
        requirement: { kind: 'not', part: inner.requirement },
      };
    }
    case 'and':
    case 'or':
      return combine(
        node.type,
        node.items.map((item) => plan(item, identifiers, scanning)),
      );
    case 'of': {
      const names = identifiersMatching(node.pattern, [...identifiers.keys()]);
      return combine(
        node.quantifier === 'one' ? 'or' : 'and',
        names.map((name) => selectionPlan(identifiers.get(name) as CompiledSelection)),
      );
    }
  }
}

/** Undefined identifiers and empty `x of` patterns, found before any closure is built. */
function checkNames(
  node: ConditionNode,
  names: readonly string[],
  report: (message: string, offset: number, suggestion?: string) => void,
): void {
  switch (node.type) {
    case 'identifier':
      if (!names.includes(node.name))
        report(
          `the condition names "${node.name}", which is not a selection of this rule`,
          node.offset,
          didYouMean(node.name, names),
        );
      return;
    case 'of':
      if (identifiersMatching(node.pattern, names).length === 0)
        report(`no selection matches "${node.pattern}"`, node.offset);
      return;
    case 'not':
      checkNames(node.item, names, report);
      return;
    default:
      for (const item of node.items) checkNames(item, names, report);
  }
}

/** Keys valibot's `record` leaves out of its output (`_isValidObjectKey`). */
const DROPPED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * The rule's content matchers, in the order written: the parsed ones, and those named as a key
 * valibot drops (`constructor`…), checked here against the same schema.
 */
function contentOf(
  document: PositionedDocument,
  data: RuleDocument,
  errors: Diagnostic[],
): [string, ContentMatcherDocument][] {
  const raw = document.data.content;
  if (!raw || typeof raw !== 'object') return [];
  const parsed = data.content ?? {};
  const entries: [string, ContentMatcherDocument][] = [];
  for (const name of Object.keys(raw)) {
    if (!DROPPED_KEYS.has(name)) {
      if (Object.hasOwn(parsed, name)) entries.push([name, parsed[name] as ContentMatcherDocument]);
      continue;
    }
    const spec = v.safeParse(ContentMatcherSchema, (raw as Record<string, unknown>)[name]);
    if (spec.success) entries.push([name, spec.output]);
    else
      for (const item of schemaDiagnostics(document, spec.issues, () => keysOf(ContentMatcherSchema), [
        'content',
        name,
      ]))
        errors.push(item);
  }
  return entries;
}

export interface RuleCompilation {
  rule?: CompiledRule;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function ruleIdOf(data: Record<string, unknown>): string {
  const id = data.id ?? data.name ?? data.title;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

export function compileRule(
  document: PositionedDocument,
  classifierIds?: ReadonlySet<string>,
): RuleCompilation {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const parsed = v.safeParse(RuleSchema, document.data);
  if (!parsed.success) {
    const keysAt = (parent: (string | number)[]) =>
      parent[0] === 'response'
        ? keysOf(ResponseSchema)
        : parent[0] === 'content' && parent.length === 2
          ? keysOf(ContentMatcherSchema)
          : [];
    for (const item of schemaDiagnostics(document, parsed.issues, keysAt)) errors.push(item);
    // Keep checking the detection so one run shows every mistake, unless its shape is unusable.
    const detection = document.data.detection;
    if (!detection || typeof detection !== 'object' || Array.isArray(detection)) return { errors, warnings };
  }
  const data = (
    parsed.success ? parsed.output : { ...document.data, content: undefined, response: undefined }
  ) as RuleDocument;
  // valibot's maps drop the keys `constructor`, `prototype` and `__proto__`: the selections are read
  // from the document itself (checked above to be a map), and the content matchers by `contentOf`.
  const detection = document.data.detection as Record<string, unknown>;
  const content = parsed.success ? contentOf(document, data, errors) : [];
  const identifiers = new Map<string, CompiledSelection>();
  const contentMatchers: ContentMatcher[] = [];

  for (const [name, raw] of Object.entries(detection)) {
    if (name === 'condition') continue;
    if (name === 'timeframe') {
      warnings.push(
        diagnosticAt(
          document,
          ['detection', name],
          '"timeframe" in detection is from Sigma v1 and is ignored: write a correlation rule',
          undefined,
          'warning',
        ),
      );
      continue;
    }
    const result = compileSelection(name, raw, ['detection', name]);
    for (const problem of result.problems) {
      const diagnostic = diagnosticAt(
        document,
        problem.path,
        problem.message,
        problem.suggestion,
        problem.severity ?? 'error',
      );
      if (problem.atValue) Object.assign(diagnostic, document.locateValue(problem.path));
      (problem.severity === 'warning' ? warnings : errors).push(diagnostic);
    }
    if (result.selection) identifiers.set(name, result.selection);
  }
  for (const [name, spec] of content) {
    if (Object.hasOwn(detection, name)) {
      errors.push(
        diagnosticAt(
          document,
          ['content', name],
          `"${name}" is both a selection and a content matcher: rename one`,
        ),
      );
      continue;
    }
    if (classifierIds && !classifierIds.has(spec.classifier)) {
      errors.push(
        diagnosticAt(
          document,
          ['content', name, 'classifier'],
          `unknown classifier "${spec.classifier}"`,
          didYouMean(spec.classifier, classifierIds),
        ),
      );
      continue;
    }
    const matcher = compileContentMatcher(name, spec);
    contentMatchers.push(matcher);
    identifiers.set(name, matcher);
  }

  const rawCondition = detection.condition;
  const conditions: { text: string; path: (string | number)[] }[] = [];
  if (rawCondition === undefined)
    errors.push(diagnosticAt(document, ['detection'], 'detection needs a "condition"'));
  else if (typeof rawCondition === 'string')
    conditions.push({ text: rawCondition, path: ['detection', 'condition'] });
  else if (
    Array.isArray(rawCondition) &&
    rawCondition.length > 0 &&
    rawCondition.every((c) => typeof c === 'string')
  ) {
    rawCondition.forEach((text: string, index) =>
      conditions.push({ text, path: ['detection', 'condition', index] }),
    );
  } else
    errors.push(
      diagnosticAt(document, ['detection', 'condition'], 'the condition must be text or a list of texts'),
    );

  // Check names against every declared selection, including those that failed to compile.
  const names = [
    ...new Set([
      ...Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe'),
      ...content.map(([name]) => name),
    ]),
  ];
  const nodes: ConditionNode[] = [];
  const aggregations: string[] = [];
  for (const { text: written, path } of conditions) {
    // Sigma v1 aggregations (`selection | count() by user > 50`) still ship in public rules: the
    // rule loads, its selections are checked, and it is reported as never alerting on its own.
    const bar = written.indexOf('|');
    const text = bar >= 0 ? written.slice(0, bar) : written;
    if (bar >= 0) {
      aggregations.push(written.slice(bar).trim());
      warnings.push(
        diagnosticAt(
          document,
          path,
          `the Sigma v1 aggregation "${written.slice(bar).trim()}" is not evaluated, so this rule never alerts: write a correlation rule (event_count, group-by, timespan) over it instead`,
          undefined,
          'warning',
        ),
      );
    }
    const where = document.locateValue(path);
    // On a one-line scalar the offset inside the text is a column offset (after a quote, if any).
    const quoted = document.sourceAt?.(where) === '"' || document.sourceAt?.(where) === "'" ? 1 : 0;
    const report = (message: string, offset: number, suggestion?: string) => {
      const diagnostic: Diagnostic = {
        ...where,
        column: where.column + quoted + offset,
        severity: 'error',
        message,
      };
      if (suggestion) diagnostic.suggestion = suggestion;
      errors.push(diagnostic);
    };
    const parsedCondition = parseCondition(text);
    if (!parsedCondition.ok) {
      report(`condition: ${parsedCondition.error.message}`, parsedCondition.error.offset);
      continue;
    }
    const before = errors.length;
    try {
      checkNames(parsedCondition.node, names, report);
    } catch (error) {
      // The parser bounds the depth (MAX_CONDITION_DEPTH); a smaller stack is still this rule's fault.
      if (!(error instanceof RangeError)) throw error;
      report('the condition is too deeply nested', 0);
    }
    if (errors.length === before) nodes.push(parsedCondition.node);
  }
  if (errors.length > 0) return { errors, warnings };

  const root: ConditionNode = nodes.length === 1 ? (nodes[0] as ConditionNode) : { type: 'or', items: nodes };
  let conditionPlan: ConditionPlan;
  try {
    conditionPlan = plan(root, identifiers, new Set<CompiledSelection>(contentMatchers));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const where = conditions[0]?.path ?? ['detection', 'condition'];
    errors.push(diagnosticAt(document, where, 'the condition is too deeply nested'));
    return { errors, warnings };
  }
  const contentNeeds = new Map<string, Set<string>>();
  for (const matcher of contentMatchers) {
    const set = contentNeeds.get(matcher.field) ?? new Set<string>();
    set.add(matcher.classifier);
    contentNeeds.set(matcher.field, set);
  }
  const category = data.logsource?.category?.toLowerCase() ?? null;
  const response: RuleResponse = {
    severity: data.response?.severity ?? data.level ?? 'medium',
    action: data.response?.action ?? 'audit',
  };
  if (data.response?.owner) response.owner = data.response.owner;
  if (data.response?.category) response.category = data.response.category;
  if (data.response?.playbook) response.playbook = data.response.playbook;

  const rule: CompiledRule = {
    id: ruleIdOf(document.data),
    ...(typeof document.data.name === 'string' ? { name: document.data.name } : {}),
    title: data.title,
    file: document.file,
    category,
    actions: conditionPlan.actions,
    categories: conditionPlan.categories,
    response,
    contentNeeds,
    fields: [...new Set([...identifiers.values()].flatMap((s) => s.requiredFields.flat()))].sort(),
    readsAccess: readsAccess(document.data, detection),
    requirement: aggregations.length > 0 ? NEVER : conditionPlan.requirement,
    test: aggregations.length > 0 ? () => false : conditionPlan.test,
    explain(context) {
      const selections: NonNullable<Explanation['selections']> = [];
      const spans: NonNullable<Explanation['spans']> = [];
      for (const [name, selection] of identifiers) {
        if (!selection.test(context)) continue;
        const detail = selection.explain(context);
        selections.push({ name, fields: detail.fields });
        for (const span of detail.spans ?? []) spans.push(span);
      }
      return spans.length > 0 ? { selections, spans } : { selections };
    },
    missingFields(seen) {
      if (conditionPlan.canMatch(seen)) return undefined;
      const missing = new Set<string>();
      for (const selection of identifiers.values()) {
        for (const fields of selection.requiredFields)
          for (const field of fields) if (!seen.has(field)) missing.add(field);
      }
      return [...missing].sort();
    },
  };
  if (aggregations.length > 0)
    rule.unsupported = `its condition uses the Sigma v1 aggregation "${aggregations.join('", "')}", which is not evaluated: write a correlation rule instead`;
  return { rule, errors, warnings };
}
