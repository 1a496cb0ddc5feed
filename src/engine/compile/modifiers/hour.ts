import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const hour: Modifier = {
  name: 'hour',
  summary: 'Compares the hour of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'hour'),
};
