import { valuesAsStrings, type Modifier } from './modifier.ts';

export const cased: Modifier = {
  name: 'cased',
  summary: 'Values are applied case sensitively (the default is case-insensitive).',
  apply(state) {
    if (state.match === 're')
      return '"cased" cannot be combined with "re": regular expressions are case-sensitive unless "|i" is given';
    if (state.match !== 'value' && state.match !== 'fieldref')
      return `"cased" cannot be combined with "${state.match}"`;
    if (state.encoded) return '"cased" must come before encodings such as base64';
    state.cased = true;
    return state.match === 'fieldref' ? undefined : valuesAsStrings(state, 'cased');
  },
};
