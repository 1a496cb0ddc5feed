// Errors about a document, placed where the user wrote the offending key.
import type { Diagnostic, LoadedDocument } from '../types.ts';

export function documentError(
  doc: LoadedDocument,
  path: readonly (string | number)[],
  message: string,
  suggestion?: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  const where = doc.locate(path);
  const diagnostic: Diagnostic = { ...where, severity, message };
  if (suggestion !== undefined) diagnostic.suggestion = suggestion;
  return diagnostic;
}

/** The closest candidate by edit distance, for "did you mean …?" (null when nothing is close). */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
