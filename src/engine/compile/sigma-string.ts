// A Sigma string value: literal text with `*` (any run of characters) and `?` (one character)
// wildcards. The backslash escapes exactly as the specification's "Escaping" section says:
//   `\*` `\?` → a plain wildcard character; `\\` → one backslash (needed only before a wildcard);
//   a backslash before any other character is itself plain (`C:\Windows` needs no doubling).
// Hence `\\*` = backslash then wildcard, `\\\*` = backslash then plain `*`, `\\\\` = two backslashes.

export type SigmaToken =
  | { type: 'text'; text: string }
  | { type: 'anyRun' }
  | { type: 'anyChar' }
  /** One character from a set: what `windash` makes of each dash. */
  | { type: 'oneOf'; chars: string[] };

export type SigmaString = SigmaToken[];

export function parseSigmaString(raw: string): SigmaString {
  const tokens: SigmaString = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ type: 'text', text });
    text = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else {
        text += char;
      }
    } else if (char === '*') {
      flush();
      tokens.push({ type: 'anyRun' });
    } else if (char === '?') {
      flush();
      tokens.push({ type: 'anyChar' });
    } else {
      text += char;
    }
  }
  flush();
  return tokens;
}

/** A plain string (no wildcards) as a SigmaString: for values produced by encodings. */
export function plainSigmaString(text: string): SigmaString {
  return text ? [{ type: 'text', text }] : [];
}

export function hasWildcards(value: SigmaString): boolean {
  return value.some((token) => token.type !== 'text');
}

/** The literal text of a wildcard-free value. */
export function plainText(value: SigmaString): string {
  return value.map((token) => (token.type === 'text' ? token.text : '')).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Regular-expression source for a value; `[\s\S]` so wildcards also cross line breaks. */
export function sigmaStringToRegExpSource(value: SigmaString): string {
  return value
    .map((token) => {
      switch (token.type) {
        case 'text':
          return escapeRegExp(token.text);
        case 'anyRun':
          return '[\\s\\S]*';
        case 'anyChar':
          // One character, as the specification says: an emoji (a surrogate pair) is one.
          return '(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[\\s\\S])';
        case 'oneOf':
          return `[${token.chars.map(escapeRegExp).join('')}]`;
      }
    })
    .join('');
}

/** The value as the rule author wrote it, for explanations (`*\cmd.exe`). */
export function sigmaStringToText(value: SigmaString): string {
  return value
    .map((token) => {
      switch (token.type) {
        case 'text':
          return token.text.replace(/[*?]/g, '\\$&');
        case 'anyRun':
          return '*';
        case 'anyChar':
          return '?';
        case 'oneOf':
          return token.chars[0] ?? '';
      }
    })
    .join('');
}
