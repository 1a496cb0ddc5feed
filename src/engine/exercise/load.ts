// Exercise YAML → a validated Exercise, or located diagnostics. Pure: text in, value out.
import { LineCounter, parseDocument } from 'yaml';
import * as v from 'valibot';
import { makeLocator } from '../load/locate.ts';
import { keysOf, schemaDiagnostics } from '../validate/schema-issues.ts';
import { diagnosticAt } from '../validate/diagnostic.ts';
import { didYouMean } from '../validate/suggest.ts';
import type { Diagnostic, LoadedDocument, Result } from '../types.ts';
import { ExerciseSchema, RoleSchema, type Exercise } from './schema.ts';

function keysAt(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return keysOf(ExerciseSchema);
  if (path[0] === 'roles' && path.length === 2) return keysOf(RoleSchema);
  if (path[0] === 'dataset') return ['seed', 'users', 'days'];
  return [];
}

export function loadExercise(
  text: string,
  file: string,
  knownScenarios?: ReadonlySet<string>,
): Result<Exercise> {
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: false });
  const locator = makeLocator(file, yamlDoc.contents, lineCounter, 0);
  if (yamlDoc.errors.length > 0) {
    return {
      ok: false,
      errors: yamlDoc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return {
          file,
          line,
          column: col,
          path: '',
          severity: 'error',
          message: error.message.split('\n')[0] ?? '',
        };
      }),
    };
  }
  const data = yamlDoc.toJS() as unknown;
  const loaded: LoadedDocument = {
    file,
    index: 0,
    kind: 'test',
    data: (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>,
    locate: (path) => locator.locate(path),
  };
  const parsed = v.safeParse(ExerciseSchema, data);
  if (!parsed.success) return { ok: false, errors: schemaDiagnostics(loaded, parsed.issues, keysAt) };
  const errors: Diagnostic[] = [];
  if (knownScenarios) {
    parsed.output.hidden_scenarios.forEach((id, index) => {
      if (!knownScenarios.has(id)) {
        const suggestion = didYouMean(id, knownScenarios);
        errors.push(
          diagnosticAt(
            loaded,
            ['hidden_scenarios', index],
            `hidden_scenarios names an unknown scenario "${id}"`,
            suggestion,
          ),
        );
      }
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: parsed.output, warnings: [] };
}
