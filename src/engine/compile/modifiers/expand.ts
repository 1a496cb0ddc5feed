import type { SigmaString } from '../sigma-string.ts';
import { fillNetworkPlaceholders } from './cidr.ts';
import type { Modifier } from './modifier.ts';

const PLACEHOLDER = /\\%|%[^%\s]+%/g;

/**
 * Placeholders (`%Administrators%`) are meant to be filled by a processing pipeline. The simulator
 * has none, so — as pySigma's last-resort `wildcard_placeholders` does — each becomes `*`, and the
 * rule says so with a warning instead of silently matching more.
 */
function expandPlaceholders(value: SigmaString, found: string[]): SigmaString {
  const out: SigmaString = [];
  for (const token of value) {
    if (token.type !== 'text') {
      out.push(token);
      continue;
    }
    let last = 0;
    for (const match of token.text.matchAll(PLACEHOLDER)) {
      const before = token.text.slice(last, match.index);
      if (match[0] === '\\%') {
        out.push({ type: 'text', text: `${before}%` });
      } else {
        if (before) out.push({ type: 'text', text: before });
        out.push({ type: 'anyRun' });
        found.push(match[0]);
      }
      last = (match.index ?? 0) + match[0].length;
    }
    if (last < token.text.length) out.push({ type: 'text', text: token.text.slice(last) });
  }
  return out;
}

export const expand: Modifier = {
  name: 'expand',
  summary: 'Expands %placeholders% in the value (here: each placeholder matches anything).',
  apply(state) {
    if (state.match === 'cidr') {
      fillNetworkPlaceholders(state);
      return undefined;
    }
    if (state.match !== 'value' || state.encoded)
      return '"expand" must come first and cannot be combined with "re" or encodings';
    const found: string[] = [];
    for (const value of state.groups.flat()) {
      if (value.type === 'string') value.value = expandPlaceholders(value.value, found);
    }
    if (found.length > 0) {
      state.warnings.push(
        `placeholder ${[...new Set(found)].join(', ')} has no value list here and matches anything: ` +
          'in a selection it matches every value; in a filter the condition negates (`not filter`), ' +
          'it removes every event and the rule never alerts',
      );
    }
    return undefined;
  },
};
