// "Did you mean …?" for misspelled keys, modifiers and ids: the nearest known name by edit distance,
// offered only when it is close enough to be a plausible typo rather than a different word.

/**
 * Levenshtein distance with adjacent transpositions counted as one edit (`tset` → `test`),
 * case-insensitive: authors mistype case as often as letters.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  const rows: number[][] = [Array.from({ length: t.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const above = rows[i - 1] ?? [];
      let best = Math.min(
        (above[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (above[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[s.length]?.[t.length] ?? 0;
}

/** The closest candidate within a third of the word's length (at least 1, at most 3 edits). */
export function nearestName(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  // Read once: `candidates` may be an iterator that cannot be walked twice.
  const list = [...candidates];
  for (const candidate of list) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= limit && bestDistance > 0) return best;
  // A cut-short word ("leak" for "leakage", "unauth" for "unauthorized-use") is a likelier slip
  // than the many edits it is away: offered when exactly one name starts with it.
  if (word.length < 3) return undefined;
  const lower = word.toLowerCase();
  const extensions = [...new Set(list)].filter(
    (candidate) => candidate.length > word.length && candidate.toLowerCase().startsWith(lower),
  );
  return extensions.length === 1 ? extensions[0] : undefined;
}

/** The suggestion text the Diagnostic carries, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const nearest = nearestName(word, candidates);
  return nearest === undefined ? undefined : `did you mean "${nearest}"?`;
}
