// JSON.parse forgets where things were. To report "element 7 is not an object, line 31" we find
// where each element of a list starts with one pass that only tracks strings and nesting.

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
