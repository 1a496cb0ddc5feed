// How a ratio (precision, recall, F1) is written wherever people read it: the screens and the
// command line's tables.

/**
 * A ratio to two decimals that never rounds to a value it is not: 0.996 (one false positive among
 * 250 alerts) is ">0.99", not "1.00" beside "False positives 1"; 0.004 is "<0.01", not "0.00".
 */
export function formatRatio(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const text = v.toFixed(2);
  if (text === '1.00' && v < 1) return '>0.99';
  if (text === '0.00' && v > 0) return '<0.01';
  return text;
}
