import type { SigmaString } from '../sigma-string.ts';
import { valuesAsStrings, type Modifier } from './modifier.ts';

/** The characters Windows accepts in front of a command-line flag. */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'];

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Each dash that starts a flag (after a non-word character, before a word character — pySigma's
 * `\B[-/]\b`) becomes "any of the five dashes": the same as all permutations, in one pattern.
 */
export function expandWindash(value: SigmaString): SigmaString {
  const out: SigmaString = [];
  for (const token of value) {
    if (token.type !== 'text') {
      out.push(token);
      continue;
    }
    let text = '';
    for (let i = 0; i < token.text.length; i++) {
      const char = token.text[i] as string;
      const before = token.text[i - 1];
      const after = token.text[i + 1];
      const flagStart =
        WINDASH_CHARACTERS.includes(char) && !(before && WORD.test(before)) && !!after && WORD.test(after);
      if (flagStart) {
        if (text) out.push({ type: 'text', text });
        text = '';
        out.push({ type: 'oneOf', chars: WINDASH_CHARACTERS });
      } else {
        text += char;
      }
    }
    if (text) out.push({ type: 'text', text });
  }
  return out;
}

export const windash: Modifier = {
  name: 'windash',
  summary: 'Matches a command-line flag written with -, /, or an en, em or horizontal-bar dash.',
  apply(state) {
    if (state.match !== 'value' || state.encoded)
      return '"windash" must come before encodings and cannot be combined with "re", "cidr" or comparisons';
    const error = valuesAsStrings(state, 'windash');
    if (error) return error;
    for (const group of state.groups) {
      for (const value of group) {
        if (value.type === 'string') value.value = expandWindash(value.value);
      }
    }
    return undefined;
  },
};
