import type { Modifier } from './modifier.ts';

export const all: Modifier = {
  name: 'all',
  summary: 'Links the list of values with AND instead of OR.',
  apply(state) {
    // The specification forbids `all` on a single value: "use a new selection instead".
    if (state.groups.length < 2) return '"all" needs a list of at least two values';
    if (state.negate) return '"all" cannot be combined with "neq"';
    if (state.match === 'exists' || state.match === 'cidr')
      return `"all" cannot be combined with "${state.match}"`;
    state.all = true;
    return undefined;
  },
};
