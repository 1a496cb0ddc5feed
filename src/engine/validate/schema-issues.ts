// valibot issues → located Diagnostics, with "did you mean" for misspelled keys and choices.
import type * as v from 'valibot';
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { diagnosticAt } from './diagnostic.ts';
import { didYouMean } from './suggest.ts';

type Issue = v.BaseIssue<unknown>;
type Path = (string | number)[];

/** The keys a strict object schema accepts, for suggestions. */
export function keysOf(schema: { entries: Record<string, unknown> }): string[] {
  return Object.keys(schema.entries);
}

export function schemaDiagnostics(
  document: LoadedDocument,
  issues: readonly Issue[],
  keysAt: (parentPath: Path) => readonly string[] = () => [],
  prefix: Path = [],
): Diagnostic[] {
  return issues.map((issue) => {
    const path: Path = [
      ...prefix,
      ...(issue.path ?? []).map((step) => (typeof step.key === 'number' ? step.key : String(step.key))),
    ];
    const last = path[path.length - 1];
    const where = path.map(String).join('.') || 'the document';
    if (issue.type === 'strict_object' && issue.expected === 'never' && typeof last === 'string') {
      const parent = path.slice(0, -1);
      const owner = parent.map(String).join('.') || 'the document';
      return diagnosticAt(
        document,
        path,
        `unknown key "${last}" in ${owner}`,
        didYouMean(last, keysAt(parent)),
      );
    }
    if (issue.received === 'undefined') return diagnosticAt(document, path, `"${where}" is required`);
    // valibot spells a picklist's options in `expected`: ("low" | "medium" | "high").
    // A union of a number and a picklist (`confidence: 80` or `confidence: high`) spells them too.
    const named = issue.type === 'picklist' || (issue.type === 'union' && typeof issue.input === 'string');
    const options = named ? [...(issue.expected ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '') : [];
    if (options.length > 0) {
      const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, options) : undefined;
      const orNumber =
        issue.type === 'union' && /\bnumber\b/.test(issue.expected ?? '') ? 'a number or ' : '';
      return diagnosticAt(
        document,
        path,
        `${where} must be ${orNumber}one of ${options.join(', ')} (got ${JSON.stringify(issue.input)})`,
        suggestion,
      );
    }
    // A value of the wrong type is said so, even where the schema's own message says it is missing
    // (`title: 5` is not a missing title).
    const typed = issue.kind === 'schema' ? typeMessage(where, issue) : undefined;
    const message =
      typed ??
      (issue.message.startsWith('Invalid')
        ? `${where} has the wrong type: ${issue.message.replace(/^Invalid \w+: /, '')}`
        : issue.message);
    return diagnosticAt(document, path, message);
  });
}

/** valibot's names of what a value is (`expected`, `received`), as a pack author says them. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  Array: 'a list',
  Object: 'a map',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty (null)',
  bigint: 'a number',
};

function typeWords(spelled: string): string | undefined {
  const parts = spelled.replace(/^\((.*)\)$/, '$1').split(' | ');
  const words = parts.map((part) => TYPE_WORDS[part]);
  return words.every((word) => word !== undefined) ? [...new Set(words)].join(' or ') : undefined;
}

/** "patterns must be a list, not a map": when valibot's expected and received types have words. */
function typeMessage(where: string, issue: Issue): string | undefined {
  const expected = typeWords(issue.expected ?? '');
  if (expected === undefined) return undefined;
  const received = issue.received;
  const got =
    TYPE_WORDS[received] ??
    (/^".*"$/.test(received)
      ? `the text ${received}`
      : /^-?\d/.test(received)
        ? `the number ${received}`
        : undefined);
  return `${where} must be ${expected}${got ? `, not ${got}` : ''}`;
}
