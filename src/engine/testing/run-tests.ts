// Runs a pack's `test` documents like unit tests: each case passes or fails with expected versus
// actual, the events involved and the fields that decided (or nearly decided) the outcome.
import { ruleIdOf, type CompiledRule } from '../compile/rule.ts';
import type { CompiledCorrelation } from '../correlate/model.ts';
import { CONFIDENCE_THRESHOLDS } from '../compile/content-matcher.ts';
import { flattenRecord } from '../event/flatten.ts';
import { makeJoiner } from '../event/join.ts';
import { eventIdOf, prepareEvent, timeOf } from '../evaluate/scan-events.ts';
import type { PositionedDocument } from '../load/load-pack.ts';
import type { CompiledPack } from '../pack.ts';
import { runPack } from '../run/run-pack.ts';
import type {
  Alert,
  CatalogResource,
  DatasetContext,
  Diagnostic,
  DirectoryUser,
  EngineEvent,
} from '../types.ts';
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

/** The event's `access.decision` is the pack's access policies' (not the test's): why they decided so. */
function accessReason(event: EngineEvent, test: TestDocument): string {
  const reason = event['access.reason'];
  if (typeof reason !== 'string') return '';
  // Roles and groups come from the test's `directory:`; a user left out of it has none.
  const user = event['user.name'];
  const listed = (test.directory ?? []).some((entry) => entry.name === user);
  const unlisted =
    typeof user === 'string' && !listed
      ? `; user "${user}" is not in the test's \`directory:\`, so has no role or groups`
      : '';
  return ` (access.reason: ${reason}${unlisted})`;
}

function describeFields(
  alert: Alert,
  eventsById: ReadonlyMap<string, EngineEvent>,
  test: TestDocument,
): string {
  const event = eventsById.get(alert.events[0] ?? '');
  const fields = (alert.explanation.selections ?? []).flatMap((s) =>
    s.fields.map(
      (f) =>
        `${f.matcher} ← ${f.field}=${JSON.stringify(f.value)}${f.field === 'access.decision' && event ? accessReason(event, test) : ''}`,
    ),
  );
  return fields.length > 0 ? fields.join('; ') : (alert.explanation.summary ?? 'no detail');
}

/** The test's events as the run saw them (joined, with the access decision), by event id. */
function preparedById(
  pack: CompiledPack,
  test: TestDocument,
  events: EngineEvent[],
): Map<string, EngineEvent> {
  const join = makeJoiner(contextFor(test));
  const byId = new Map<string, EngineEvent>();
  events.forEach((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    byId.set(eventIdOf(event, `t${index + 1}`), event);
  });
  return byId;
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
          `${r.key ?? r.field ?? r.selection ?? r.kind} expects ${r.expected}, event has ${r.actual ?? '(absent)'} (${r.change})${r.field === 'access.decision' ? accessReason(event, test) : ''}`,
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
  detected: ReadonlyMap<string, Alert[]>,
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
  for (const key of correlation.rules) {
    const rule = rules.get(key);
    if (rule) {
      const hits = prepared.filter(({ event }) => ruleMatches(rule, pack, event));
      for (const hit of hits) matched.push({ ...hit, rule: key });
      counts.push(`"${key}" ${hits.length}`);
    } else {
      // A correlation over a correlation reads the inner one's detections, whether or not their
      // alerts are reported (a building block's are not).
      const alerts = detected.get(key) ?? [];
      alerts.forEach((alert, index) =>
        matched.push({
          id: `"${key}" #${index + 1}`,
          rule: key,
          event: innerOccurrence(alert, prepared, correlation.groupBy),
        }),
      );
      counts.push(`"${key}" ${alerts.length} detection(s)`);
    }
  }
  parts.push(`events matched per rule: ${counts.join(', ')}`);
  if (matched.length === 0) {
    const inner = new Map(pack.correlations.correlations.map((c) => [c.key, c]));
    const misses = correlation.rules.flatMap((key) => {
      const rule = rules.get(key);
      if (rule) return [`"${key}": ${closestMiss(rule, pack, test, events)}`];
      const nested = inner.get(key);
      return nested ? [`"${key}" (${correlationMiss(nested, pack, test, events, detected)})`] : [];
    });
    const reads = correlation.rules.some((key) => !rules.has(key))
      ? 'nothing it reads was detected'
      : "none of the test's events matches its rule(s)";
    parts.push(`${reads}${misses.length > 0 ? ` — ${misses.join('; ')}` : ''}`);
    return parts.join('; ');
  }
  // An event without a group-by field belongs to no group and cannot make an alert.
  const fieldIn = (rule: string, field: string) => correlation.aliases[field]?.[rule] ?? field;
  const grouped = new Map<string, GroupTally>();
  const lacking = new Map<string, string[]>();
  const untimed: string[] = [];
  for (const { id, rule, event } of matched) {
    // An event without a readable time has no place in a window: the run leaves it out.
    if (!Number.isFinite(timeOf(event))) {
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
    const group = grouped.get(key) ?? { events: 0, detections: 0, items: [] };
    if (rules.has(rule)) group.events++;
    else group.detections++;
    group.items.push({ rule, time: timeOf(event), event });
    grouped.set(key, group);
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
    parts.push(
      `groups: ${[...grouped].map(([key, group]) => `${key}: ${describeGroup(correlation, group, fieldIn)}`).join('; ')}`,
    );
  const condition = correlation.condition.criteria.map((c) => `${c.op} ${c.value}`).join(' and ');
  const temporal = correlation.type === 'temporal' || correlation.type === 'temporal_ordered';
  const over = temporal
    ? ` of its rules (${correlation.rules.map((r) => `"${r}"`).join(correlation.type === 'temporal' ? ', ' : ', then ')}${correlation.type === 'temporal' ? ', in any order' : ''})`
    : correlation.condition.fields.length > 0
      ? ` of ${correlation.condition.fields.join(', ')}`
      : '';
  parts.push(
    `the ${correlation.type} condition${condition ? ` is ${condition}${over}` : ''}${correlation.timespan ? ` within ${correlation.timespan}` : ''}`,
  );
  return parts.join('; ');
}

interface GroupTally {
  events: number;
  detections: number;
  items: { rule: string; time: number; event: EngineEvent }[];
}

/**
 * A group against the correlation's condition: its size, how long it spans (the window), and what
 * the condition measures: distinct values, a sum or mean, or which rules came in which order.
 */
function describeGroup(
  correlation: CompiledCorrelation,
  group: GroupTally,
  fieldIn: (rule: string, field: string) => string,
): string {
  const sizes = [
    group.events > 0 || group.detections === 0 ? `${group.events} event(s)` : '',
    group.detections > 0 ? `${group.detections} detection(s)` : '',
  ].filter(Boolean);
  const times = group.items.map((item) => item.time);
  const span = times.length > 1 ? ` over ${formatSpan(Math.max(...times) - Math.min(...times))}` : '';
  const field = correlation.condition.fields[0];
  const values = field
    ? group.items.map(({ rule, event }) => event[fieldIn(rule, field)]).filter((value) => present(value))
    : [];
  const numbers = values.map(Number).filter((n) => Number.isFinite(n));
  const sum = numbers.reduce((a, b) => a + b, 0);
  const ordered = [...group.items].sort((a, b) => a.time - b.time).map((item) => `"${item.rule}"`);
  const seen = new Set(group.items.map((item) => item.rule));
  const absent = correlation.rules.filter((rule) => !seen.has(rule)).map((rule) => `"${rule}"`);
  const measure: Partial<Record<CompiledCorrelation['type'], string>> = {
    value_count: `${new Set(values.map((v) => JSON.stringify(v))).size} distinct ${field}`,
    value_sum: `${field} sums to ${sum}`,
    value_avg: `${field} averages ${numbers.length > 0 ? Math.round((sum / numbers.length) * 100) / 100 : 0}`,
    temporal: absent.length > 0 ? `no ${absent.join(' or ')}` : '',
    temporal_ordered: `in time order: ${ordered.join(', ')}${absent.length > 0 ? ` (no ${absent.join(' or ')})` : ''}`,
  };
  const detail = measure[correlation.type];
  return `${sizes.join(', ')}${span}${detail ? `, ${detail}` : ''}`;
}

function formatSpan(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(' ') || '0s';
}

/**
 * An inner correlation's detection as the outer correlation sees it: the fields all its events
 * share (of those the outer one groups by), its group and its time.
 */
function innerOccurrence(
  alert: Alert,
  prepared: readonly { id: string; event: EngineEvent }[],
  groupBy: readonly string[],
): EngineEvent {
  const behind = prepared.filter(({ id }) => alert.events.includes(id)).map(({ event }) => event);
  const shared: EngineEvent = {};
  for (const field of groupBy) {
    const values = new Set(behind.map((event) => JSON.stringify(event[field] ?? null)));
    const first = behind[0]?.[field];
    if (values.size === 1 && first !== undefined) shared[field] = first;
  }
  return { ...shared, ...(alert.explanation.group ?? {}), '@timestamp': alert.timestamp };
}

/**
 * Every rule's and correlation's alerts as if no correlation suppressed any (all `generate: true`):
 * what a building block detected, though the run does not report it.
 */
function detectionsOf(pack: CompiledPack, events: EngineEvent[], test: TestDocument): Map<string, Alert[]> {
  const generating: CompiledPack = {
    ...pack,
    correlations: { correlations: pack.correlations.correlations.map((c) => ({ ...c, generate: true })) },
  };
  const result = runPack(generating, events, contextFor(test), { idPrefix: 't' });
  const byRule = new Map<string, Alert[]>();
  for (const alert of result.alerts) byRule.set(alert.rule, [...(byRule.get(alert.rule) ?? []), alert]);
  return byRule;
}

/** The correlations that read `id` without `generate: true`, which suppresses its own alerts. */
function suppressedBy(pack: CompiledPack, id: string): string[] {
  return pack.correlations.correlations.filter((c) => !c.generate && c.rules.includes(id)).map((c) => c.key);
}

/**
 * A rule, correlation or classifier the pack defines but could not compile (its errors leave it
 * out): why a test of it cannot pass, where it is, and its first error when the caller passed them.
 */
function notCompiled(
  pack: CompiledPack,
  id: string,
  kinds: readonly ('rule' | 'correlation' | 'classifier')[],
  errors: readonly Diagnostic[],
): string | undefined {
  const compiled = new Set([
    ...pack.rules.map((r) => r.id),
    ...pack.correlations.correlations.map((c) => c.key),
    ...pack.classifiers.ids,
  ]);
  // Known by its key (id, else name, else title) or its name, as the compiled ones are.
  const document = pack.documents.find(
    (d) =>
      (kinds as readonly string[]).includes(d.kind) &&
      !compiled.has(ruleIdOf(d.data)) &&
      (ruleIdOf(d.data) === id || d.data.name === id),
  );
  if (!document) return undefined;
  const start = document.locate([]).line;
  const next = pack.documents.find((d) => d.file === document.file && d.index === document.index + 1);
  const end = next ? next.locate([]).line : Infinity;
  const first = errors.find(
    (e) => e.severity !== 'warning' && e.file === document.file && e.line >= start && e.line < end,
  );
  return `${document.kind} "${id}" (${document.file}:${start}) has errors, so it was not compiled and no test of it can pass${first ? `: ${formatDiagnostic(first)}` : ''}`;
}

function runEventTest(pack: CompiledPack, test: TestDocument, errors: readonly Diagnostic[]): string[] {
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
  let detections: Map<string, Alert[]> | undefined;
  const detected = () => (detections ??= detectionsOf(pack, events, test));
  const unknown = (id: string) => {
    if (known.has(id) || byRule.has(id)) return false;
    const broken = notCompiled(pack, id, ['rule', 'correlation'], errors);
    if (broken) {
      failures.push(broken);
      return true;
    }
    // A title names nothing (two rules may share one), but an author may well try it.
    const titled = pack.documents.find(
      (d) => (d.kind === 'rule' || d.kind === 'correlation') && d.data.title === id,
    );
    const key = titled ? ruleIdOf(titled.data) : undefined;
    const hint =
      key !== undefined && known.has(key)
        ? `"${id}" is the title of ${titled?.kind} "${key}": name it by its id or name`
        : didYouMean(id, known);
    failures.push(`no rule or correlation has id "${id}"${hint ? ` (${hint})` : ''}`);
    return true;
  };
  if (test.rule !== undefined) unknown(resolve(test.rule));
  /** What a rule or correlation detected that the run did not report: it is a building block. */
  const suppression = (id: string) => {
    const suppressed = suppressedBy(pack, id);
    if (suppressed.length === 0) return undefined;
    const count = rules.has(id) ? (result.ruleCounts[id] ?? 0) : (detected().get(id)?.length ?? 0);
    if (count === 0) return undefined;
    const names = suppressed.map((c) => `"${c}"`).join(', ');
    return `it ${rules.has(id) ? `matched ${count} event(s)` : `fired ${count} time(s)`}, but its alerts are suppressed because correlation ${names} uses it as a building block without \`generate: true\` (set generate: true there, or expect ${names} instead)`;
  };
  for (const written of test.expect.fire ?? []) {
    const id = resolve(written);
    if (unknown(id) || byRule.has(id)) continue;
    const rule = rules.get(id);
    // It matched; its alerts are a correlation's building blocks, not missing.
    const suppressed = suppression(id);
    if (suppressed) {
      failures.push(`expected "${written}" to fire: ${suppressed}`);
      continue;
    }
    const correlation = rule ? undefined : correlations.get(id);
    const why = rule
      ? closestMiss(rule, pack, test, events)
      : correlation
        ? correlationMiss(correlation, pack, test, events, detected())
        : undefined;
    failures.push(`expected "${written}" to fire, it did not${why ? `: ${why}` : ''}`);
  }
  for (const written of test.expect.not_fire ?? []) {
    const id = resolve(written);
    if (unknown(id)) continue;
    const alerts = byRule.get(id) ?? [];
    if (alerts.length > 0) {
      failures.push(
        `expected "${written}" not to fire, it fired ${alerts.length}× on ${alerts.flatMap((a) => a.events).join(', ')}: ${describeFields(alerts[0] as Alert, preparedById(pack, test, events), test)}`,
      );
    }
  }
  for (const { rule: written, count } of test.expect.alerts ?? []) {
    const id = resolve(written);
    if (unknown(id)) continue;
    const alerts = byRule.get(id) ?? [];
    if (count === undefined ? alerts.length === 0 : alerts.length !== count) {
      const suppressed = alerts.length === 0 ? suppression(id) : undefined;
      const listed = alerts
        .slice(0, 5)
        .map((a) => `${a.timestamp} on ${a.events.join(', ')}`)
        .join('; ');
      const more = alerts.length > 5 ? `; and ${alerts.length - 5} more` : '';
      failures.push(
        `expected ${count === undefined ? 'at least 1' : count} alert(s) from "${written}", got ${alerts.length}${
          suppressed ? `: ${suppressed}` : alerts.length > 0 ? ` (${listed}${more})` : ''
        }`,
      );
    }
  }
  // A warning (events without a time, say) does not fail a test; an error (a rule that threw) does.
  for (const error of result.errors)
    if (error.severity === 'error') failures.push(`run error: ${error.message}`);
  return failures;
}

function runClassifierTest(pack: CompiledPack, test: TestDocument, errors: readonly Diagnostic[]): string[] {
  const failures: string[] = [];
  const field = test.field ?? 'content';
  const spans = pack.classifiers.scan(test.text ?? '', field);
  for (const [id, expectation] of Object.entries(test.expect.classifiers ?? {})) {
    if (!pack.classifiers.ids.includes(id)) {
      const broken = notCompiled(pack, id, ['classifier'], errors);
      if (broken) {
        failures.push(broken);
        continue;
      }
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

/** `errors`: the pack's compile errors, quoted in the failure of a test of a document that has one. */
export function runTest(
  pack: CompiledPack,
  document: PositionedDocument,
  packErrors: readonly Diagnostic[] = [],
): TestCaseResult {
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
  const failures =
    test.text !== undefined
      ? runClassifierTest(pack, test, packErrors)
      : runEventTest(pack, test, packErrors);
  return { ...base, passed: failures.length === 0, failures };
}

export function runTests(pack: CompiledPack, errors: readonly Diagnostic[] = []): TestCaseResult[] {
  return pack.tests.map((document) => runTest(pack, document, errors));
}
