import type { Modifier } from './modifier.ts';

export const re: Modifier = {
  name: 're',
  summary: 'The value is a regular expression (PCRE subset), matched case-sensitively anywhere in the field.',
  apply(state) {
    if (state.match !== 'value') return `"re" cannot be combined with "${state.match}"`;
    if (state.position !== 'whole')
      return `"re" cannot be combined with "${state.position}": anchor the expression with ^ or $ instead`;
    if (state.encoded || state.applied.includes('windash'))
      return '"re" cannot follow an encoding or "windash"';
    if (state.cased)
      return '"re" cannot be combined with "cased": regular expressions are already case-sensitive';
    for (const value of state.groups.flat()) {
      if (value.type !== 'string') return '"re" takes text values only';
    }
    state.match = 're';
    return undefined;
  },
};
