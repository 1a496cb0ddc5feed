// DLP classifiers (sensitive information types): compile a pack's `classifier` documents once,
// then scan any text for every classifier in one shared pre-filter pass.
import type { ContentSpan, Diagnostic, LoadedDocument } from '../types.ts';
import { compileClassifierDocuments } from './compile.ts';
import { ClassifierScanner } from './scan.ts';

export interface CompiledClassifiers {
  /** Ids of the classifiers that compiled, in pack order. */
  ids: string[];
  /**
   * Every match in `text`, ordered by offset; `only` limits the scan to those classifier ids. `scope`
   * names every classifier the caller may ask about the same text (`only`'s among them): see
   * `ClassifierScanner.scan`.
   */
  scan(text: string, field: string, only?: ReadonlySet<string>, scope?: ReadonlySet<string>): ContentSpan[];
}

export function compileClassifiers(docs: LoadedDocument[]): {
  classifiers: CompiledClassifiers;
  errors: Diagnostic[];
} {
  const compiled = compileClassifierDocuments(docs);
  const scanner = new ClassifierScanner(compiled);
  return {
    classifiers: {
      ids: scanner.ids,
      scan: (text, field, only, scope) => scanner.scan(text, field, only, scope),
    },
    errors: compiled.errors,
  };
}

export { CONFIDENCE_NUMBERS, confidenceLevel } from './confidence.ts';
export { maskValue, maskSpec } from './mask.ts';
export { VALIDATORS } from './validators/index.ts';
