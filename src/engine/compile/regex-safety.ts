// A cheap static guard against catastrophic backtracking: refuse a quantified group whose body is
// itself quantified — star height above one, `(a+)+`, `(\w*\s?)*` — or alternates between words
// where one is a prefix of another, `(a|aa)*`. The worker pool adds a time budget on top; this
// check is what keeps a pathological `re` from ever reaching an event in Node.

interface Group {
  start: number;
  quantifiedInside: boolean;
  alternatives: string[];
  current: string;
}

const QUANTIFIER = /^(?:[*+]|\{\d*,\d*\}|\{\d+\})\??/;

function isUnbounded(quantifier: string): boolean {
  if (quantifier.startsWith('*') || quantifier.startsWith('+')) return true;
  const m = /^\{(\d*),(\d*)\}/.exec(quantifier);
  return !!m && (m[2] === '' || Number(m[2]) > 1);
}

interface Atom {
  /** The single character of an unquantified literal; undefined for anything else. */
  literal?: string;
  quantified: boolean;
  /** Whether the atom could match the character. */
  matches(char: string): boolean;
}

function atomsOf(body: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    const char = body[i] as string;
    let matches: (c: string) => boolean;
    let literal: string | undefined;
    if (char === '^' || char === '$') {
      i++;
      continue;
    }
    if (char === '\\') {
      const next = body[i + 1];
      if (next === undefined) return undefined;
      i += 2;
      if (next === 'b' || next === 'B') continue;
      if ('dwsDWS'.includes(next)) {
        const cls = new RegExp(`\\${next}`);
        matches = (c) => cls.test(c);
      } else if (/[A-Za-z0-9]/.test(next)) {
        matches = () => true; // \x41, \u…, back-references, \p{…}: assume the worst
      } else {
        literal = next;
        matches = (c) => c.toLowerCase() === next.toLowerCase();
      }
    } else if (char === '[') {
      let j = i + 1;
      if (body[j] === '^') j++;
      if (body[j] === ']') j++;
      while (j < body.length && body[j] !== ']') j += body[j] === '\\' ? 2 : 1;
      let cls: RegExp | undefined;
      try {
        cls = new RegExp(body.slice(i, j + 1), 'i');
      } catch {
        cls = undefined;
      }
      matches = (c) => (cls ? cls.test(c) : true);
      i = j + 1;
    } else if (char === '(') {
      // A nested group: whatever it holds, assume it can match anything.
      let depth = 0;
      let j = i;
      for (; j < body.length; j++) {
        if (body[j] === '\\') j++;
        else if (body[j] === '(') depth++;
        else if (body[j] === ')' && --depth === 0) break;
      }
      matches = () => true;
      atoms.push({ quantified: true, matches });
      i = j + 1;
      const quantifier = QUANTIFIER.exec(body.slice(i))?.[0] ?? (body[i] === '?' ? '?' : '');
      i += quantifier.length;
      continue;
    } else if (char === '.') {
      matches = (c) => c !== '\n';
      i++;
    } else {
      literal = char;
      matches = (c) => c.toLowerCase() === char.toLowerCase();
      i++;
    }
    const quantifier = QUANTIFIER.exec(body.slice(i))?.[0] ?? (body[i] === '?' ? '?' : '');
    i += quantifier.length;
    atoms.push(quantifier ? { quantified: true, matches } : { literal, quantified: false, matches });
  }
  return atoms;
}

/**
 * A repeated group made of one repeated part and, at its start or end, a character that part
 * cannot match — `([a-z0-9-]+\.)+`, `(\\[^\\]+)+` — splits its input one way only: each
 * iteration ends (or starts) at that character, so there is no catastrophic backtracking.
 */
function hasForcedSeparator(alternatives: readonly string[]): boolean {
  if (alternatives.length !== 1) return false;
  const atoms = atomsOf(alternatives[0] as string);
  if (!atoms) return false;
  const repeated = atoms.filter((a) => a.quantified);
  if (repeated.length !== 1) return false;
  const edges = [atoms[0], atoms[atoms.length - 1]];
  return edges.some((a) => a?.literal !== undefined && !repeated.some((r) => r.matches(a.literal as string)));
}

/** Undefined when the expression looks safe; otherwise why it was refused. */
export function unsafeRegExpReason(source: string): string | undefined {
  const stack: Group[] = [{ start: 0, quantifiedInside: false, alternatives: [], current: '' }];
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    const top = stack[stack.length - 1] as Group;
    if (char === '\\') {
      top.current += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '[') {
      // A character class is one atom: skip to its closing bracket.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      top.current += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (char === '(') {
      stack.push({ start: i, quantifiedInside: false, alternatives: [], current: '' });
      i++;
      if (source[i] === '?') {
        // (?:…) (?=…) (?!…) (?<name>…) (?<=…): skip the group-kind marker.
        const marker = /^\?(?:<[A-Za-z_]\w*>|<=|<!|[:=!])/.exec(source.slice(i));
        i += marker ? marker[0].length : 1;
      }
      continue;
    }
    if (char === ')' && stack.length > 1) {
      const group = stack.pop() as Group;
      group.alternatives.push(group.current);
      const quantifier = QUANTIFIER.exec(source.slice(i + 1))?.[0] ?? (source[i + 1] === '?' ? '?' : '');
      const parent = stack[stack.length - 1] as Group;
      if (quantifier && isUnbounded(quantifier)) {
        if (group.quantifiedInside && !hasForcedSeparator(group.alternatives)) {
          return `nested quantifier "${source.slice(group.start, i + 1 + quantifier.length)}" can take exponential time (catastrophic backtracking)`;
        }
        const words = group.alternatives;
        for (const a of words) {
          for (const b of words) {
            if (a !== b && a !== '' && b.startsWith(a) && !/[\\[.]/.test(a)) {
              return `overlapping alternatives "${a}" and "${b}" under a repeat can take exponential time (catastrophic backtracking)`;
            }
          }
          if (a === '' && words.length > 1) {
            return `an empty alternative under a repeat in "${source.slice(group.start, i + 1 + quantifier.length)}" can take exponential time`;
          }
        }
      }
      if (group.quantifiedInside || (quantifier && isUnbounded(quantifier))) parent.quantifiedInside = true;
      parent.current += source.slice(group.start, i + 1 + quantifier.length);
      i += 1 + quantifier.length;
      continue;
    }
    if (char === '|') {
      top.alternatives.push(top.current);
      top.current = '';
      i++;
      continue;
    }
    const quantifier = QUANTIFIER.exec(source.slice(i))?.[0];
    if (quantifier) {
      if (isUnbounded(quantifier)) top.quantifiedInside = true;
      top.current += quantifier;
      i += quantifier.length;
      continue;
    }
    top.current += char;
    i++;
  }
  return undefined;
}
