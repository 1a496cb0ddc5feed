// JSON.parse forgets where things were. To report "element 7 is not an object, line 31" we find
// where each element of a list starts with one pass that only tracks strings and nesting.
import type { Diagnostic } from '../types.ts';
import { importError, jsonErrorLocation, jsonErrorMessage } from './diagnostic.ts';

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

/** Parses the whole text; a syntax error is one diagnostic at the place JSON.parse stopped. */
export function parseJsonText(text: string, file: string): { value?: unknown; error?: Diagnostic } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    return {
      error: importError(file, where.line, `not valid JSON: ${jsonErrorMessage(error)}`, {
        column: where.column,
      }),
    };
  }
}
