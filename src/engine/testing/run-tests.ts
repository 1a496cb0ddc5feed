// Runs a pack's `test` documents like unit tests: each case passes or fails with expected versus
// actual, the events involved and the fields that decided (or nearly decided) the outcome.
import type { CompiledRule } from '../compile/rule.ts';
import type { CompiledCorrelation } from '../correlate/model.ts';
import { CONFIDENCE_THRESHOLDS } from '../compile/content-matcher.ts';
import { flattenRecord } from '../event/flatten.ts';
import { makeJoiner } from '../event/join.ts';
import { eventIdOf, prepareEvent, timeOf } from '../evaluate/scan-events.ts';
import type { PositionedDocument } from '../load/load-pack.ts';
import type { CompiledPack } from '../pack.ts';
import { runPack } from '../run/run-pack.ts';
import type { Alert, CatalogResource, DatasetContext, DirectoryUser, EngineEvent } from '../types.ts';
import { formatDiagnostic } from '../validate/diagnostic.ts';
import { didYouMean } from '../validate/suggest.ts';
import { whyNot } from '../explain/why-not.ts';
import type { TestDocument } from './test-schema.ts';
import { validateTest } from './validate-tests.ts';

export interface TestCaseResult {
  name: string;
  file: string;
  line: number;
  passed: boolean;
  /** One entry per unmet expectation: what was expected, what happened, and why. */
  failures: string[];
}

function contextFor(test: TestDocument): DatasetContext {
  return {
    manifest: { id: 'test', title: test.name },
    directory: (test.directory ?? []) as DirectoryUser[],
    resources: (test.resources ?? []) as CatalogResource[],
    entitlements: [],
    scenarios: [],
  };
}

function describeFields(alert: Alert): string {
  const fields = (alert.explanation.selections ?? []).flatMap((s) =>
    s.fields.map((f) => `${f.matcher} ← ${f.field}=${JSON.stringify(f.value)}`),
  );
  return fields.length > 0 ? fields.join('; ') : (alert.explanation.summary ?? 'no detail');
}

/** Why a rule did not fire on the test's events: per event, which selections held. */
function closestMiss(
  rule: CompiledRule,
  pack: CompiledPack,
  test: TestDocument,
  events: EngineEvent[],
): string {
  const join = makeJoiner(contextFor(test));
  const lines: string[] = [];
  events.forEach((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    const id = eventIdOf(event, `t${index + 1}`);
    const category = event['event.category'];
    if (rule.category !== null && String(category ?? '').toLowerCase() !== rule.category) {
      lines.push(
        `${id}: event.category is ${JSON.stringify(category ?? null)}, the rule needs "${rule.category}"`,
      );
      return;
    }
    const explanation = rule.explain({
      event,
      spans: (field) =>
        typeof event[field] === 'string' ? pack.classifiers.scan(event[field] as string, field) : [],
    });
    const held = (explanation.selections ?? []).map((s) => s.name);
    // The deciding fields: what each failed item asks for, what the event has, and the smallest fix.
    const miss = whyNot(pack, event, { limit: Infinity }).find((m) => m.rule === rule.id);
    const deciding = (miss?.reasons ?? [])
      .filter((r) => r.kind !== 'logsource')
      .map(
        (r) =>
          `${r.key ?? r.field ?? r.selection ?? r.kind} expects ${r.expected}, event has ${r.actual ?? '(absent)'} (${r.change})`,
      );
    lines.push(
      `${id}: selections true: ${held.length > 0 ? held.join(', ') : 'none'} — the condition is not met${
        deciding.length > 0 ? `; deciding: ${deciding.join('; ')}` : ''
      }`,
    );
  });
  return lines.join('; ');
}

/** Whether a rule matches a prepared event, as the run decides it (log source first). */
function ruleMatches(rule: CompiledRule, pack: CompiledPack, event: EngineEvent): boolean {
  if (rule.category !== null && String(event['event.category'] ?? '').toLowerCase() !== rule.category)
    return false;
  return rule.test({
    event,
    spans: (field) =>
      typeof event[field] === 'string' ? pack.classifiers.scan(event[field] as string, field) : [],
  });
}

function present(value: EngineEvent[string] | undefined): boolean {
  return !(value === undefined || value === null || (Array.isArray(value) && value.length === 0));
}

/**
 * Why a correlation did not fire on the test's events: how many events each of its rules matched
 * (and, when none did, why not), which matching events lack a group-by field (they belong to no
 * group), and how the rest were grouped against the condition.
 */
function correlationMiss(
  correlation: CompiledCorrelation,
  pack: CompiledPack,
  test: TestDocument,
  events: EngineEvent[],
  byRule: ReadonlyMap<string, Alert[]>,
): string {
  const join = makeJoiner(contextFor(test));
  const prepared = events.map((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    return { id: eventIdOf(event, `t${index + 1}`), event };
  });
  const rules = new Map(pack.rules.map((r) => [r.id, r]));
  const parts: string[] = [];
  const counts: string[] = [];
  const matched: { id: string; rule: string; event: EngineEvent }[] = [];
  let inner = 0;
  for (const key of correlation.rules) {
    const rule = rules.get(key);
    if (rule) {
      const hits = prepared.filter(({ event }) => ruleMatches(rule, pack, event));
      for (const hit of hits) matched.push({ ...hit, rule: key });
      counts.push(`"${key}" ${hits.length}`);
    } else {
      // A correlation over a correlation: what it reads are the inner one's alerts.
      const alerts = byRule.get(key)?.length ?? 0;
      inner += alerts;
      counts.push(`"${key}" ${alerts} alert(s)`);
    }
  }
  parts.push(`events matched per rule: ${counts.join(', ')}`);
  if (matched.length === 0 && inner === 0) {
    const misses = correlation.rules
      .map((key) => rules.get(key))
      .filter((rule): rule is CompiledRule => rule !== undefined)
      .map((rule) => `"${rule.id}": ${closestMiss(rule, pack, test, events)}`);
    parts.push(
      `none of the test's events matches its rule(s)${misses.length > 0 ? ` — ${misses.join('; ')}` : ''}`,
    );
    return parts.join('; ');
  }
  // An event without a group-by field belongs to no group and cannot make an alert.
  const fieldIn = (rule: string, field: string) => correlation.aliases[field]?.[rule] ?? field;
  const grouped = new Map<string, string[]>();
  const lacking = new Map<string, string[]>();
  const untimed: string[] = [];
  for (const { id, rule, event } of matched) {
    // An event without a readable time has no place in a window: the run leaves it out.
    if (timeOf(event) === 0) {
      untimed.push(id);
      continue;
    }
    const missing = correlation.groupBy.filter((field) => !present(event[fieldIn(rule, field)]));
    if (missing.length > 0) {
      const key = missing.join(', ');
      lacking.set(key, [...(lacking.get(key) ?? []), id]);
      continue;
    }
    const key = correlation.groupBy
      .map((field) => `${field}=${JSON.stringify(event[fieldIn(rule, field)])}`)
      .join(', ');
    grouped.set(key, [...(grouped.get(key) ?? []), id]);
  }
  if (untimed.length > 0)
    parts.push(
      `${untimed.length} matching event(s) (${untimed.join(', ')}) have no readable @timestamp, so correlations leave them out`,
    );
  for (const [fields, ids] of lacking)
    parts.push(
      `${ids.length} matching event(s) (${ids.join(', ')}) lack the group-by field(s) ${fields}, so they belong to no group`,
    );
  if (grouped.size > 0)
    parts.push(`groups: ${[...grouped].map(([key, ids]) => `${key}: ${ids.length} event(s)`).join('; ')}`);
  const condition = correlation.condition.criteria.map((c) => `${c.op} ${c.value}`).join(' and ');
  const over =
    correlation.condition.fields.length > 0 ? ` of ${correlation.condition.fields.join(', ')}` : '';
  parts.push(
    `the ${correlation.type} condition${condition ? ` is ${condition}${over}` : ''}${correlation.timespan ? ` within ${correlation.timespan}` : ''}`,
  );
  return parts.join('; ');
}

/** The correlations that read `id` without `generate: true`, which suppresses its own alerts. */
function suppressedBy(pack: CompiledPack, id: string): string[] {
  return pack.correlations.correlations.filter((c) => !c.generate && c.rules.includes(id)).map((c) => c.key);
}

function runEventTest(pack: CompiledPack, test: TestDocument): string[] {
  const failures: string[] = [];
  const events = (test.events ?? []).map((event) => flattenRecord(event));
  const result = runPack(pack, events, contextFor(test), { idPrefix: 't' });
  const byRule = new Map<string, Alert[]>();
  for (const alert of result.alerts) byRule.set(alert.rule, [...(byRule.get(alert.rule) ?? []), alert]);
  const rules = new Map(pack.rules.map((r) => [r.id, r]));
  const correlations = new Map(pack.correlations.correlations.map((c) => [c.key, c]));
  const known = new Set([...rules.keys(), ...pack.correlations.correlations.map((c) => c.key)]);
  // A rule or correlation may be named by its Sigma `name`, as correlations reference them.
  const byName = new Map<string, string>();
  for (const item of [...pack.rules, ...pack.correlations.correlations])
    if (item.name !== undefined && !known.has(item.name))
      byName.set(item.name, 'key' in item ? item.key : item.id);
  const resolve = (id: string) => byName.get(id) ?? id;
  const unknown = (id: string) => {
    if (known.has(id) || byRule.has(id)) return false;
    const hint = didYouMean(id, known);
    failures.push(`no rule or correlation has id "${id}"${hint ? ` (${hint})` : ''}`);
    return true;
  };
  for (const written of test.expect.fire ?? []) {
    const id = resolve(written);
    if (unknown(id) || byRule.has(id)) continue;
    const rule = rules.get(id);
    const suppressed = suppressedBy(pack, id);
    const matched = result.ruleCounts[id] ?? 0;
    if (suppressed.length > 0 && matched > 0) {
      // It matched; its alerts are a correlation's building blocks, not missing.
      const names = suppressed.map((c) => `"${c}"`).join(', ');
      failures.push(
        `expected "${id}" to fire: it matched ${matched} event(s), but its alerts are suppressed because correlation ${names} uses it as a building block without \`generate: true\` (set generate: true there, or expect ${names} instead)`,
      );
      continue;
    }
    const correlation = rule ? undefined : correlations.get(id);
    const why = rule
      ? closestMiss(rule, pack, test, events)
      : correlation
        ? correlationMiss(correlation, pack, test, events, byRule)
        : undefined;
    failures.push(`expected "${id}" to fire, it did not${why ? `: ${why}` : ''}`);
  }
  for (const written of test.expect.not_fire ?? []) {
    const id = resolve(written);
    if (unknown(id)) continue;
    const alerts = byRule.get(id) ?? [];
    if (alerts.length > 0) {
      failures.push(
        `expected "${id}" not to fire, it fired ${alerts.length}× on ${alerts.flatMap((a) => a.events).join(', ')}: ${describeFields(alerts[0] as Alert)}`,
      );
    }
  }
  for (const { rule: written, count } of test.expect.alerts ?? []) {
    const id = resolve(written);
    if (unknown(id)) continue;
    const actual = byRule.get(id)?.length ?? 0;
    if (count === undefined ? actual === 0 : actual !== count) {
      failures.push(
        `expected ${count === undefined ? 'at least 1' : count} alert(s) from "${id}", got ${actual}`,
      );
    }
  }
  // A warning (events without a time, say) does not fail a test; an error (a rule that threw) does.
  for (const error of result.errors)
    if (error.severity === 'error') failures.push(`run error: ${error.message}`);
  return failures;
}

function runClassifierTest(pack: CompiledPack, test: TestDocument): string[] {
  const failures: string[] = [];
  const field = test.field ?? 'content';
  const spans = pack.classifiers.scan(test.text ?? '', field);
  for (const [id, expectation] of Object.entries(test.expect.classifiers ?? {})) {
    if (!pack.classifiers.ids.includes(id)) {
      const hint = didYouMean(id, pack.classifiers.ids);
      failures.push(`no classifier has id "${id}"${hint ? ` (${hint})` : ''}`);
      continue;
    }
    const threshold =
      typeof expectation === 'object' && expectation.confidence
        ? CONFIDENCE_THRESHOLDS[expectation.confidence]
        : 0;
    const found = spans.filter((s) => s.classifier === id && s.confidence >= threshold);
    const shown = found.map((s) => `${s.masked} (${s.level} ${s.confidence})`).join(', ') || 'none';
    if (typeof expectation === 'number') {
      if (found.length !== expectation)
        failures.push(`expected ${expectation} match(es) of "${id}", found ${found.length}: ${shown}`);
    } else {
      const { min = 1, max } = expectation;
      if (found.length < min || (max !== undefined && found.length > max)) {
        const range = max === undefined ? `at least ${min}` : `${min}–${max}`;
        failures.push(
          `expected ${range} match(es) of "${id}"${expectation.confidence ? ` at ${expectation.confidence} confidence` : ''}, found ${found.length}: ${shown}`,
        );
      }
    }
  }
  return failures;
}

export function runTest(pack: CompiledPack, document: PositionedDocument): TestCaseResult {
  const where = document.locate([]);
  const { test, errors } = validateTest(document);
  const name =
    test?.name ??
    (typeof document.data.name === 'string' ? document.data.name : `${document.file} #${document.index + 1}`);
  const base = { name, file: document.file, line: where.line };
  if (!test)
    return {
      ...base,
      passed: false,
      // As `validate` prints them (with the hint), so the command line can tell it already showed them.
      failures: errors.map(formatDiagnostic),
    };
  const failures = test.text !== undefined ? runClassifierTest(pack, test) : runEventTest(pack, test);
  return { ...base, passed: failures.length === 0, failures };
}

export function runTests(pack: CompiledPack): TestCaseResult[] {
  return pack.tests.map((document) => runTest(pack, document));
}
