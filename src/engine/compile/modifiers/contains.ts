import { setPosition, type Modifier } from './modifier.ts';

export const contains: Modifier = {
  name: 'contains',
  summary: 'Puts * wildcards around the values, such that the value is matched anywhere in the field.',
  apply: (state) => setPosition(state, 'contains'),
};
