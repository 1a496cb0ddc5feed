import type { Modifier } from './modifier.ts';

export const exists: Modifier = {
  name: 'exists',
  summary: 'The field has to exist (true) or must not exist (false) in the event, whatever its value.',
  apply(state) {
    if (state.applied.length > 0) return '"exists" cannot be combined with other modifiers';
    const only = state.groups.length === 1 ? state.groups[0]?.[0] : undefined;
    if (only?.type !== 'boolean') return '"exists" takes one value, true or false';
    state.match = 'exists';
    return undefined;
  },
};
