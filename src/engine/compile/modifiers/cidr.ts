import { parseNetwork } from '../ip-network.ts';
import type { FieldItemState, Modifier, SigmaValue } from './modifier.ts';

/** A whole-value placeholder (`%management_networks%`) that `expand` fills in. */
const PLACEHOLDER = /^%[^%\s]+%$/;

/**
 * `src_ip|cidr|expand: '%management_networks%'`: with no value list for the placeholder, it stands
 * for every IPv4 and IPv6 address, and the rule says so with a warning.
 */
export function fillNetworkPlaceholders(state: FieldItemState): void {
  const found: string[] = [];
  state.groups = state.groups.map((group) =>
    group.flatMap((value): SigmaValue[] => {
      if (value.type !== 'string' || !PLACEHOLDER.test(value.raw)) return [value];
      found.push(value.raw);
      return ['0.0.0.0/0', '::/0'].map((raw) => ({
        type: 'string',
        raw,
        value: [{ type: 'text', text: raw }],
      }));
    }),
  );
  if (found.length > 0)
    state.warnings.push(
      `placeholder ${[...new Set(found)].join(', ')} has no value list here and matches any IP address`,
    );
}

export const cidr: Modifier = {
  name: 'cidr',
  summary: 'The value is an IPv4 or IPv6 network in CIDR notation (10.0.0.0/8, fd00::/8).',
  apply(state) {
    if (state.applied.some((m) => m !== 'expand')) return '"cidr" cannot be combined with other modifiers';
    if (state.applied.includes('expand')) fillNetworkPlaceholders(state);
    for (const value of state.groups.flat()) {
      // A placeholder waits for the `expand` written after `cidr`.
      if (value.type === 'string' && PLACEHOLDER.test(value.raw)) continue;
      if (value.type !== 'string' || !parseNetwork(value.raw)) {
        return `"cidr" needs networks such as 10.0.0.0/8 or 2001:db8::/32 (got ${JSON.stringify(value.type === 'string' ? value.raw : 'value' in value ? value.value : null)})`;
      }
    }
    state.match = 'cidr';
    return undefined;
  },
};
