import { applyComparison } from './comparison.ts';
import type { Modifier } from './modifier.ts';

export const lte: Modifier = {
  name: 'lte',
  summary: 'The field is less than or equal to the value (numbers, or a time part).',
  apply: (state) => applyComparison(state, 'lte'),
};
