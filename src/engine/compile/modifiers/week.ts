import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const week: Modifier = {
  name: 'week',
  summary: 'Compares the week of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'week'),
};
