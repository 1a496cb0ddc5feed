import type { Modifier } from './modifier.ts';

export const neq: Modifier = {
  name: 'neq',
  summary: 'The field is different from the specified values (strings or numbers).',
  apply(state) {
    if (state.all) return '"neq" cannot be combined with "all"';
    if (state.match === 'exists' || state.match === 'cidr' || state.match === 're')
      return `"neq" cannot be combined with "${state.match}"`;
    if (state.comparison) return `"neq" cannot be combined with "${state.comparison}"`;
    if (state.groups.flat().some((value) => value.type === 'null'))
      return '"neq" cannot apply to null: write a filter "field: null" and negate it in the condition';
    state.negate = true;
    return undefined;
  },
};
