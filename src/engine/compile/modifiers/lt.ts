import { applyComparison } from './comparison.ts';
import type { Modifier } from './modifier.ts';

export const lt: Modifier = {
  name: 'lt',
  summary: 'The field is less than the value (numbers, or a time part).',
  apply: (state) => applyComparison(state, 'lt'),
};
