import type { Modifier } from './modifier.ts';

export const re_m: Modifier = {
  name: 'm',
  summary: 'Regular-expression flag: multi line: ^ and $ match the start and end of each line.',
  apply(state) {
    if (state.match !== 're') return '"m" is a sub-modifier of "re" and must follow it (e.g. "|re|m")';
    state.reFlags.add('m');
    return undefined;
  },
};
