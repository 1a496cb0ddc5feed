import type { Modifier } from './modifier.ts';

export const fieldref: Modifier = {
  name: 'fieldref',
  summary: 'The value names another field of the same event; the two fields are compared.',
  apply(state) {
    if (state.match !== 'value') return `"fieldref" cannot be combined with "${state.match}"`;
    if (state.encoded || state.applied.includes('windash'))
      return '"fieldref" cannot follow an encoding or "windash"';
    for (const value of state.groups.flat()) {
      if (value.type !== 'string' || value.raw === '') return '"fieldref" takes field names';
    }
    state.match = 'fieldref';
    return undefined;
  },
};
