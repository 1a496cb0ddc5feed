// Repeats of one character side by side (`.*.*=`, `\\d+\\d*`, `a{0,3}a{0,3}`) written as one repeat:
// the same matches, groups and spans, in linear rather than polynomial time per start. Rule and
// classifier patterns pass through `mergeAdjacentRepeats` before regex-safety.ts judges them.
import { COUNTED_REPEAT_LIMIT, Parser, TooDeep, type CharSet, type Node } from './regex-tree.ts';

type RepeatNode = Extract<Node, { kind: 'repeat' }>;

/** A character set repeated as `*`, `+`, `{n,m}`…: `.*`, `[\s\S]+?`, `a{0,30000}`. */
function isSetRepeat(node: Node | undefined): node is RepeatNode & { body: Extract<Node, { kind: 'set' }> } {
  return node?.kind === 'repeat' && node.body.kind === 'set';
}

const isLazy = (node: RepeatNode): boolean => node.quantifier.length > 1 && node.quantifier.endsWith('?');

/**
 * Atoms whose parsed set is exact (no Unicode property, no `\u`/`\x`/`\c` escape, no character
 * outside the Basic Multilingual Plane): `.`, `\d`, `[\s\S]`, `[a-z0-9_]`.
 */
const PLAIN_ATOM = /^(?:\.|\\[dDwWsS]|\[\^?(?:[^\\\][\uD800-\uDFFF]|\\[dDwWsS])*\])$/;

/**
 * The merged repeat when two repeats of the same character set, both greedy or both lazy, could
 * be written as one: `.*.*` → `.*`, `\d+\d*` → `\d+`, `a{0,30000}a{0,30000}` → `a{0,60000}`. The
 * same atom means the same spelling, or (`\d*[0-9]*`, `[\s\S]*.*` with `s`) plain atoms whose
 * sets are equal under `flags`; undefined `flags` allows the same spelling only.
 */
export function sameRepeatedAtom(source: string, a: Node, b: Node, flags?: string): string | undefined {
  if (!isSetRepeat(a) || !isSetRepeat(b) || isLazy(a) !== isLazy(b)) return undefined;
  const atom = source.slice(a.body.start, a.body.end);
  const other = source.slice(b.body.start, b.body.end);
  if (atom !== other) {
    // Under `iu` case folding reaches past what the parsed sets model (`\w` matches U+017F).
    if (flags === undefined || (flags.includes('i') && flags.includes('u'))) return undefined;
    if (!PLAIN_ATOM.test(atom) || !PLAIN_ATOM.test(other)) return undefined;
    if (!sameSet(a.body.set, b.body.set)) return undefined;
  }
  return atom + quantifierText(a.min + b.min, a.max + b.max, isLazy(a));
}

function sameSet(a: CharSet, b: CharSet): boolean {
  return a.length === b.length && a.every(([lo, hi], k) => b[k]?.[0] === lo && b[k]?.[1] === hi);
}

function quantifierText(min: number, max: number, lazy: boolean): string {
  const base =
    max === Infinity
      ? min === 0
        ? '*'
        : min === 1
          ? '+'
          : `{${min},}`
      : min === max
        ? `{${min}}`
        : min === 0 && max === 1
          ? '?'
          : `{${min},${max}}`;
  return lazy ? `${base}?` : base;
}

/** Whether a repeat is long enough to matter: unbounded, or above `COUNTED_REPEAT_LIMIT` copies. */
const isLong = (node: RepeatNode): boolean => node.max > COUNTED_REPEAT_LIMIT;

/** The text spans to replace: each run of merged repeats, with the one repeat it becomes. */
function collectMerges(source: string, node: Node, flags: string, edits: Edit[]): void {
  switch (node.kind) {
    case 'repeat':
    case 'group':
      collectMerges(source, node.body, flags, edits);
      return;
    case 'empty':
      if (node.inner) collectMerges(source, node.inner, flags, edits);
      return;
    case 'alt':
      for (const alternative of node.alternatives) collectMerges(source, alternative, flags, edits);
      return;
    case 'seq': {
      const items = node.items;
      for (let k = 0; k < items.length;) {
        const first = items[k] as Node;
        collectMerges(source, first, flags, edits);
        if (!isSetRepeat(first)) {
          k++;
          continue;
        }
        let merged: RepeatNode = first;
        let long = isLong(first);
        let j = k + 1;
        for (; j < items.length; j++) {
          const next = items[j] as Node;
          const text = sameRepeatedAtom(source, merged, next, flags);
          if (!text || !isSetRepeat(next)) break;
          long ||= isLong(next);
          merged = { ...merged, min: merged.min + next.min, max: merged.max + next.max, end: next.end };
        }
        if (j > k + 1 && long) {
          const text =
            source.slice(first.body.start, first.body.end) +
            quantifierText(merged.min, merged.max, isLazy(first));
          edits.push({ start: first.start, end: merged.end, text });
        }
        k = j;
      }
      return;
    }
    default:
      return;
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The pattern with every run of unbounded (or long) repeats of one character set side by side
 * written as one repeat: `.*.*=` → `.*=`, `[\s\S]*[\s\S]*x` → `[\s\S]*x`, `\s*\s*$` → `\s*$`,
 * `a{0,30000}a{0,30000}b` → `a{0,60000}b`, `\w+\w*` → `\w+`. Nothing else changes. Both parts
 * must be greedy (or both lazy): then the merged repeat tries the same total lengths in the same
 * order (longest first, or shortest), and as a character set holds no capture group, it matches
 * exactly the same text with the same groups, while the pair splits a run of n characters about
 * n ways at each length, so time grows a power of n faster. `flags` are the RegExp's own; a
 * pattern the RegExp constructor refuses, or one that no longer compiles once merged, is
 * returned as it was.
 */
export function mergeAdjacentRepeats(source: string, flags: string): string {
  try {
    new RegExp(source, flags);
  } catch {
    return source;
  }
  const edits: Edit[] = [];
  try {
    collectMerges(source, new Parser(source, flags.includes('i'), flags.includes('s')).parse(), flags, edits);
  } catch (error) {
    if (error instanceof TooDeep) return source;
    throw error;
  }
  if (edits.length === 0) return source;
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  try {
    new RegExp(out, flags);
    return out;
  } catch {
    return source;
  }
}
