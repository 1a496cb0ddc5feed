// A cheap static guard against catastrophic backtracking. The pattern is parsed into a small tree
// whose characters are sets of code points (`\d`, `[a-z]`, `.`, a literal), and every repeated
// group is checked:
// - a group repeated without bound (or by a counted repeat with a large bound) whose body can
//   split the same text in more than one way — `(a|aa)+`, `(\d|\d\d)+`, `(\w|\d)*`, `(\d{1,3})+` —
//   can take exponential time;
// - a group whose body itself holds an unbounded repeat — star height above one, `(a+)+`,
//   `(\w*\s?)*` — can too, unless each copy is cut at a character the inner repeat cannot match,
//   `([a-z0-9-]+\.)+`;
// - the same shape under a large counted repeat, `(.*a){20}`, takes time polynomial of that
//   degree, which is as good as forever on a long line.
// Every sequence is checked too: three or more unbounded (or long) repeats side by side that can
// all match one character, with nothing required between them that they cannot match —
// `\d+[ -]?\d+[ -]?\d+`, `\d*\d*\d*x` — split a run of it polynomially many ways; so do two with
// only optional items between them (`\w*\d*=`, `.*\s*x`). Two repeats of one same character side
// by side (`.*.*=`) are better merged than refused: `mergeAdjacentRepeats` (regex-merge.ts) writes them as one.
// Flags are not known here, so the check assumes the worst: case-insensitive, and `.` matching
// line breaks. The worker pool adds a time budget on top; this check is what keeps a pathological
// `re` from ever reaching an event in Node.
import {
  MAX_CODE_POINT,
  union,
  complement,
  intersects,
  ANY,
  MAX_GROUP_DEPTH,
  TooDeep,
  Parser,
  COUNTED_REPEAT_LIMIT,
  type CharSet,
  type Node,
} from './regex-tree.ts';
import { sameRepeatedAtom } from './regex-merge.ts';

/** Each way a node can match, as a fixed sequence of character sets. */
type Shape = readonly CharSet[];
const MAX_SHAPES = 128;
const MAX_SHAPE_LENGTH = 256;

/** The shapes of a node, or undefined when it has none that are few and finite. */
function shapesOf(node: Node): Shape[] | undefined {
  switch (node.kind) {
    case 'set':
      return [[node.set]];
    case 'empty':
      return [[]];
    case 'backref':
      return undefined;
    case 'group':
      return shapesOf(node.body);
    case 'alt': {
      const out: Shape[] = [];
      for (const alternative of node.alternatives) {
        const shapes = shapesOf(alternative);
        if (!shapes || out.length + shapes.length > MAX_SHAPES) return undefined;
        for (const item of shapes) out.push(item);
      }
      return out;
    }
    case 'seq': {
      let out: Shape[] = [[]];
      for (const item of node.items) {
        const shapes = shapesOf(item);
        if (!shapes) return undefined;
        const next = concat(out, shapes);
        if (!next) return undefined;
        out = next;
      }
      return out;
    }
    case 'repeat': {
      if (node.max === Infinity || node.max > MAX_SHAPE_LENGTH) return undefined;
      const body = shapesOf(node.body);
      if (!body) return undefined;
      let copies: Shape[] | undefined = [[]];
      const out: Shape[] = [];
      for (let k = 0; k <= node.max; k++) {
        if (k >= node.min) {
          if (out.length + copies.length > MAX_SHAPES) return undefined;
          for (const item of copies) out.push(item);
        }
        if (k < node.max) copies = concat(copies, body);
        if (!copies) return undefined;
      }
      return out;
    }
  }
}

function concat(a: Shape[], b: Shape[]): Shape[] | undefined {
  if (a.length * b.length > MAX_SHAPES) return undefined;
  const out: Shape[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.length + y.length > MAX_SHAPE_LENGTH) return undefined;
      out.push([...x, ...y]);
    }
  }
  return out;
}

/** Whether some text matched by the shorter shape is a prefix of (or equal to) text the longer matches. */
function prefixOverlap(a: Shape, b: Shape): boolean {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (!intersects(a[k] as CharSet, b[k] as CharSet)) return false;
  return true;
}

function charsOf(node: Node): CharSet {
  switch (node.kind) {
    case 'set':
      return node.set;
    case 'empty':
      return [];
    case 'backref':
      return ANY;
    case 'group':
    case 'repeat':
      return charsOf(node.body);
    case 'alt':
      return union(...node.alternatives.map(charsOf));
    case 'seq':
      return union(...node.items.map(charsOf));
  }
}

/** The items of a body matched one after another: groups of one alternative are opened up. */
function sequenceOf(node: Node): Node[] {
  if (node.kind === 'group') return sequenceOf(node.body);
  if (node.kind === 'alt' && node.alternatives.length === 1) return sequenceOf(node.alternatives[0] as Node);
  if (node.kind === 'seq') return node.items.flatMap(sequenceOf).filter((n) => n.kind !== 'empty');
  return [node];
}

/**
 * A repeated body made of one repeated part and, at its start or end, a character that part
 * cannot match — `([a-z0-9-]+\.)+`, `(\\[^\\]+)+` — splits its input one way only: each copy
 * ends (or starts) at that character, so there is no catastrophic backtracking. Everything else
 * in the body must match in exactly one shape.
 */
function hasForcedSeparator(body: Node): boolean {
  const items = sequenceOf(body);
  const variable = items.filter((item) => shapesOf(item)?.length !== 1);
  if (variable.length !== 1) return false;
  const repeated = variable[0] as Node;
  if (repeated.kind !== 'repeat' || shapesOf(repeated.body)?.length !== 1) return false;
  const chars = charsOf(repeated);
  return [items[0], items[items.length - 1]].some(
    (edge) => edge !== repeated && edge?.kind === 'set' && !intersects(edge.set, chars),
  );
}

function loopReason(source: string, node: Extract<Node, { kind: 'repeat' }>): string | undefined {
  const unbounded = node.max === Infinity;
  const counted = node.max > COUNTED_REPEAT_LIMIT;
  // `{n,m}` with m > 1 was always checked as a loop; a bare `{n}` only when n is large.
  const ranged = node.quantifier.includes(',') && node.max > 1;
  if (!unbounded && !counted && !ranged) return undefined;
  if (node.body.kind === 'set') return undefined;
  const text = `"${source.slice(node.start, node.end)}"`;
  const q = `\`${node.quantifier}\``;
  const cost = unbounded
    ? 'can take exponential time (catastrophic backtracking)'
    : `can take time polynomial of degree ${node.max} (catastrophic backtracking)`;

  const shapes = labelledShapes(source, node.body);
  if (!shapes) {
    if (hasForcedSeparator(node.body)) return undefined;
    return `nested quantifier ${text} (a repeat inside a repeated group, with no character between copies that the inner repeat cannot match) ${cost}`;
  }
  for (let x = 0; x < shapes.length; x++) {
    for (let y = x + 1; y < shapes.length; y++) {
      const a = shapes[x] as LabelledShape;
      const b = shapes[y] as LabelledShape;
      if (!prefixOverlap(a.shape, b.shape)) continue;
      const empty = a.shape.length === 0 ? a : b.shape.length === 0 ? b : undefined;
      if (empty) {
        return empty.label === ''
          ? `an empty alternative under ${q} in ${text} ${cost}`
          : `\`${empty.label}\` can match empty text under ${q} in ${text}, which ${cost}`;
      }
      if (a.label === b.label && a.index === b.index) {
        return `\`${a.label}\` can split the same text more than one way under ${q} in ${text}, which ${cost}`;
      }
      return `alternatives \`${a.label}\` and \`${b.label}\` can match the same text under ${q} in ${text}, which ${cost}`;
    }
  }
  return undefined;
}

interface LabelledShape {
  shape: Shape;
  label: string;
  index: number;
}

/** The shapes of a repeated body, each labelled with the top-level alternative it comes from. */
function labelledShapes(source: string, body: Node): LabelledShape[] | undefined {
  let node = body;
  while (node.kind === 'group') node = node.body;
  const alternatives = node.kind === 'alt' ? node.alternatives : [node];
  const out: LabelledShape[] = [];
  for (const [index, alternative] of alternatives.entries()) {
    const shapes = shapesOf(alternative);
    if (!shapes || out.length + shapes.length > MAX_SHAPES) return undefined;
    const label = source.slice(alternative.start, alternative.end);
    for (const shape of shapes) out.push({ shape, label, index });
  }
  return out;
}

/**
 * This many repeats in a row that can share one character (see `chainReason`) are refused, even
 * through required characters they can all match. Timed in Node 20 on digits followed by one
 * character that fails the match (`\d+…\d+x` on `1…1!`): two repeats (`\d+\d+x`, cubic overall)
 * take 0.35 s on 1 KB and 11 s on 3 KB; three (`\d+\d+\d+x`, quartic) 0.8 s on 200 characters and
 * over 10 s on 400; four 1.5 s on 100. Two are refused only with nothing but optional items between
 * them (`pairReason`): a required character both can match (`.*&&.*`, two SigmaHQ rules) makes
 * only runs that hold it split, which real text rarely has many of.
 */
const ADJACENT_REPEAT_LIMIT = 3;

/** What `chainReason` makes of one item of a sequence. */
type ChainItem =
  /** An unbounded (or large counted) repeat of one character set: a link of a chain. */
  | { kind: 'repeat'; set: CharSet; node: Node; optional: boolean }
  /** One character, always there: continues a chain only through what it can match. */
  | { kind: 'char'; set: CharSet }
  /** Can match empty text (`?`, `*` of a group, `{0,n}`), or zero-width (`\b`, `^`, lookarounds). */
  | { kind: 'optional' }
  /** Anything else: a chain cannot be followed through it. */
  | { kind: 'other' };

/** The items of a sequence, with groups of one alternative opened up, each classified for chains. */
function chainItems(node: Node): ChainItem[] {
  if (node.kind === 'group') return chainItems(node.body);
  if (node.kind === 'alt' && node.alternatives.length === 1) return chainItems(node.alternatives[0] as Node);
  if (node.kind === 'seq') return node.items.flatMap(chainItems);
  if (node.kind === 'empty') return [{ kind: 'optional' }];
  if (node.kind === 'repeat') {
    const body = shapesOf(node.body);
    const single = body !== undefined && body.length > 0 && body.every((shape) => shape.length === 1);
    if (single && (node.max === Infinity || node.max > COUNTED_REPEAT_LIMIT)) {
      const set = union(...body.map((shape) => shape[0] as CharSet));
      return [{ kind: 'repeat', set, node, optional: node.min === 0 }];
    }
    if (single && node.min <= MAX_SHAPE_LENGTH) {
      // `\d{2,4}`: two characters, then some that may be there or not.
      const set = union(...body.map((shape) => shape[0] as CharSet));
      const required: ChainItem[] = Array.from({ length: node.min }, () => ({ kind: 'char', set }));
      return node.max > node.min ? [...required, { kind: 'optional' }] : required;
    }
    if (node.min === 0) return [{ kind: 'optional' }];
    return [{ kind: 'other' }];
  }
  const shapes = shapesOf(node);
  if (shapes?.some((shape) => shape.length === 0)) return [{ kind: 'optional' }];
  if (shapes && shapes.length > 0 && shapes.every((shape) => shape.length === 1)) {
    return [{ kind: 'char', set: union(...shapes.map((shape) => shape[0] as CharSet)) }];
  }
  return [{ kind: 'other' }];
}

/**
 * Unbounded repeats side by side that can all match one character `c`, with nothing between them
 * but optional items or characters that can be `c` too — `\d+[ -]?\d+[ -]?\d+`, `\d*\d*\d*x`,
 * `.*a.*a.*` — split a run of `c` in about n^(k-1) ways at each of n start positions: on a run
 * the rest of the pattern then fails on, time grows as n^k. A chain ending the pattern, followed
 * only by characters every such `c` matches, is let through: the run itself then matches, fast.
 */
function chainReason(source: string, node: Node, atEnd: boolean, pass: Pass): string | undefined {
  const items = chainItems(node);
  for (let start = 0; start < items.length; start++) {
    const first = items[start] as ChainItem;
    if (first.kind !== 'repeat') continue;
    let shared = first.set;
    const links = [first.node];
    let last = start;
    let pump = shared;
    for (let k = start + 1; k < items.length; k++) {
      const item = items[k] as ChainItem;
      if (item.kind === 'other') break;
      if (item.kind === 'optional') continue;
      const narrowed = intersection(shared, item.set);
      if (narrowed.length === 0) {
        // `\s*` between `\w+` and `\w+`: a repeat that can match nothing is stepped over.
        if (item.kind === 'repeat' && item.optional) continue;
        break;
      }
      shared = narrowed;
      if (item.kind === 'repeat') {
        links.push(item.node);
        last = k;
        pump = shared;
      }
    }
    if (links.length < ADJACENT_REPEAT_LIMIT) continue;
    const tail = atEnd ? tailSet(items, last) : undefined;
    if (!tail || !subsetOf(pump, tail)) return chainMessage(source, links, pump);
    // The chain runs to the end of the pattern, and a run of what it shares matches (`\+.*\+.*\+.*\+`).
    // A chain from a later link ends at the same place and shares more: check those in one pass
    // back, so a long run of such links costs linear time, not quadratic.
    return laterChainReason(source, items, start, last, tail);
  }
  return pass.pairs && !pass.anchored.has(node) ? pairReason(source, items, atEnd) : undefined;
}

/**
 * Two repeats side by side are refused when the product of their bounds is above this (an
 * unbounded repeat counts as infinite). A bounded pair (`[\p{L}.-]{0,190}\p{L}{2,24}`, the default
 * e-mail pattern) tries at most that many splits at a start position, which is linear time with a
 * constant factor; an unbounded pair tries about n^2.
 */
const PAIR_SPLIT_LIMIT = 10_000;

/**
 * Two unbounded (or long) repeats that can match the same character `c`, with nothing but
 * optional items between them — `.*\s*x`, `\w*\d*=`, `\w+\s*\w+!` — split a run of `c` in about n
 * ways at each of n start positions, time cubic on a run the rest of the pattern fails on (`.*.*=`:
 * 2.3 s on a 2 KB field, 19 s on 4 KB). Unlike a longer chain, a required character between the
 * two (`.*&&.*cmd`, SigmaHQ) cuts the pair: only runs that hold that character split. Let through:
 * a pair the rest of the pattern cannot fail after on a run (`\w+\s*\w+` at the end); and a pair
 * right after a required character the first repeat cannot match (`=\w+\s*\w+x`), whose runs
 * each start at a different such character, so time stays quadratic.
 */
function pairReason(source: string, items: ChainItem[], atEnd: boolean): string | undefined {
  const tails = atEnd ? suffixTails(items) : undefined;
  for (let start = 0; start < items.length; start++) {
    const first = items[start] as ChainItem;
    if (first.kind !== 'repeat') continue;
    for (let k = start + 1; k < items.length; k++) {
      const second = items[k] as ChainItem;
      if (second.kind === 'optional') continue;
      if (second.kind !== 'repeat') break;
      const shared = intersection(first.set, second.set);
      if (shared.length === 0) {
        if (second.optional) continue; // as in a chain: `\s*` between `\w+` and `\w+`
        break;
      }
      if (boundOf(first.node) * boundOf(second.node) <= PAIR_SPLIT_LIMIT) break;
      const tail = tails?.[k];
      if (tail && subsetOf(shared, tail)) break;
      const before = items[start - 1];
      if (before?.kind === 'char' && !intersects(before.set, first.set)) break;
      return pairMessage(source, first.node, second.node, shared);
    }
  }
  return undefined;
}

/** Whether every group opened in a piece of pattern is closed in it, and the other way round. */
function balanced(text: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function boundOf(node: Node): number {
  return node.kind === 'repeat' ? node.max : 1;
}

/**
 * For each item, what every item after it can match when each is one required character or a
 * repeat of one character set (so a long enough run of characters in this set matches the rest of
 * the pattern); undefined from the last item that is anything else.
 */
function suffixTails(items: ChainItem[]): (CharSet | undefined)[] {
  const out: (CharSet | undefined)[] = new Array<CharSet | undefined>(items.length);
  let set: CharSet | undefined = ANY;
  for (let k = items.length - 1; k >= 0; k--) {
    out[k] = set;
    const item = items[k] as ChainItem;
    set = set && (item.kind === 'char' || item.kind === 'repeat') ? intersection(set, item.set) : undefined;
  }
  return out;
}

function pairMessage(source: string, first: Node, second: Node, shared: CharSet): string {
  const a = source.slice(first.start, first.end);
  const b = source.slice(second.start, second.end);
  // Only two repeats with nothing between them can be written as one (not `(.*)(.*)`).
  const same = first.end === second.start ? sameRepeatedAtom(source, first, second) : undefined;
  const merge = same ? `write them as one repeat (\`${same}\`), ` : '';
  const span = source.slice(first.start, second.end);
  // (A span that cuts a group open, `.*)(.*`, would only confuse.)
  const where = balanced(span) ? ` in "${span}"` : '';
  return (
    `2 unbounded (or long) repeats side by side${where} ` +
    `(\`${a}\`, \`${b}\`) can both match ${sample(shared)} with nothing but optional items between ` +
    `them: a long run of it that the rest of the pattern fails on splits about n ways at each of n ` +
    `start positions, time polynomial of degree 3 (catastrophic backtracking); ${merge}put a required ` +
    `character neither matches between them, make their character sets disjoint, or bound them ` +
    `(\`{1,100}\` or less)`
  );
}

/**
 * What every character after `last` can match, when each is one required character (so a run of
 * characters in this set matches the rest of the pattern); undefined when something else follows.
 */
function tailSet(items: ChainItem[], last: number): CharSet | undefined {
  let set = ANY;
  for (let k = last + 1; k < items.length; k++) {
    const item = items[k] as ChainItem;
    if (item.kind !== 'char') return undefined;
    set = intersection(set, item.set);
  }
  return set;
}

function laterChainReason(
  source: string,
  items: ChainItem[],
  start: number,
  last: number,
  tail: CharSet,
): string | undefined {
  let shared: CharSet = ANY;
  const links: Node[] = [];
  for (let k = last; k > start; k--) {
    const item = items[k] as ChainItem;
    if (item.kind === 'optional' || item.kind === 'other') continue;
    const narrowed = intersection(shared, item.set);
    if (narrowed.length === 0) continue; // an optional repeat, stepped over as on the way forward
    shared = narrowed;
    if (item.kind !== 'repeat') continue;
    links.unshift(item.node);
    if (links.length >= ADJACENT_REPEAT_LIMIT && !subsetOf(shared, tail)) {
      return chainMessage(source, links, shared);
    }
  }
  return undefined;
}

function chainMessage(source: string, links: Node[], pump: CharSet): string {
  const names = links.map((link) => `\`${source.slice(link.start, link.end)}\``).join(', ');
  const span = source.slice(links[0]?.start, links[links.length - 1]?.end);
  return (
    `${links.length} unbounded (or long) repeats side by side in "${span}" (${names}) can all match ` +
    `${sample(pump)} with nothing required between them that they cannot match: a long run of it ` +
    `splits about n^${links.length - 1} ways at each of n start positions, time polynomial of degree ` +
    `${links.length + 1} (catastrophic backtracking); put a required character none of them matches ` +
    `between them, make their character sets disjoint, or bound them (\`{1,${COUNTED_REPEAT_LIMIT}}\` or less)`
  );
}

/** One character of a set, for a message: a letter or digit if it has one. */
function sample(set: CharSet): string {
  for (const [lo, hi] of [
    [0x61, 0x7a],
    [0x30, 0x39],
    [0x21, 0x7e],
    [0, MAX_CODE_POINT],
  ] as const) {
    const range = set.find(([a, b]) => a <= hi && b >= lo);
    if (!range) continue;
    const cp = Math.max(range[0], lo);
    const shown =
      cp >= 0x21 && cp <= 0x7e
        ? `"${String.fromCodePoint(cp)}"`
        : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    return `the same characters (such as ${shown})`;
  }
  return 'the same characters';
}

function intersection(a: CharSet, b: CharSet): CharSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as readonly [number, number];
    const [blo, bhi] = b[j] as readonly [number, number];
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

function subsetOf(a: CharSet, b: CharSet): boolean {
  return !intersects(a, complement(b));
}

/** The first reason found; `atEnd` says nothing follows `node` in the whole pattern. */
/**
 * The first reason found. `atEnd`: nothing follows `node` in the whole pattern. `opened`: `node`
 * is a group of one alternative inside a sequence, whose chains that sequence already checks.
 */
/**
 * One walk of the checks. `pairs`: look for pairs of repeats (`pairReason`) rather than for the
 * rest. `anchored`: top-level alternatives that start with `^` (without the `m` flag), matched
 * from one start position only, where a pair costs quadratic time, not cubic.
 */
interface Pass {
  pairs: boolean;
  anchored: ReadonlySet<Node>;
}

function firstReason(
  source: string,
  node: Node,
  pass: Pass,
  atEnd = true,
  opened = false,
): string | undefined {
  switch (node.kind) {
    case 'repeat':
      return (
        firstReason(source, node.body, pass, false) ?? (pass.pairs ? undefined : loopReason(source, node))
      );
    case 'group':
      return firstReason(source, node.body, pass, atEnd, opened);
    case 'empty':
      // A lookahead is done once its body reaches its end, whatever follows it (it is never
      // backtracked into); a lookbehind's body is matched backwards, so nothing ends it early.
      return node.inner
        ? firstReason(
            source,
            node.inner,
            pass,
            source.startsWith('(?=', node.start) || source.startsWith('(?!', node.start),
          )
        : undefined;
    case 'alt': {
      const single = opened && node.alternatives.length === 1;
      for (const alternative of node.alternatives) {
        const reason = firstReason(source, alternative, pass, atEnd, single);
        if (reason) return reason;
      }
      return undefined;
    }
    case 'seq':
      for (const [index, item] of node.items.entries()) {
        const reason = firstReason(source, item, pass, atEnd && index === node.items.length - 1, true);
        if (reason) return reason;
      }
      return opened ? undefined : chainReason(source, node, atEnd, pass);
    default:
      return undefined;
  }
}

/**
 * Undefined when the expression looks safe; otherwise why it was refused. Without `flags` the
 * check assumes the worst (`i` and `s`); with them, it reads case and `.` as the flags say.
 */
export function unsafeRegExpReason(source: string, flags?: string): string | undefined {
  const fold = flags === undefined || flags.includes('i');
  const dotAll = flags === undefined || flags.includes('s');
  try {
    const tree = new Parser(source, fold, dotAll).parse();
    // Pairs of repeats are looked for only once nothing else is wrong, so that a pattern with a
    // worse shape too (`(\w*\w*\.)+`, exponential) is refused for that.
    const anchored = new Set<Node>();
    if (flags !== undefined && !flags.includes('m') && tree.kind === 'alt') {
      for (const alternative of tree.alternatives) {
        const head = alternative.kind === 'seq' ? alternative.items[0] : undefined;
        if (head?.kind === 'empty' && !head.inner && source[head.start] === '^') anchored.add(alternative);
      }
    }
    return (
      firstReason(source, tree, { pairs: false, anchored }) ??
      firstReason(source, tree, { pairs: true, anchored })
    );
  } catch (error) {
    if (error instanceof TooDeep)
      return `groups nested more than ${MAX_GROUP_DEPTH} deep cannot be checked for catastrophic backtracking`;
    throw error;
  }
}
