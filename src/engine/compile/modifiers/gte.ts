import { applyComparison } from './comparison.ts';
import type { Modifier } from './modifier.ts';

export const gte: Modifier = {
  name: 'gte',
  summary: 'The field is greater than or equal to the value (numbers, or a time part).',
  apply: (state) => applyComparison(state, 'gte'),
};
