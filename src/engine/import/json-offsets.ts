// JSON.parse forgets where things were. To report "element 7 is not an object, line 31" we find
// where each element of a list starts with one pass that only tracks strings and nesting.
import type { Diagnostic } from '../types.ts';
import { importError, jsonErrorLocation, jsonErrorMessage, lineAndColumn } from './diagnostic.ts';
import { jsonSyntaxErrorOffset } from './json-syntax.ts';

/**
 * Character offsets where each element of the list at `listStart` (the offset of its `[`) begins.
 * Returns [] if `listStart` is not a `[`.
 */
export function listElementOffsets(text: string, listStart: number): number[] {
  if (text[listStart] !== '[') return [];
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectingElement = true;
  for (let i = listStart + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 0) {
      if (c === 93 /* ] */) break;
      if (c === 44 /* , */) {
        expectingElement = true;
        continue;
      }
      if (expectingElement) {
        offsets.push(i);
        expectingElement = false;
      }
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) depth--;
  }
  return offsets;
}

/** Offset of the `[` that opens the value of top-level key `key` of an object text, or -1. */
export function topLevelKeyListOffset(text: string, key: string): number {
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      stringStart = i;
    } else if (c === 123 || c === 91) {
      if (c === 91 && depth === 1 && lastString === key) return i;
      depth++;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44) lastString = '';
  }
  return -1;
}

/**
 * 1-based line and column of each of `offsets` (ascending), in one pass over the text. `firstLine`
 * is the line `text` starts on in its file (a line of an NDJSON file).
 */
export function placesOf(
  text: string,
  offsets: readonly number[],
  firstLine = 1,
): { line: number; column: number }[] {
  const places: { line: number; column: number }[] = [];
  let line = firstLine;
  let lineStart = 0;
  let at = 0;
  for (const offset of offsets) {
    const end = Math.min(Math.max(offset, at), text.length);
    for (; at < end; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    places.push({ line, column: Math.min(offset, text.length) - lineStart + 1 });
  }
  return places;
}

/**
 * Parses the whole text. A syntax error is one diagnostic, at the place the text breaks, saying
 * that nothing of the file was read, and naming the two common causes plainly: a trailing comma,
 * and a file that ends before its document does (an export cut short).
 */
export function parseJsonText(
  text: string,
  file: string,
  options: { events?: boolean } = {},
): { value?: unknown; error?: Diagnostic } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { error: jsonDocumentError(text, file, error, options.events === true) };
  }
}

/** The diagnostic for a JSON document that does not parse (see `parseJsonText`). */
export function jsonDocumentError(text: string, file: string, error: unknown, events = false): Diagnostic {
  const offset = jsonSyntaxErrorOffset(text);
  const end = text.trimEnd().length;
  const start = text.search(/\S/);
  const list = start >= 0 && text[start] === '[' ? listElementOffsets(text, start).length : 0;
  const lost =
    list > 0
      ? `none of the file was read (0 of its ${list} list item${list === 1 ? '' : 's'})`
      : `none of the file was read${events ? ' (0 events)' : ''}`;
  let where = jsonErrorLocation(text, error);
  let problem = jsonErrorMessage(error);
  let suggestion: string | undefined;
  if (offset >= 0 && offset >= end) {
    // Inside a string or a list when the text runs out (a trailing line break is no help).
    where = lineAndColumn(text, Math.max(0, end - 1));
    problem = 'the file ends before the document does (cut short?)';
    suggestion = 'export or copy the file again in full; the last item is incomplete';
  } else if (offset >= 0 && (text[offset] === '}' || text[offset] === ']')) {
    let before = offset - 1;
    while (before >= 0 && /\s/.test(text[before] as string)) before--;
    if (text[before] === ',') {
      where = lineAndColumn(text, before);
      problem = `a trailing comma before "${text[offset]}"`;
      suggestion = `remove the comma: JSON allows none after the last item of a list or object`;
    }
  }
  return importError(
    file,
    where.line,
    `not valid JSON at line ${where.line}, column ${where.column}: ${problem}; ${lost}`,
    suggestion === undefined ? { column: where.column } : { column: where.column, suggestion },
  );
}
