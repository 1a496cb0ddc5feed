import { setPosition, type Modifier } from './modifier.ts';

export const startswith: Modifier = {
  name: 'startswith',
  summary: "The value is expected at the beginning of the field's content.",
  apply: (state) => setPosition(state, 'startswith'),
};
