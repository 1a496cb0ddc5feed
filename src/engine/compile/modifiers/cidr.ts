import { parseNetwork } from '../ip-network.ts';
import type { Modifier } from './modifier.ts';

export const cidr: Modifier = {
  name: 'cidr',
  summary: 'The value is an IPv4 or IPv6 network in CIDR notation (10.0.0.0/8, fd00::/8).',
  apply(state) {
    if (state.applied.length > 0) return '"cidr" cannot be combined with other modifiers';
    for (const value of state.groups.flat()) {
      if (value.type !== 'string' || !parseNetwork(value.raw)) {
        return `"cidr" needs networks such as 10.0.0.0/8 or 2001:db8::/32 (got ${JSON.stringify(value.type === 'string' ? value.raw : 'value' in value ? value.value : null)})`;
      }
    }
    state.match = 'cidr';
    return undefined;
  },
};
