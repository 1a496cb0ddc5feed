import { applyComparison } from './comparison.ts';
import type { Modifier } from './modifier.ts';

export const gt: Modifier = {
  name: 'gt',
  summary: 'The field is greater than the value (numbers, or a time part).',
  apply: (state) => applyComparison(state, 'gt'),
};
