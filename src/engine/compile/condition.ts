// The Sigma condition grammar, precedence from weakest: or < and < not < `x of` < parentheses.
//   condition := or ;  or := and ("or" and)* ;  and := not ("and" not)* ;
//   not := "not" not | primary ;  primary := "(" or ")" | ("1" | "all") "of" (pattern | "them") | identifier
// Never throws: any text yields an AST or a ConditionError with the offset it refers to.

export type ConditionNode =
  | { type: 'and' | 'or'; items: ConditionNode[] }
  | { type: 'not'; item: ConditionNode }
  | { type: 'identifier'; name: string; offset: number }
  | { type: 'of'; quantifier: 'one' | 'all'; pattern: string; offset: number };

export interface ConditionError {
  message: string;
  /** 0-based offset inside the condition text. */
  offset: number;
}

interface Token {
  text: string;
  offset: number;
}

const OPERATORS = new Set(['and', 'or', 'not', 'of', 'them', 'all']);

function tokenize(text: string): Token[] | ConditionError {
  const tokens: Token[] = [];
  const pattern = /\s+|[()]|\|[\s\S]*|[^\s()|]+/g;
  for (const match of text.matchAll(pattern)) {
    const word = match[0];
    const offset = match.index ?? 0;
    if (/^\s+$/.test(word)) continue;
    if (word.startsWith('|')) {
      return {
        message:
          'aggregations after "|" (count, near…) were removed from Sigma: write a correlation rule instead',
        offset,
      };
    }
    tokens.push({ text: word, offset });
  }
  return tokens;
}

const IDENTIFIER = /^[A-Za-z0-9_.\-*]+$/;

/**
 * Most parentheses and `not`s one inside another. Everything that walks a condition (checking its
 * names, planning, testing it, explaining it) recurses once per level: a deeper condition is refused
 * with its place, rather than exhausting the stack somewhere later with no location at all.
 */
export const MAX_CONDITION_DEPTH = 500;

export function parseCondition(
  text: string,
): { ok: true; node: ConditionNode } | { ok: false; error: ConditionError } {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  let position = 0;
  let depth = 0;
  const peek = () => tokens[position];
  const lower = (token: Token | undefined) => token?.text.toLowerCase();
  const end = text.length;
  class Failure {
    constructor(readonly error: ConditionError) {}
  }
  const fail = (message: string, offset: number): never => {
    throw new Failure({ message, offset });
  };
  /** Enters one more level of `not` or parentheses at the token at `offset`. */
  const deeper = (offset: number) => {
    if (++depth > MAX_CONDITION_DEPTH)
      fail(
        `the condition is too deeply nested (more than ${MAX_CONDITION_DEPTH} levels of "not" and parentheses)`,
        offset,
      );
  };

  const parseOr = (): ConditionNode => {
    const items = [parseAnd()];
    while (lower(peek()) === 'or') {
      position++;
      items.push(parseAnd());
    }
    return items.length === 1 ? (items[0] as ConditionNode) : { type: 'or', items };
  };
  const parseAnd = (): ConditionNode => {
    const items = [parseNot()];
    while (lower(peek()) === 'and') {
      position++;
      items.push(parseNot());
    }
    return items.length === 1 ? (items[0] as ConditionNode) : { type: 'and', items };
  };
  const parseNot = (): ConditionNode => {
    // `not not … x`: a loop, not a recursion; each `not` is one level, as a parenthesis is.
    const nots: Token[] = [];
    for (let token = peek(); lower(token) === 'not'; token = peek()) {
      deeper((token as Token).offset);
      nots.push(token as Token);
      position++;
    }
    let node = parsePrimary();
    depth -= nots.length;
    for (let index = nots.length - 1; index >= 0; index--) node = { type: 'not', item: node };
    return node;
  };
  const parsePrimary = (): ConditionNode => {
    const token = peek();
    if (!token) return fail('the condition ends where a selection name was expected', end);
    const word = token.text.toLowerCase();
    if (token.text === '(') {
      deeper(token.offset);
      position++;
      const inner = parseOr();
      const close = peek();
      if (close?.text !== ')') return fail('missing ")"', close?.offset ?? end);
      position++;
      depth--;
      return inner;
    }
    if (token.text === ')') return fail('unexpected ")"', token.offset);
    const next = lower(tokens[position + 1]);
    if (next === 'of') {
      if (word !== '1' && word !== 'all') {
        return fail(`"${token.text} of" is not Sigma: use "1 of" or "all of"`, token.offset);
      }
      position += 2;
      const target = peek();
      if (
        !target ||
        target.text === '(' ||
        target.text === ')' ||
        (OPERATORS.has(target.text.toLowerCase()) && target.text.toLowerCase() !== 'them')
      ) {
        return fail(
          `"${token.text} of" needs a selection pattern (e.g. selection*) or "them"`,
          target?.offset ?? end,
        );
      }
      if (!IDENTIFIER.test(target.text))
        return fail(`"${target.text}" is not a selection pattern`, target.offset);
      position++;
      return {
        type: 'of',
        quantifier: word === '1' ? 'one' : 'all',
        pattern: target.text,
        offset: token.offset,
      };
    }
    if (OPERATORS.has(word)) return fail(`"${token.text}" where a selection name was expected`, token.offset);
    if (!IDENTIFIER.test(token.text)) return fail(`"${token.text}" is not a selection name`, token.offset);
    if (token.text.includes('*'))
      return fail(
        `"${token.text}" is a pattern: write "1 of ${token.text}" or "all of ${token.text}"`,
        token.offset,
      );
    position++;
    return { type: 'identifier', name: token.text, offset: token.offset };
  };

  try {
    if (tokens.length === 0) return { ok: false, error: { message: 'the condition is empty', offset: 0 } };
    const node = parseOr();
    const extra = peek();
    if (extra) {
      const hint = extra.text === ')' ? 'unexpected ")"' : `expected "and" or "or" before "${extra.text}"`;
      return { ok: false, error: { message: hint, offset: extra.offset } };
    }
    return { ok: true, node };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.error };
    // Deep nesting can exhaust the stack; that is still the user's condition, located at its start.
    return { ok: false, error: { message: 'the condition is too deeply nested', offset: 0 } };
  }
}

/** The search identifiers a pattern names: `*` matches any run; `them` all but `_`-prefixed ones. */
export function identifiersMatching(pattern: string, names: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return names.filter((name) => !name.startsWith('_'));
  const source = pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*');
  const regexp = new RegExp(`^${source}$`);
  return names.filter((name) => regexp.test(name));
}
