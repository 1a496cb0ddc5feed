// UK National Insurance number: two prefix letters (not D, F, I, Q, U or V; second not O; never the
// unallocated pairs BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A–D.
import { compactUpper } from './digits.ts';

const NOT_ALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function ukNino(value: string): boolean {
  const compact = compactUpper(value);
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact)) return false;
  return !NOT_ALLOCATED.has(compact.slice(0, 2));
}
