// Sigma's regular expressions are PCRE; JavaScript's RegExp differs in a few spellings that public
// rules use. Translate those, refuse what could hang, and report the rest as located errors.
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
  const unsafe = unsafeRegExpReason(pattern, [...flagSet].join(''));
  if (unsafe) return { ok: false, message: `regular expression refused: ${unsafe}` };
  try {
    return { ok: true, regexp: new RegExp(pattern, [...flagSet].sort().join('')) };
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, message: `invalid regular expression: ${reason}` };
  }
}
