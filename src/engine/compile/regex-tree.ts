// The regular-expression tree the backtracking guard (regex-safety.ts) reasons about: sets of code
// points for `\d`, `[a-z]`, `.` and literals, and a parser of JavaScript pattern syntax into nodes.

/** A set of code points: sorted, disjoint, non-adjacent inclusive ranges. */
export type CharSet = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;

function normalise(ranges: (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(...sets: CharSet[]): CharSet {
  return normalise(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as readonly [number, number];
    const [blo, bhi] = b[j] as readonly [number, number];
    if (alo <= bhi && blo <= ahi) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

/** Adds the other ASCII case of every letter in the set (flags are unknown: assume `i`). */
function foldCase(set: CharSet): CharSet {
  const extra: [number, number][] = [];
  for (const [lo, hi] of set) {
    for (const [from, to, shift] of [
      [0x41, 0x5a, 32],
      [0x61, 0x7a, -32],
    ] as const) {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) extra.push([a + shift, b + shift]);
    }
  }
  return extra.length ? union(set, extra) : set;
}

const char = (c: number): CharSet => [[c, c]];
export const ANY: CharSet = [[0, MAX_CODE_POINT]];
const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = normalise([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
const SPACE: CharSet = normalise([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

const propertySets = new Map<string, CharSet>();

/**
 * A Unicode property escape (`\p{L}`, `\P{N}`): exact over ASCII, asked of the engine itself, and
 * taken to match every code point above it (so never judged narrower than it is).
 */
function propertySet(escape: string): CharSet {
  let set = propertySets.get(escape);
  if (set) return set;
  try {
    const pattern = new RegExp(`^${escape}$`, 'u');
    const ranges: [number, number][] = [[0x80, MAX_CODE_POINT]];
    for (let cp = 0; cp < 0x80; cp++) if (pattern.test(String.fromCharCode(cp))) ranges.push([cp, cp]);
    set = normalise(ranges);
  } catch {
    set = ANY;
  }
  if (propertySets.size < 256) propertySets.set(escape, set);
  return set;
}

export type Node =
  | { kind: 'set'; set: CharSet; start: number; end: number }
  /** Zero-width: anchors, \b, lookarounds (their bodies are still checked). */
  | { kind: 'empty'; start: number; end: number; inner?: Node }
  /** A back-reference: could match any text. */
  | { kind: 'backref'; start: number; end: number }
  | { kind: 'seq'; items: Node[]; start: number; end: number }
  | { kind: 'alt'; alternatives: Node[]; start: number; end: number }
  | { kind: 'group'; body: Node; start: number; end: number }
  | { kind: 'repeat'; body: Node; min: number; max: number; quantifier: string; start: number; end: number };

/** Groups nested deeper than this are refused rather than walked (the walk is recursive). */
export const MAX_GROUP_DEPTH = 100;
export class TooDeep extends Error {}

/** A lenient recursive-descent parser: what it cannot read it takes as literal text. */
export class Parser {
  i = 0;
  depth = 0;
  constructor(
    readonly source: string,
    readonly fold: boolean,
    readonly dotAll: boolean,
  ) {}

  /** A sticky pattern matched at `index`, without copying the rest of the source. */
  private at(pattern: RegExp, index: number): RegExpExecArray | null {
    pattern.lastIndex = index;
    return pattern.exec(this.source);
  }

  parse(): Node {
    const node = this.disjunction();
    while (this.i < this.source.length) {
      // A stray `)`: the RegExp constructor will refuse it; read on as if it were literal.
      this.i++;
      const rest = this.disjunction();
      if (node.kind === 'alt') node.alternatives.push(rest);
    }
    return node;
  }

  private set(set: CharSet, start: number): Node {
    return { kind: 'set', set: this.fold ? foldCase(set) : set, start, end: this.i };
  }

  private disjunction(): Node {
    const start = this.i;
    const alternatives = [this.alternative()];
    while (this.source[this.i] === '|') {
      this.i++;
      alternatives.push(this.alternative());
    }
    return { kind: 'alt', alternatives, start, end: this.i };
  }

  private alternative(): Node {
    const start = this.i;
    const items: Node[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { kind: 'seq', items, start, end: this.i };
  }

  private quantified(atom: Node): Node {
    const m = this.at(/(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/y, this.i);
    if (!m) return atom;
    this.i += m[0].length;
    let min: number;
    let max: number;
    if (m[1] === '*') [min, max] = [0, Infinity];
    else if (m[1] === '+') [min, max] = [1, Infinity];
    else if (m[1] === '?') [min, max] = [0, 1];
    else {
      min = Number(m[2]);
      max = m[3] ? (m[4] ? Number(m[4]) : Infinity) : min;
    }
    return { kind: 'repeat', body: atom, min, max, quantifier: m[0], start: atom.start, end: this.i };
  }

  private atom(): Node {
    const s = this.source;
    const start = this.i;
    const c = s[this.i] as string;
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'empty', start, end: this.i };
    }
    if (c === '.') {
      this.i++;
      return this.set(
        this.dotAll
          ? ANY
          : complement(
              normalise([
                [10, 10],
                [13, 13],
                [0x2028, 0x2029],
              ]),
            ),
        start,
      );
    }
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    const cp = s.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return this.set(char(cp), start);
  }

  private group(): Node {
    const s = this.source;
    const start = this.i;
    if (++this.depth > MAX_GROUP_DEPTH) throw new TooDeep();
    this.i++;
    const marker = this.at(/\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>|[a-z]*(?:-[a-z]*)?:)?/y, this.i)?.[0] ?? '';
    this.i += marker.length;
    const body = this.disjunction();
    this.depth--;
    if (s[this.i] === ')') this.i++;
    const lookaround = /^\?<?[=!]$/.test(marker);
    if (lookaround) return { kind: 'empty', start, end: this.i, inner: body };
    return { kind: 'group', body, start, end: this.i };
  }

  /** One escape outside a class; undefined `set` means an assertion or back-reference. */
  private escape(): Node {
    const s = this.source;
    const start = this.i;
    const next = s[this.i + 1];
    if (next === undefined) {
      this.i++;
      return this.set(char(0x5c), start);
    }
    if (next === 'b' || next === 'B') {
      this.i += 2;
      return { kind: 'empty', start, end: this.i };
    }
    if (/[1-9]/.test(next)) {
      this.i += 1 + (this.at(/\d+/y, this.i + 1)?.[0].length ?? 1);
      return { kind: 'backref', start, end: this.i };
    }
    if (next === 'k' && s[this.i + 2] === '<') {
      const close = s.indexOf('>', this.i);
      this.i = close < 0 ? s.length : close + 1;
      return { kind: 'backref', start, end: this.i };
    }
    return this.set(this.escapedSet(), start);
  }

  /** The set an escape stands for, advancing past it; shared by classes and plain text. */
  private escapedSet(inClass = false): CharSet {
    const s = this.source;
    const next = s[this.i + 1] as string;
    this.i += 2;
    const cls = CLASS_ESCAPES[next];
    if (cls) return cls;
    if (next in CONTROL_ESCAPES) return char(CONTROL_ESCAPES[next] as number);
    if (inClass && next === 'b') return char(8);
    if (next === 'p' || next === 'P') {
      if (s[this.i] !== '{') return ANY;
      const close = s.indexOf('}', this.i);
      const escape = s.slice(this.i - 2, close < 0 ? s.length : close + 1);
      this.i = close < 0 ? s.length : close + 1;
      return propertySet(escape);
    }
    if (next === 'c' && /[A-Za-z]/.test(s[this.i] ?? '')) {
      this.i++;
      return char((s.charCodeAt(this.i - 1) as number) % 32);
    }
    const hex = this.at(/x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]+)\}/y, this.i - 1);
    if (hex) {
      this.i += hex[0].length - 1;
      const cp = parseInt((hex[1] ?? hex[2] ?? hex[3]) as string, 16);
      return cp <= MAX_CODE_POINT ? char(cp) : ANY;
    }
    if (/[0-9]/.test(next)) return ANY; // legacy octal escapes
    const cp = s.codePointAt(this.i - 1) as number;
    if (cp > 0xffff) this.i++;
    return char(cp);
  }

  private characterClass(): Node {
    const s = this.source;
    const start = this.i;
    this.i++;
    let negated = false;
    if (s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const parts: CharSet[] = [];
    while (this.i < s.length && s[this.i] !== ']') {
      const lo = this.classAtom();
      if (s[this.i] === '-' && s[this.i + 1] !== ']' && this.i + 1 < s.length) {
        const save = this.i;
        this.i++;
        const hi = this.classAtom();
        const a = lo.length === 1 && lo[0]?.[0] === lo[0]?.[1] ? lo[0]?.[0] : undefined;
        const b = hi.length === 1 && hi[0]?.[0] === hi[0]?.[1] ? hi[0]?.[0] : undefined;
        if (a !== undefined && b !== undefined && a <= b) {
          parts.push([[a, b]]);
          continue;
        }
        this.i = save;
      }
      parts.push(lo);
    }
    if (s[this.i] === ']') this.i++;
    const set = union(...parts);
    return this.set(negated ? complement(set) : set, start);
  }

  private classAtom(): CharSet {
    const s = this.source;
    if (s[this.i] === '\\' && this.i + 1 < s.length) return this.escapedSet(true);
    const cp = s.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return char(cp);
  }
}

/** A counted repeat with more copies than this is treated like an unbounded one (checked, merged). */
export const COUNTED_REPEAT_LIMIT = 10;
