import type { Diagnostic } from '../types.ts';
import { jsonSyntaxErrorOffset } from './json-syntax.ts';

/** A row or file an importer could not use: it names the file and the 1-based line so the user can fix it. */
export function importError(
  file: string,
  line: number,
  message: string,
  extra: { column?: number; path?: string; suggestion?: string; severity?: 'error' | 'warning' } = {},
): Diagnostic {
  const diagnostic: Diagnostic = {
    file,
    line,
    column: extra.column ?? 1,
    path: extra.path ?? '',
    severity: extra.severity ?? 'error',
    message,
  };
  if (extra.suggestion !== undefined) diagnostic.suggestion = extra.suggestion;
  return diagnostic;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Where `JSON.parse` gave up. V8 names a position ("at position 17" or "(line 2 column 5)");
 * without one the error sits at the start of the text.
 */
export function jsonErrorLocation(text: string, error: unknown): { line: number; column: number } {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  const offset = jsonSyntaxErrorOffset(text);
  return offset < 0 ? { line: 1, column: 1 } : lineAndColumn(text, offset);
}

export function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Drop V8's echo of the input ("…"is not valid JSON", a long one cut as "…"...) so a long line
  // does not flood the report.
  // Drop its place too ("at position 8" in Node, "(line 1 column 89)" in Chromium): it counts in the
  // text parsed, one line of a file, while the diagnostic's own line and column count in the file.
  return message
    .replace(/, "[\s\S]*"(?:\.\.\.)? is not valid JSON$/, ' is not valid JSON')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ (?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
