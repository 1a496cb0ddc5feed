// The keys a correlation document may use: Sigma's (v2.1) and each baseline type's own. A key that
// is neither is an error with the closest known key, since it would otherwise be ignored silently.
import type { Diagnostic, LoadedDocument } from '../types.ts';
import { closest, documentError } from './diagnostic.ts';
import type { BaselineType, CorrelationType } from './model.ts';

/** The keys of the Sigma correlation specification (v2.1) that every correlation may use. */
const SIGMA_KEYS = ['type', 'rules', 'aliases', 'group-by', 'timespan', 'condition', 'generate'] as const;
/** Our baselines' own keys, per type (docs/behaviour-and-access.md). */
const BASELINE_KEYS: Record<BaselineType, readonly string[]> = {
  first_seen: ['field', 'learning'],
  user_deviation: ['field', 'history', 'k', 'min-history', 'min-value'],
  peer_deviation: ['peer', 'field', 'k', 'min-value'],
  off_hours: ['history', 'min-history', 'min-share', 'tolerance'],
  sequence: ['steps', 'link', 'min-steps'],
  cumulative_exfiltration: ['field', 'peer', 'k', 'min-value', 'exceeds'],
};
const ALL_KEYS: readonly string[] = [...new Set([...SIGMA_KEYS, ...Object.values(BASELINE_KEYS).flat()])];

/**
 * A misspelled key (`groupby`, `genrate`, `histroy`) would otherwise be ignored silently and the
 * correlation would run with defaults; so an unknown key is an error placed on the key, with the
 * closest known key. A baseline key that another type uses but this one does not is a warning.
 */
export function checkKeys(
  doc: LoadedDocument,
  type: CorrelationType,
  c: Record<string, unknown>,
  errors: Diagnostic[],
): void {
  const own: readonly string[] = [
    ...SIGMA_KEYS,
    ...((BASELINE_KEYS as Record<string, readonly string[]>)[type] ?? []),
  ];
  for (const key of Object.keys(c)) {
    if (own.includes(key)) continue;
    const path = ['correlation', key];
    if (ALL_KEYS.includes(key)) {
      const users = Object.entries(BASELINE_KEYS)
        .filter(([, keys]) => keys.includes(key))
        .map(([t]) => t);
      errors.push(
        documentError(
          doc,
          path,
          `\`${key}\` has no effect on type ${type} (it belongs to ${users.join(', ')})`,
          'remove it, or change the type',
          'warning',
        ),
      );
      continue;
    }
    const guess = closest(key, own) ?? closest(key, ALL_KEYS);
    errors.push(
      documentError(
        doc,
        path,
        `unknown key "${key}" in \`correlation\``,
        guess ? `did you mean "${guess}"?` : `a ${type} correlation takes ${own.join(', ')}`,
      ),
    );
  }
}
