import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const month: Modifier = {
  name: 'month',
  summary: 'Compares the month of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'month'),
};
