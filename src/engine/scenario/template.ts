// Scenario event templates are plain YAML values in which `{{name}}` or `{{name:argument}}`
// placeholders stand for what only the generator knows: which user plays an actor, which date
// the scenario starts on, and synthetic sensitive content. This module is the one grammar both
// the validator (unknown placeholder → located error) and the generator (fill) read.

export type TemplatePart = string | Placeholder;

export interface Placeholder {
  /** Dotted name, e.g. `actor.insider.email`, `card`, `date`. */
  name: string;
  argument?: string;
}

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\s*(?::([^}]*))?\}\}/gi;

/** Splits a template string into literal text and placeholders. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const placeholder: Placeholder = { name: match[1] ?? '' };
    if (match[2] !== undefined) placeholder.argument = match[2].trim();
    parts.push(placeholder);
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * Rows one `{{customer_rows:N}}` or `{{payroll_rows:N}}` writes at most: the number of `repeat`s an
 * event template may have, and about 1 MB of CSV in one event (a large spreadsheet export; the
 * classifier reads it in well under a second). Millions of rows are a load test, not a story: they
 * took gigabytes of memory and never finished.
 */
export const MAX_CONTENT_ROWS = 10_000;

/** The content placeholders whose argument is a number of rows. */
export const ROW_PLACEHOLDERS: readonly string[] = ['customer_rows', 'payroll_rows'];

/** `{{` that opens no placeholder: an unclosed `{{user`, or a malformed `{{user name}}`. */
export function strayOpening(literal: string): string | null {
  const at = literal.indexOf('{{');
  if (at < 0) return null;
  const rest = literal.slice(at);
  const close = rest.indexOf('}}');
  if (close < 0) {
    const shown = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
    return `unclosed placeholder "${shown}": close it with "}}"`;
  }
  const shown = rest.slice(0, close + 2);
  return `"${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}" is not a placeholder: write {{name}} or {{name:argument}}`;
}

/** Synthetic content the generator invents (all values are fake but pass their checksums). */
export const CONTENT_PLACEHOLDERS = [
  'card',
  'iban',
  'ssn',
  'aws_key',
  'private_key',
  'customer_rows',
  'payroll_rows',
  'source_code',
  'contract_text',
  'address',
  'person',
  'phone',
] as const;

/** Attributes of an actor or of the event's acting user, e.g. `{{actor.insider.email}}`. */
export const USER_ATTRIBUTES = [
  'email',
  'personal_email',
  'host',
  'ip',
  'full_name',
  'manager',
  'department',
  'role',
] as const;

export type ContentPlaceholder = (typeof CONTENT_PLACEHOLDERS)[number];
export type UserAttribute = (typeof USER_ATTRIBUTES)[number];

/** Placeholders that are not content and not user references. */
export const VALUE_PLACEHOLDERS = ['org.domain', 'date', 'timestamp', 'n', 'rand', 'cycle'] as const;

/** All placeholder names a template may use, given the scenario's actor keys (for suggestions). */
export function knownPlaceholderNames(actorKeys: readonly string[]): string[] {
  const names: string[] = [...CONTENT_PLACEHOLDERS, ...VALUE_PLACEHOLDERS, 'user'];
  for (const attribute of USER_ATTRIBUTES) names.push(`user.${attribute}`);
  for (const key of actorKeys) {
    names.push(`actor.${key}`);
    for (const attribute of USER_ATTRIBUTES) names.push(`actor.${key}.${attribute}`);
  }
  return names;
}

/** Why a placeholder cannot be filled, or null when it is well formed. */
export function checkPlaceholder(placeholder: Placeholder, actorKeys: readonly string[]): string | null {
  const { name, argument } = placeholder;
  if ((CONTENT_PLACEHOLDERS as readonly string[]).includes(name)) {
    if (argument !== undefined && !/^\d+$/.test(argument))
      return `{{${name}:${argument}}} takes a whole number (how many rows or items)`;
    if (argument !== undefined && ROW_PLACEHOLDERS.includes(name) && Number(argument) > MAX_CONTENT_ROWS)
      return `{{${name}:${argument}}} asks for too many rows: at most ${MAX_CONTENT_ROWS} (a scenario is a story, not a load test)`;
    return null;
  }
  switch (name) {
    case 'org.domain':
    case 'n':
      return argument === undefined ? null : `{{${name}}} takes no argument`;
    case 'date':
    case 'timestamp':
      if (argument === undefined) return null;
      return /^-?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/.test(argument) &&
        argument.replace('-', '') !== 'P'
        ? null
        : `{{${name}:${argument}}} needs an ISO 8601 duration such as P3D or -P60D`;
    case 'rand': {
      const range = argument === undefined ? null : /^(\d+)-(\d+)$/.exec(argument);
      if (!range) return `{{rand}} needs a range such as {{rand:100-999}}`;
      const low = Number(range[1]);
      const high = Number(range[2]);
      if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high))
        return `{{rand:${argument}}} goes beyond ${Number.MAX_SAFE_INTEGER}, the largest whole number kept exactly`;
      if (low > high) return `{{rand:${argument}}} has its bounds reversed: write {{rand:${high}-${low}}}`;
      return null;
    }
    case 'cycle':
      return argument !== undefined && argument.length > 0
        ? null
        : `{{cycle}} needs values such as {{cycle:a|b|c}}`;
  }
  const segments = name.split('.');
  if (segments[0] === 'user' && segments.length <= 2) {
    return segments.length === 1 || (USER_ATTRIBUTES as readonly string[]).includes(segments[1] ?? '')
      ? null
      : `unknown user attribute "${segments[1]}" (one of ${USER_ATTRIBUTES.join(', ')})`;
  }
  if (segments[0] === 'actor' && segments.length >= 2 && segments.length <= 3) {
    const key = segments[1] ?? '';
    if (!actorKeys.includes(key)) return `unknown actor "${key}" (actors: ${actorKeys.join(', ')})`;
    if (segments.length === 3 && !(USER_ATTRIBUTES as readonly string[]).includes(segments[2] ?? ''))
      return `unknown actor attribute "${segments[2]}" (one of ${USER_ATTRIBUTES.join(', ')})`;
    return null;
  }
  return `unknown placeholder {{${name}}}`;
}
