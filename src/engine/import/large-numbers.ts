// Numbers past 2^53 − 1 in any field (64-bit record ids such as winlog.record_id, snowflake ids):
// JSON parsing rounds them (18446744073709551615 → 18446744073709552000), so a rule or an analyst
// would see digits the log never wrote. `event.id` has its own check, before flattening
// (`LargeEventIds` in `event-id.ts`); this one covers every other field after it.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';

/** The largest integer a JSON number holds exactly (2^53 − 1). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** An integer written with enough digits to pass 2^53, not the start or end of a decimal or exponent. */
const LONG_INTEGER = /(?<![\w.])-?\d{16,}(?![\w.])/g;

/**
 * The digits `text` (the JSON an event was parsed from) wrote for the rounded `value`, when exactly
 * one written integer parses to it.
 */
function writtenInteger(text: string, value: number): string | undefined {
  const found = new Set<string>();
  for (const match of text.matchAll(LONG_INTEGER)) if (Number(match[0]) === value) found.add(match[0]);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * One file's numbers past 2^53 − 1: `check` puts each back as the digits its line wrote (as text:
 * no JavaScript number holds them), and warns at the file's first such line. Only fields holding
 * such a number cost more than a type check.
 */
export class LargeNumbers {
  private warned = false;

  constructor(private readonly file: string) {}

  check(event: EngineEvent, text: string | undefined, line: number): Diagnostic | undefined {
    if (text === undefined) return undefined;
    let first: { field: string; digits: string } | undefined;
    for (const field in event) {
      const value = event[field];
      if (typeof value !== 'number' || (value <= MAX_EXACT && value >= -MAX_EXACT)) continue;
      // `@timestamp` is read by its own rules (epoch nanoseconds), `event.id` by `LargeEventIds`.
      if (field === '@timestamp' || field === 'event.id') continue;
      const digits = writtenInteger(text, value);
      if (digits === undefined) continue;
      event[field] = digits;
      first ??= { field, digits };
    }
    if (first === undefined || this.warned) return undefined;
    this.warned = true;
    return importError(
      this.file,
      line,
      `line ${line} has the number ${first.digits} in field "${first.field}", beyond 2^53 − 1 (${MAX_EXACT}), which JSON numbers cannot hold exactly: kept as the text "${first.digits}" read from the line, so no digit is lost (the first such line of this file)`,
      { path: first.field, severity: 'warning' },
    );
  }
}
