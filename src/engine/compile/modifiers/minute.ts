import { applyTimePart } from './time-part.ts';
import type { Modifier } from './modifier.ts';

export const minute: Modifier = {
  name: 'minute',
  summary: 'Compares the minute of a timestamp field (as written, no time-zone conversion).',
  apply: (state) => applyTimePart(state, 'minute'),
};
