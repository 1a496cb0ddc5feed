// Which of the five document kinds a YAML document is. An explicit `kind:` wins; otherwise the
// Sigma convention: a document with `detection` is a rule, one with `correlation` a correlation
// (never both), and a Sigma filter (`filter`) is refused with its own message.
import type { DocumentKind } from '../types.ts';
import { nearestName } from '../validate/suggest.ts';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'classifier',
  'rule',
  'correlation',
  'access',
  'test',
];

export type KindDecision =
  { ok: true; kind: DocumentKind } | { ok: false; path: string[]; message: string; suggestion?: string };

export function detectKind(data: Record<string, unknown>): KindDecision {
  if ('kind' in data) {
    const kind = data.kind;
    if (typeof kind === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      return { ok: true, kind: kind as DocumentKind };
    }
    const nearest = typeof kind === 'string' ? nearestName(kind, DOCUMENT_KINDS) : undefined;
    return {
      ok: false,
      path: ['kind'],
      message: `unknown document kind ${JSON.stringify(kind)}: expected one of ${DOCUMENT_KINDS.join(', ')}`,
      ...(nearest ? { suggestion: `did you mean "${nearest}"?` } : {}),
    };
  }
  if ('detection' in data && 'correlation' in data) {
    // Sigma: "a Sigma correlation is a dedicated YAML document". Taking either half silently would
    // drop the other (the correlation would never run, or the detection would alert on its own).
    return {
      ok: false,
      path: ['correlation'],
      message:
        'this document has both "detection:" and "correlation:": a correlation is a document of its own',
      suggestion:
        'move the detection into a rule document of its own, after "---", and name that rule in `rules`',
    };
  }
  if ('detection' in data) return { ok: true, kind: 'rule' };
  if ('correlation' in data) return { ok: true, kind: 'correlation' };
  if ('filter' in data) {
    // Sigma filters (meta rules that exclude events from other rules) are a separate specification.
    return {
      ok: false,
      path: ['filter'],
      message: 'Sigma filters ("filter:" documents) are not supported',
      suggestion:
        "write the exclusion into the rule's own detection instead, as in condition: selection and not filter",
    };
  }
  // A misspelled `detection:` or `correlation:` is the usual reason a document has no kind.
  for (const key of Object.keys(data)) {
    const nearest = nearestName(key, ['detection', 'correlation', 'kind']);
    if (nearest) {
      return {
        ok: false,
        path: [key],
        message: `cannot tell what this document is: unknown key "${key}"`,
        suggestion: `did you mean "${nearest}"?`,
      };
    }
  }
  return {
    ok: false,
    path: [],
    message: `cannot tell what this document is: add "kind:" (${DOCUMENT_KINDS.join(', ')}), or "detection:" for a Sigma rule`,
  };
}
