import * as v from 'valibot';
import type { PositionedDocument } from '../load/load-pack.ts';
import type { Diagnostic } from '../types.ts';
import { diagnosticAt } from '../validate/diagnostic.ts';
import { didYouMean } from '../validate/suggest.ts';
import { keysOf, schemaDiagnostics } from '../validate/schema-issues.ts';
import { ExpectSchema, TestSchema, type TestDocument } from './test-schema.ts';

export function validateTest(document: PositionedDocument): { test?: TestDocument; errors: Diagnostic[] } {
  const parsed = v.safeParse(TestSchema, document.data);
  if (!parsed.success) {
    const keysAt = (parent: (string | number)[]) =>
      parent[0] === 'expect' && parent.length === 1 ? keysOf(ExpectSchema) : [];
    return { errors: schemaDiagnostics(document, parsed.issues, keysAt) };
  }
  const test = parsed.output;
  if (!test.events && test.text === undefined) {
    // A misspelt `events:` is kept (tests may carry keys of their own): point at it.
    const near = Object.keys(document.data).find(
      (key) => !(key in TestSchema.entries) && didYouMean(key, ['events', 'text']) !== undefined,
    );
    return {
      errors: [
        diagnosticAt(
          document,
          near === undefined ? [] : [near],
          `test "${test.name}" needs "events:" (rules, correlations) or "text:" (classifiers)`,
          near === undefined ? undefined : `"${near}" is not read: ${didYouMean(near, ['events', 'text'])}`,
        ),
      ],
    };
  }
  // No event can make a rule fire, and no rule fires on none: the test would check nothing.
  if (test.events?.length === 0)
    return {
      errors: [
        diagnosticAt(
          document,
          ['events'],
          `test "${test.name}" has no events: add at least one event for its expectations to check`,
        ),
      ],
    };
  const problem = expectationProblem(test);
  if (problem) return { errors: [diagnosticAt(document, problem.path, problem.message)] };
  if (test.text !== undefined && !test.expect.classifiers) {
    return {
      errors: [
        diagnosticAt(
          document,
          ['expect'],
          'a test with "text:" checks classifiers: add "expect: { classifiers: … }"',
        ),
      ],
    };
  }
  return { test, errors: [] };
}

/**
 * An expectation the test would never check, or could never meet: a test must fail when its
 * author's intent is not met, not pass because that intent was not read.
 */
function expectationProblem(test: TestDocument): { path: (string | number)[]; message: string } | undefined {
  const { fire, not_fire: notFire, alerts, classifiers } = test.expect;
  const ruleChecks = fire !== undefined || notFire !== undefined || alerts !== undefined;
  if (test.events && test.text !== undefined)
    return { path: ['text'], message: `test "${test.name}" has both "events:" and "text:": write two tests` };
  if (!ruleChecks && classifiers === undefined)
    return {
      path: ['expect'],
      message: `test "${test.name}" expects nothing: add fire, not_fire, alerts or classifiers`,
    };
  // `fire: []` (or every list empty) names nothing to check, so it would pass whatever happens.
  const named =
    (fire?.length ?? 0) +
    (notFire?.length ?? 0) +
    (alerts?.length ?? 0) +
    Object.keys(classifiers ?? {}).length;
  if (named === 0) {
    const empty = (['fire', 'not_fire', 'alerts', 'classifiers'] as const).filter(
      (key) => test.expect[key] !== undefined,
    );
    return {
      path: ['expect', empty[0] ?? 'fire'],
      message: `test "${test.name}" expects nothing: ${empty.map((key) => `"${key}"`).join(', ')} ${empty.length > 1 ? 'are' : 'is'} empty; name the rules, correlations or classifiers to check`,
    };
  }
  if (test.events && classifiers !== undefined)
    return {
      path: ['expect', 'classifiers'],
      message: '"classifiers" checks a "text:" test; a test with "events:" checks fire, not_fire and alerts',
    };
  if (test.text !== undefined && ruleChecks)
    return {
      path: ['expect'],
      message: 'fire, not_fire and alerts check a test with "events:"; a "text:" test checks classifiers',
    };
  const both = (fire ?? []).find((id) => (notFire ?? []).includes(id));
  if (both !== undefined)
    return { path: ['expect', 'not_fire'], message: `"${both}" is expected both to fire and not to fire` };
  for (const [id, expected] of Object.entries(classifiers ?? {}))
    if (
      typeof expected === 'object' &&
      expected.min !== undefined &&
      expected.max !== undefined &&
      expected.min > expected.max
    )
      return {
        path: ['expect', 'classifiers', id],
        message: `"${id}" expects at least ${expected.min} and at most ${expected.max} matches, which no text can have`,
      };
  return undefined;
}

/**
 * The ids a test expects that the pack does not define (`rules`: ids, names and titles of rules and
 * correlations; `classifiers`: classifier ids), each located at its place in the test.
 */
export function unknownReferences(
  document: PositionedDocument,
  test: TestDocument,
  rules: ReadonlySet<string>,
  classifiers: ReadonlySet<string>,
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const check = (id: string, known: ReadonlySet<string>, path: (string | number)[], what: string) => {
    if (known.has(id)) return;
    const hint = didYouMean(id, known);
    errors.push(diagnosticAt(document, path, `the pack has no ${what} "${id}"`, hint));
  };
  // `rule:` says which rule the test is about (the trainer counts it as tested).
  if (test.rule !== undefined) check(test.rule, rules, ['rule'], 'rule or correlation');
  (test.expect.fire ?? []).forEach((id, i) => check(id, rules, ['expect', 'fire', i], 'rule or correlation'));
  (test.expect.not_fire ?? []).forEach((id, i) =>
    check(id, rules, ['expect', 'not_fire', i], 'rule or correlation'),
  );
  (test.expect.alerts ?? []).forEach((alert, i) =>
    check(alert.rule, rules, ['expect', 'alerts', i, 'rule'], 'rule or correlation'),
  );
  // (A classifier pack may be tested on its own; rules' tests need no classifier of the pack.)
  if (classifiers.size > 0)
    for (const id of Object.keys(test.expect.classifiers ?? {}))
      check(id, classifiers, ['expect', 'classifiers', id], 'classifier');
  return errors;
}

/**
 * Tests that share a name (a copied test not renamed, say): a FAIL line then names two tests, and
 * a report keyed by name loses one. Warnings at the later ones, naming the first.
 */
export function duplicateTestNames(tests: readonly PositionedDocument[]): Diagnostic[] {
  const first = new Map<string, PositionedDocument>();
  const warnings: Diagnostic[] = [];
  for (const document of tests) {
    const name = document.data.name;
    if (typeof name !== 'string') continue;
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, document);
      continue;
    }
    warnings.push(
      diagnosticAt(
        document,
        ['name'],
        `another test is already named "${name}" (${earlier.file}:${earlier.locate(['name']).line})`,
        'give each test its own name',
        'warning',
      ),
    );
  }
  return warnings;
}
