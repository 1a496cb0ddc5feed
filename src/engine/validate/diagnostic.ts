// Every problem becomes a Diagnostic located in the user's file: one constructor, so no error
// anywhere in the engine can forget its file, line, column or path.
import type { Diagnostic, LoadedDocument } from '../types.ts';

export type DocumentPath = readonly (string | number)[];

export function diagnosticAt(
  document: LoadedDocument,
  path: DocumentPath,
  message: string,
  suggestion?: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  const location = document.locate(path);
  const diagnostic: Diagnostic = { ...location, severity, message };
  if (suggestion !== undefined) diagnostic.suggestion = suggestion;
  return diagnostic;
}

/** `detection.selection.Image|endswith` — the path as users read it. */
export function formatPath(path: DocumentPath): string {
  return path
    .map((step) => (typeof step === 'number' ? `[${step}]` : step))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** One line, as compilers print it: `file:line:col: message (suggestion)`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const kind = diagnostic.severity === 'warning' ? 'warning: ' : '';
  const hint = diagnostic.suggestion ? ` (${diagnostic.suggestion})` : '';
  return `${where}: ${kind}${diagnostic.message}${hint}`;
}
