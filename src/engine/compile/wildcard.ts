// Sigma wildcard values (`*` any run, `?` one character, windash's one-of-a-set) matched without
// backtracking across `*`s: `*a*a*a*a*a*a*b` as one `[\s\S]*` regular expression took 42 s on
// 80 × 'a'. The value splits at its `*`s into fixed-length segments; the first is matched as a
// prefix and the last as a suffix (when no `*` or position stands before or after them), each
// middle one at its leftmost place after the previous: for fixed-length segments between `*`s,
// leftmost placement finds a match whenever one exists. Time: O(text × segment) at worst.
//
// Each segment is a small regular expression of its own (text, `[\s\S]`, a character set: no
// quantifier, nothing to backtrack into), with the flags the whole value had: case-insensitivity
// and every character's meaning are exactly the single expression's.
import type { Position } from './modifiers/modifier.ts';
import { sigmaStringToRegExpSource, type SigmaString, type SigmaToken } from './sigma-string.ts';

interface Segment {
  /** UTF-16 units it spans: a text its length, `?` and a character set one each. */
  length: number;
  /** Matches at `lastIndex` only. */
  at: RegExp;
  /** Finds the leftmost match from `lastIndex`. */
  next: RegExp;
}

function segmentOf(tokens: SigmaToken[], flags: string): Segment {
  let length = 0;
  for (const token of tokens) length += token.type === 'text' ? token.text.length : 1;
  const source = sigmaStringToRegExpSource(tokens);
  return { length, at: new RegExp(source, `${flags}y`), next: new RegExp(source, `${flags}g`) };
}

/**
 * A test of a text against a wildcard value at a position (`whole`, `startswith`: `value*`,
 * `endswith`: `*value`, `contains`: `*value*`), case-insensitive unless `cased`.
 */
export function compileWildcard(
  value: SigmaString,
  position: Position,
  cased: boolean,
): (text: string) => boolean {
  const flags = cased ? '' : 'i';
  const parts: SigmaToken[][] = [[]];
  for (const token of value) {
    if (token.type === 'anyRun') parts.push([]);
    else parts.at(-1)?.push(token);
  }
  if (parts.length === 1) {
    // No `*`: one fixed-length expression, which cannot backtrack beyond its length.
    const body = sigmaStringToRegExpSource(value);
    const source =
      position === 'whole'
        ? `^${body}$`
        : position === 'startswith'
          ? `^${body}`
          : position === 'endswith'
            ? `${body}$`
            : body;
    const regexp = new RegExp(source, flags);
    return (text) => regexp.test(text);
  }
  // A `*` at either end leaves an empty part there: the value is open on that side.
  const openStart = position === 'contains' || position === 'endswith' || parts[0]?.length === 0;
  const openEnd = position === 'contains' || position === 'startswith' || parts.at(-1)?.length === 0;
  const segments = parts.filter((part) => part.length > 0).map((part) => segmentOf(part, flags));
  if (segments.length === 0) return () => true;
  const head = openStart ? undefined : segments.shift();
  const tail = openEnd ? undefined : segments.pop();
  const middle = segments;
  let least = (head?.length ?? 0) + (tail?.length ?? 0);
  for (const segment of middle) least += segment.length;
  return (text) => {
    if (text.length < least) return false;
    let from = 0;
    let end = text.length;
    if (head) {
      head.at.lastIndex = 0;
      if (!head.at.test(text)) return false;
      from = head.length;
    }
    if (tail) {
      end -= tail.length; // not before `from`: the text is at least `least` long
      tail.at.lastIndex = end;
      if (!tail.at.test(text)) return false;
    }
    for (const segment of middle) {
      segment.next.lastIndex = from;
      const found = segment.next.exec(text);
      if (found === null || found.index + segment.length > end) return false;
      from = found.index + segment.length;
    }
    return true;
  };
}
