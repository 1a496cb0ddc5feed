import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

export type OutputFormat = 'table' | 'json' | 'csv';

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is a UsageError with
 * the flag named, never a stack trace.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    // Node spells some of these over several lines (`--users -3`: "ambiguous", then how to write
    // it); a usage error is one line.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      message
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' '),
    );
  }
  // An option given twice (`--seed 1 … --seed 2`) kept the last value without a word: which one
  // was meant is the user's to say.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice: give it once`);
    seen.add(token.name);
  }
  return parsed;
}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing required option --${flag}`);
  return value;
}

/**
 * The one pack path of `validate <pack>` and `test <pack>`; `--pack <pack>`, as `evaluate` spells
 * it, is taken too. Anything else is a usage error naming the command's form.
 */
export function packArgument(positionals: readonly string[], pack: string | undefined, form: string): string {
  const paths = pack === undefined ? positionals : [pack, ...positionals];
  const command = form.split(' ')[0];
  if (paths.length !== 1 || paths[0] === '') throw new UsageError(`${command} takes one pack path: ${form}`);
  return paths[0] as string;
}

export function parseFormat(value: string | undefined, allowed: readonly OutputFormat[]): OutputFormat {
  const format = (value ?? allowed[0]) as OutputFormat;
  if (!allowed.includes(format)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return format;
}

export function parseInteger(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`missing required option --${flag}`);
    return fallback;
  }
  // Digits only: Number() also takes ' ', '1e3' and '0x10'.
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n))
    throw new UsageError(
      `--${flag} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got "${value}")`,
    );
  return n;
}

/**
 * A diagnostic's message as `file:line:col: message` prints it: with its suggestion ("did you mean
 * …", a hint) in brackets, so JSON output names the nearest valid name as the text output does.
 */
export function diagnosticMessage({ message, suggestion }: { message: string; suggestion?: string }): string {
  return suggestion ? `${message} (${suggestion})` : message;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
