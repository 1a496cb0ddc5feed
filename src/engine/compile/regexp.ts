// Sigma's regular expressions are PCRE; JavaScript's RegExp differs in a few spellings that public
// rules use. Translate those, refuse what could hang, and report the rest as located errors.
import { mergeAdjacentRepeats } from './regex-merge.ts';
import { unsafeRegExpReason } from './regex-safety.ts';
import { Parser, TooDeep, type Node } from './regex-tree.ts';

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
  // Python's named groups (?P<name>…) and back-references (?P=name) are JavaScript's (?<name>…)
  // and \k<name>.
  pattern = pattern
    .replace(/(^|[^\\])((?:\\\\)*)\(\?P</g, '$1$2(?<')
    .replace(/(^|[^\\])((?:\\\\)*)\(\?P=([A-Za-z_]\w*)\)/g, '$1$2\\k<$3>');
  // PCRE's line breaks are `\n` alone (`.`, `^` and `$` under `m`), JavaScript's also `\r`, U+2028
  // and U+2029: `.`, `^`, `$` (and `\A`, `\Z`, `\z`) are spelled out, and JavaScript's own `m` flag
  // is never set.
  const translated = translatePcreSpellings(pattern, {
    dotAll: flagSet.has('s'),
    multiline: flagSet.has('m'),
  });
  if (!translated.ok) return translated;
  pattern = translated.pattern;
  flagSet.delete('m');
  // \p{…} is a Unicode property only in Unicode mode; without it JavaScript reads a literal "p".
  if (/(^|[^\\])(\\\\)*\\[pP]\{/.test(pattern)) flagSet.add('u');
  const flagText = [...flagSet].sort().join('');
  // Repeats of one character side by side (`.*.*=`, common in public rules) are written as one
  // repeat, which matches the same text in linear rather than polynomial time per start.
  pattern = mergeAdjacentRepeats(pattern, flagText);
  // A rule asks only whether a value matches, and a search finds a match anywhere: a leading or
  // trailing `.*` (`.*\s+-enc.*`, common in public rules) adds nothing but backtracking.
  pattern = withoutOuterDotStars(pattern, flagText);
  const unsafe = unsafeRegExpReason(pattern, flagText);
  if (unsafe) return { ok: false, message: `regular expression refused: ${unsafe}` };
  try {
    const regexp = new RegExp(pattern, flagText);
    // JavaScript compiles an expression when it first runs: one too long or too nested for its
    // stack ("Stack overflow") would otherwise fail the rule while matching, not here with its place.
    regexp.test('');
    return { ok: true, regexp };
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, message: `invalid regular expression: ${shortened(reason, pattern)}` };
  }
}

/** The engine's reason in the user's words, with a long expression it quotes cut short (it may be 100 KB). */
function shortened(reason: string, pattern: string): string {
  const said = reason.replace(/: Stack overflow$/, ': too long or nested too deeply to compile');
  if (pattern.length <= 200) return said;
  return said.replace(pattern, `${pattern.slice(0, 60)}… (${pattern.length} characters)`);
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

/** PCRE's line-break rules (`\n` alone ends a line), for `translatePcreSpellings`. */
export interface PcreLineBreaks {
  /** The `s` flag: `.` matches every character (JavaScript's `s` flag must then be set too). */
  dotAll: boolean;
  /** The `m` flag: `^` and `$` match at every `\n` (JavaScript's `m` flag must not be set). */
  multiline: boolean;
}

/** PCRE's `.` without `s`: any character but `\n` (JavaScript's also leaves out `\r`, U+2028, U+2029). */
const PCRE_DOT = '[^\\n]';
/** PCRE's `$` without `m`, and `\Z`: the end of the text, or before a `\n` that ends it. */
const PCRE_END = '(?=\\n?$)';
/** PCRE's `^` under `m`: the start of the text, or after a `\n`. */
const PCRE_LINE_START = '(?<![^\\n])';
/** PCRE's `$` under `m`: the end of the text, or before a `\n`. */
const PCRE_LINE_END = '(?![^\\n])';

/**
 * PCRE spellings that JavaScript reads as something else without a word (`\h` as "h", `\x{41}`
 * as "x{41}", `[[:digit:]]` as a set of ":digt"), so a rule using them would silently never match:
 * `\Q…\E` quoting, `\x{…}`, `\h` and POSIX classes are translated; what cannot be is an error.
 * With `lineBreaks`, what PCRE reads differently at line breaks is translated too, outside
 * character classes: `.` (unless `dotAll`), `^`, `$`, `\A` (`^`), `\z` (`$`) and `\Z`, for a
 * RegExp compiled without JavaScript's `m` flag (whose `^` and `$` are then the text's ends).
 */
export function translatePcreSpellings(
  source: string,
  lineBreaks?: PcreLineBreaks,
): { ok: true; pattern: string } | { ok: false; message: string } {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (lineBreaks && !inClass) {
      if (char === '.') {
        out += lineBreaks.dotAll ? '.' : PCRE_DOT;
        continue;
      }
      if (char === '^') {
        out += lineBreaks.multiline ? PCRE_LINE_START : '^';
        continue;
      }
      if (char === '$') {
        out += lineBreaks.multiline ? PCRE_LINE_END : PCRE_END;
        continue;
      }
      // A group's name (`(?<a$b>`, as JavaScript allows) and a back-reference's (`\k<…>`) are names.
      const named =
        (char === '(' &&
          source[i + 1] === '?' &&
          source[i + 2] === '<' &&
          !/[=!]/.test(source[i + 3] ?? '')) ||
        (char === '\\' && source[i + 1] === 'k' && source[i + 2] === '<');
      const close = named ? source.indexOf('>', i + 3) : -1;
      if (close >= 0) {
        out += source.slice(i, close + 1);
        i = close;
        continue;
      }
      if (char === '\\') {
        const anchor = source[i + 1];
        if (anchor === 'A' || anchor === 'z' || anchor === 'Z') {
          out += anchor === 'A' ? '^' : anchor === 'z' ? '$' : PCRE_END;
          i += 1;
          continue;
        }
      }
    }
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
 * `pattern` without a leading `.*` / `.*?` and a trailing `.*` / `.*?` at its top level (the dot
 * spelled `.` or, as PCRE's dot is translated, `[^\n]`). For a search that only asks whether there
 * is a match (a rule's `re`), `.*X` and `X.*` match exactly the values `X` matches: `.*` may match
 * nothing, and in the first alternative of `.*a|b` it is as optional as before. The repeats are
 * found on the parsed pattern, so an escaped dot (`\.*`) or the end of a longer class
 * (`[a[^\n]*`) is never taken for one. Never applied to classifiers, whose spans are the matched text.
 */
export function withoutOuterDotStars(pattern: string, flags = ''): string {
  const lead = outerDotStar(pattern, flags, 'lead');
  const out = lead ? pattern.slice(lead.end) : pattern;
  const trail = outerDotStar(out, flags, 'trail');
  return trail ? out.slice(0, trail.start) : out;
}

/** The top-level `.*` a pattern starts (or ends) with, when something else is left without it. */
function outerDotStar(pattern: string, flags: string, end: 'lead' | 'trail'): Node | undefined {
  let tree: Node;
  try {
    tree = new Parser(pattern, false, flags.includes('s')).parse();
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
  // A stray `)` leaves the parse short of the end: such a pattern is left to the RegExp constructor.
  if (tree.kind !== 'alt' || tree.end !== pattern.length) return undefined;
  const alternative = tree.alternatives[end === 'lead' ? 0 : tree.alternatives.length - 1];
  if (alternative?.kind !== 'seq') return undefined;
  const item = alternative.items[end === 'lead' ? 0 : alternative.items.length - 1];
  if (item?.kind !== 'repeat' || item.body.kind !== 'set') return undefined;
  if (item.quantifier !== '*' && item.quantifier !== '*?') return undefined;
  const atom = pattern.slice(item.body.start, item.body.end);
  if (atom !== '.' && atom !== '[^\\n]') return undefined;
  if (end === 'lead') {
    // Something must be left, and no second quantifier follow (`.**` stays invalid).
    if (item.end >= pattern.length || /[*+?{]/.test(pattern[item.end] as string)) return undefined;
  } else if (alternative.items.length < 2) {
    // Not the whole of the last alternative: `a|.*` is not `a|`.
    return undefined;
  }
  return item;
}
