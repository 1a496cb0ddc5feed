import type { Modifier } from './modifier.ts';

export const re_s: Modifier = {
  name: 's',
  summary: 'Regular-expression flag: single line: the dot also matches line breaks.',
  apply(state) {
    if (state.match !== 're') return '"s" is a sub-modifier of "re" and must follow it (e.g. "|re|s")';
    state.reFlags.add('s');
    return undefined;
  },
};
