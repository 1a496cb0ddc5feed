// What a primary regular expression needs to be present before it is worth running: a set of
// literals one of which every match contains, or a run of digits (separators allowed between them)
// of some length. Found by a small analysis of the pattern's source, the way RE2 and Hyperscan
// build prefilters; anything the analysis cannot prove falls back to running the regex.

export type Trigger =
  { kind: 'literals'; literals: string[] } | { kind: 'digits'; min: number } | { kind: 'always' };

export interface RegexShape {
  trigger: Trigger;
  /**
   * How far from a candidate the regex may read, in UTF-16 units: its longest possible match plus
   * its longest look-around (a look-behind reads before the match, a look-ahead after it); Infinity
   * when either is unbounded. Windows around candidates must be at least this wide.
   */
  maxLength: number;
}

/** Characters the shared digit-run pass accepts between two digits. */
export const DIGIT_SEPARATORS = ' -./';

interface Info {
  min: number;
  max: number;
  /** Every string the node can match (lower-cased), when that set is small. */
  exact: Set<string> | null;
  /** One of these substrings (lower-cased) occurs in every match. */
  required: Set<string> | null;
  /** Minimum digits when the node matches only digits and single separators; null otherwise. */
  wholeDigits: number | null;
  /** Longest run of digits every match is guaranteed to contain. */
  bestDigits: number;
}

const MAX_SET = 16;
const EMPTY: Info = { min: 0, max: 0, exact: new Set(['']), required: null, wholeDigits: 0, bestDigits: 0 };
const UNKNOWN_CHAR: Info = { min: 1, max: 1, exact: null, required: null, wholeDigits: null, bestDigits: 0 };
const DIGIT: Info = { min: 1, max: 1, exact: null, required: null, wholeDigits: 1, bestDigits: 1 };

function charInfo(chars: string[]): Info {
  const lower = [...new Set(chars.map((c) => c.toLowerCase()))];
  const digitsOnly = lower.length > 0 && lower.every((c) => c >= '0' && c <= '9');
  const separatorsOnly = lower.length > 0 && lower.every((c) => DIGIT_SEPARATORS.includes(c));
  return {
    min: 1,
    max: 1,
    exact: lower.length <= 10 ? new Set(lower) : null,
    required: null,
    wholeDigits: digitsOnly ? 1 : separatorsOnly ? 0 : null,
    bestDigits: digitsOnly ? 1 : 0,
  };
}

function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_SET) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** Longer shortest literal wins; then fewer literals. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null || a.size === 0 || [...a].some((s) => s === '')) return b;
  if (b === null || b.size === 0 || [...b].some((s) => s === '')) return a;
  const shortest = (s: Set<string>) => Math.min(...[...s].map((x) => x.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return a.size <= b.size ? a : b;
}

function sequence(items: Info[]): Info {
  let min = 0;
  let max = 0;
  let exact: Set<string> | null = new Set(['']);
  let run: Set<string> | null = new Set(['']);
  let required: Set<string> | null = null;
  let wholeDigits: number | null = 0;
  let currentDigits = 0;
  let bestDigits = 0;
  for (const item of items) {
    min += item.min;
    max += item.max;
    exact = exact && item.exact ? product(exact, item.exact) : null;
    const extended: Set<string> | null = run && item.exact ? product(run, item.exact) : null;
    if (extended) run = extended;
    else {
      required = better(required, run);
      required = better(required, item.required ?? item.exact);
      run = item.exact ? new Set(item.exact) : new Set(['']);
    }
    if (item.wholeDigits !== null) {
      currentDigits += item.wholeDigits;
      wholeDigits = wholeDigits === null ? null : wholeDigits + item.wholeDigits;
    } else {
      currentDigits = 0;
      wholeDigits = null;
    }
    bestDigits = Math.max(bestDigits, currentDigits, item.bestDigits);
  }
  required = better(required, run);
  return { min, max, exact, required, wholeDigits, bestDigits };
}

function alternation(branches: Info[]): Info {
  const exact = new Set<string>();
  const required = new Set<string>();
  let exactOk = true;
  let requiredOk = true;
  for (const branch of branches) {
    if (branch.exact && exactOk) for (const s of branch.exact) exact.add(s);
    else exactOk = false;
    const need = branch.required ?? branch.exact;
    if (need && ![...need].includes('')) for (const s of need) required.add(s);
    else requiredOk = false;
  }
  const whole = branches.map((b) => b.wholeDigits);
  return {
    min: Math.min(...branches.map((b) => b.min)),
    max: Math.max(...branches.map((b) => b.max)),
    exact: exactOk && exact.size <= MAX_SET ? exact : null,
    required: requiredOk && required.size <= MAX_SET ? required : null,
    wholeDigits: whole.every((w) => w !== null) ? Math.min(...(whole as number[])) : null,
    bestDigits: Math.min(...branches.map((b) => b.bestDigits)),
  };
}

function repeat(item: Info, min: number, max: number): Info {
  let exact: Set<string> | null = null;
  if (item.exact && max <= 8) {
    // {n,m} over a small set: the product of the set with itself, every length from n to m.
    let power: Set<string> | null = new Set(['']);
    const all = new Set<string>();
    for (let n = 1; n <= max && power; n++) {
      power = product(power, item.exact);
      if (power && n >= min) for (const s of power) all.add(s);
    }
    if (min === 0) all.add('');
    exact = power && all.size <= MAX_SET ? all : null;
  }
  const wholeDigits = item.wholeDigits === null ? null : item.wholeDigits * min;
  // A separator-only item repeated more than once could put two separators in a row.
  const continues = item.wholeDigits === 0 ? max <= 1 : true;
  return {
    min: item.min * min,
    max: max === Infinity || item.max === Infinity ? (item.max === 0 ? 0 : Infinity) : item.max * max,
    exact,
    required: min > 0 ? (item.required ?? item.exact) : null,
    wholeDigits: continues ? wholeDigits : null,
    bestDigits: min > 0 ? (item.wholeDigits !== null ? item.wholeDigits * min : item.bestDigits) : 0,
  };
}

const ESCAPE_CHARS: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

class Parser {
  private i = 0;
  /** The longest look-around body seen (its characters are read, though not matched). */
  lookaround = 0;
  constructor(private readonly source: string) {}

  parse(): Info {
    const info = this.alternation();
    return info;
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Info) : alternation(branches);
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return sequence(items);
  }

  private quantified(item: Info): Info {
    const rest = this.source.slice(this.i);
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!m) return item;
    this.i += m[0].length;
    if (m[1] === '*') return repeat(item, 0, Infinity);
    if (m[1] === '+') return repeat(item, 1, Infinity);
    if (m[1] === '?') return repeat(item, 0, 1);
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
    return repeat(item, min, max);
  }

  private atom(): Info {
    const char = this.source[this.i] as string;
    this.i++;
    switch (char) {
      case '^':
      case '$':
        return EMPTY;
      case '.':
        return UNKNOWN_CHAR;
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      default:
        return charInfo([char]);
    }
  }

  private group(): Info {
    let lookaround = false;
    if (this.source[this.i] === '?') {
      const marker = /^\?(?:<[A-Za-z_$][\w$]*>|<=|<!|[:=!])/.exec(this.source.slice(this.i));
      lookaround = !!marker && /^\?(?:<=|<!|=|!)$/.test(marker[0]);
      this.i += marker ? marker[0].length : 1;
    }
    const inner = this.alternation();
    if (this.source[this.i] === ')') this.i++;
    if (lookaround) this.lookaround = Math.max(this.lookaround, inner.max);
    return lookaround ? EMPTY : inner;
  }

  private escape(): Info {
    const char = this.source[this.i] ?? '';
    this.i++;
    if (char === 'd') return DIGIT;
    if (char === 'b' || char === 'B') return EMPTY;
    if ('DwWsS'.includes(char)) return UNKNOWN_CHAR;
    if (char === 'p' || char === 'P') {
      if (this.source[this.i] === '{') this.i = this.source.indexOf('}', this.i) + 1 || this.source.length;
      return UNKNOWN_CHAR;
    }
    if (char === 'k' || /[1-9]/.test(char)) {
      // A back-reference: length unknown, contents unknown.
      if (char === 'k' && this.source[this.i] === '<')
        this.i = this.source.indexOf('>', this.i) + 1 || this.source.length;
      while (/\d/.test(this.source[this.i] ?? '')) this.i++;
      return { min: 0, max: Infinity, exact: null, required: null, wholeDigits: null, bestDigits: 0 };
    }
    if (char === 'x' || char === 'u') {
      const hex = char === 'x' ? 2 : this.source[this.i] === '{' ? -1 : 4;
      if (hex === -1) {
        const close = this.source.indexOf('}', this.i);
        const code = parseInt(this.source.slice(this.i + 1, close), 16);
        this.i = close + 1;
        return charInfo([String.fromCodePoint(code)]);
      }
      const code = parseInt(this.source.slice(this.i, this.i + hex), 16);
      this.i += hex;
      return charInfo([String.fromCharCode(code)]);
    }
    if (char === 'c') {
      this.i++;
      return UNKNOWN_CHAR;
    }
    return charInfo([ESCAPE_CHARS[char] ?? char]);
  }

  private characterClass(): Info {
    let negated = false;
    if (this.source[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars: string[] = [];
    let enumerable = true;
    let first = true;
    while (this.i < this.source.length && (this.source[this.i] !== ']' || first)) {
      first = false;
      let char = this.source[this.i] as string;
      this.i++;
      if (char === '\\') {
        const next = this.source[this.i] ?? '';
        this.i++;
        if (next === 'd') {
          for (let d = 0; d <= 9; d++) chars.push(String(d));
          continue;
        }
        if ('DwWsSpPu x'.includes(next) || next === 'c') {
          enumerable = false;
          if ((next === 'p' || next === 'P') && this.source[this.i] === '{')
            this.i = this.source.indexOf('}', this.i) + 1;
          continue;
        }
        char = ESCAPE_CHARS[next] ?? (next === 'b' ? '\b' : next);
      }
      if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']' && this.i + 1 < this.source.length) {
        let end = this.source[this.i + 1] as string;
        this.i += 2;
        if (end === '\\') {
          end = ESCAPE_CHARS[this.source[this.i] ?? ''] ?? this.source[this.i] ?? '';
          this.i++;
        }
        const from = char.charCodeAt(0);
        const to = end.charCodeAt(0);
        if (to - from > 64) enumerable = false;
        else for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
        continue;
      }
      chars.push(char);
    }
    this.i++;
    if (negated || !enumerable) return UNKNOWN_CHAR;
    return charInfo(chars);
  }
}

/** A literal set is a good trigger when its literals are rare: three characters or punctuation. */
function usefulLiterals(set: Set<string> | null): string[] | null {
  if (set === null || set.size === 0) return null;
  const literals = [...set];
  if (literals.some((s) => s === '')) return null;
  const rare = literals.every((s) => s.length >= 3 || /[^\p{L}\p{N}\s]/u.test(s));
  return rare ? literals : null;
}

export function analyseRegex(source: string): RegexShape {
  let info: Info;
  let lookaround: number;
  try {
    const parser = new Parser(source);
    info = parser.parse();
    lookaround = parser.lookaround;
  } catch {
    return { trigger: { kind: 'always' }, maxLength: Infinity };
  }
  const literals = usefulLiterals(info.required ?? info.exact);
  const shortest = literals ? Math.min(...literals.map((s) => s.length)) : 0;
  let trigger: Trigger = { kind: 'always' };
  if (literals && (shortest >= 3 || info.bestDigits < 4)) trigger = { kind: 'literals', literals };
  else if (info.bestDigits >= 2) trigger = { kind: 'digits', min: info.bestDigits };
  else if (literals) trigger = { kind: 'literals', literals };
  return { trigger, maxLength: info.max + lookaround };
}

/** Whether a regex uses ^ or $ outside a character class (then windows must follow lines). */
export function hasAnchors(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (char === '^' || char === '$') return true;
  }
  return false;
}
