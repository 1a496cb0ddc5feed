import * as v from 'valibot';
import type { PositionedDocument } from '../load/load-pack.ts';
import type { Diagnostic } from '../types.ts';
import { diagnosticAt } from '../validate/diagnostic.ts';
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
    return {
      errors: [
        diagnosticAt(
          document,
          [],
          `test "${test.name}" needs "events:" (rules, correlations) or "text:" (classifiers)`,
        ),
      ],
    };
  }
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
