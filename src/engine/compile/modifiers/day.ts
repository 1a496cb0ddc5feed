import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const day: Modifier = {
  name: 'day',
  summary: 'Compares the day of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'day'),
};
