// Which of the five document kinds a YAML document is. An explicit `kind:` wins; otherwise the
// Sigma convention: a document with `detection` is a rule, one with `correlation` a correlation.
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
  if ('detection' in data) return { ok: true, kind: 'rule' };
  if ('correlation' in data) return { ok: true, kind: 'correlation' };
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
