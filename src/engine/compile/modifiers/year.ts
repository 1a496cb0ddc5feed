import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const year: Modifier = {
  name: 'year',
  summary: 'Compares the year of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'year'),
};
