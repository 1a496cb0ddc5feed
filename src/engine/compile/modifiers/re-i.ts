import type { Modifier } from './modifier.ts';

export const re_i: Modifier = {
  name: 'i',
  summary: 'Regular-expression flag: case-insensitive matching.',
  apply(state) {
    if (state.match !== 're') return '"i" is a sub-modifier of "re" and must follow it (e.g. "|re|i")';
    state.reFlags.add('i');
    return undefined;
  },
};
