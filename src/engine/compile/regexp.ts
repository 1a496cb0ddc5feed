// Sigma's regular expressions are PCRE; JavaScript's RegExp differs in a few spellings that public
// rules use. Translate those, refuse what could hang, and report the rest as located errors.
import { mergeAdjacentRepeats } from './regex-merge.ts';
import { unsafeRegExpReason } from './regex-safety.ts';

export type RegExpResult = { ok: true; regexp: RegExp } | { ok: false; message: string };

export function compileSigmaRegExp(source: string, flags: Iterable<'i' | 'm' | 's'>): RegExpResult {
  const flagSet = new Set<string>(flags);
  let pattern = source;
  // A leading inline flag group `(?i)` / `(?is)` is PCRE's way to set flags; JavaScript rejects it.
  const inline = /^\(\?([imsx]+)\)/.exec(pattern);
  if (inline) {
    for (const flag of inline[1] ?? '') if (flag !== 'x') flagSet.add(flag);
    pattern = pattern.slice(inline[0].length);
  }
  // PCRE anchors \A, \Z and \z are JavaScript's ^ and $ (without the m flag); Python's named
  // groups (?P<name>…) and back-references (?P=name) are JavaScript's (?<name>…) and \k<name>.
  pattern = pattern
    .replace(/(^|[^\\])((?:\\\\)*)\(\?P</g, '$1$2(?<')
    .replace(/(^|[^\\])((?:\\\\)*)\(\?P=([A-Za-z_]\w*)\)/g, '$1$2\\k<$3>')
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^')
    .replace(/(^|[^\\])((?:\\\\)*)\\[Zz]/g, '$1$2$');
  const translated = translatePcreSpellings(pattern);
  if (!translated.ok) return translated;
  pattern = translated.pattern;
  // \p{…} is a Unicode property only in Unicode mode; without it JavaScript reads a literal "p".
  if (/(^|[^\\])(\\\\)*\\[pP]\{/.test(pattern)) flagSet.add('u');
  const flagText = [...flagSet].sort().join('');
  // Repeats of one character side by side (`.*.*=`, common in public rules) are written as one
  // repeat, which matches the same text in linear rather than polynomial time per start.
  pattern = mergeAdjacentRepeats(pattern, flagText);
  // A rule asks only whether a value matches, and a search finds a match anywhere: a leading or
  // trailing `.*` (`.*\s+-enc.*`, common in public rules) adds nothing but backtracking.
  pattern = withoutOuterDotStars(pattern);
  const unsafe = unsafeRegExpReason(pattern, flagText);
  if (unsafe) return { ok: false, message: `regular expression refused: ${unsafe}` };
  try {
    return { ok: true, regexp: new RegExp(pattern, flagText) };
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, message: `invalid regular expression: ${reason}` };
  }
}

/** PCRE's POSIX classes (inside brackets), as JavaScript class contents. */
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  xdigit: '0-9A-Fa-f',
  space: '\\s',
  blank: ' \\t',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};
/** PCRE's \h: horizontal white space. */
const HORIZONTAL_SPACE = '\\t \\u00a0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';

/**
 * PCRE spellings that JavaScript reads as something else without a word (`\h` as "h", `\x{41}`
 * as "x{41}", `[[:digit:]]` as a set of ":digt"), so a rule using them would silently never match:
 * `\Q…\E` quoting, `\x{…}`, `\h` and POSIX classes are translated; what cannot be is an error.
 */
export function translatePcreSpellings(
  source: string,
): { ok: true; pattern: string } | { ok: false; message: string } {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? source.length : end);
        out += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? source.length : end + 1;
        continue;
      }
      if (next === 'E') {
        i += 1;
        continue;
      }
      if (next === 'x' && source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3);
        const hex = close < 0 ? '' : source.slice(i + 3, close);
        if (!/^[0-9A-Fa-f]{1,4}$/.test(hex))
          return {
            ok: false,
            message: `invalid regular expression: \\x{${hex}} is beyond what it can spell (write \\uHHHH)`,
          };
        out += `\\u${hex.padStart(4, '0')}`;
        i = close;
        continue;
      }
      if (next === 'h') {
        out += inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
        i += 1;
        continue;
      }
      if (next === 'H') {
        if (inClass)
          return {
            ok: false,
            message:
              'invalid regular expression: \\H (not horizontal space) inside [ ] cannot be spelled in JavaScript',
          };
        out += `[^${HORIZONTAL_SPACE}]`;
        i += 1;
        continue;
      }
      out += char + next;
      i += 1;
      continue;
    }
    if (inClass && char === '[' && source[i + 1] === ':') {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(i));
      const content = posix ? POSIX_CLASSES[posix[2] as string] : undefined;
      if (posix && content !== undefined) {
        if (posix[1] === '^')
          return {
            ok: false,
            message: `invalid regular expression: the negated POSIX class [:^${posix[2]}:] cannot be spelled inside [ ] in JavaScript`,
          };
        out += content;
        i += posix[0].length - 1;
        continue;
      }
      if (posix)
        return { ok: false, message: `invalid regular expression: unknown POSIX class [:${posix[2]}:]` };
    }
    if (!inClass && char === '[') {
      inClass = true;
      out += char;
      // A ] first in a class (or after ^) is a literal.
      if (source[i + 1] === '^') {
        out += '^';
        i += 1;
      }
      if (source[i + 1] === ']') {
        out += '\\]';
        i += 1;
      }
      continue;
    }
    if (inClass && char === ']') inClass = false;
    out += char;
  }
  return { ok: true, pattern: out };
}

/**
 * `pattern` without a leading `.*` / `.*?` and a trailing `.*` / `.*?` at its top level. For a
 * search that only asks whether there is a match (a rule's `re`), `.*X` and `X.*` match exactly the
 * values `X` matches: `.*` may match nothing, and in the first alternative of `.*a|b` it is as
 * optional as before. Never applied to classifiers, whose spans are the matched text.
 */
export function withoutOuterDotStars(pattern: string): string {
  let out = pattern;
  const lead = /^\.\*\??(?![*+?{])/.exec(out);
  if (lead && out.length > lead[0].length) out = out.slice(lead[0].length);
  const trail = /\.\*\??$/.exec(out);
  if (trail && trail.index > 0 && trail.index === out.length - trail[0].length) {
    // The dot must be a real `.`: not escaped (`\.*`, an odd run of backslashes before it), not in
    // a class (`[.*]` ends with `]`, so it never reaches here), and the rest must stay a pattern.
    let slashes = 0;
    for (let at = trail.index - 1; at >= 0 && out[at] === '\\'; at--) slashes++;
    const before = out[trail.index - 1];
    if (slashes % 2 === 0 && before !== '|' && before !== '(') out = out.slice(0, trail.index);
  }
  return out;
}
