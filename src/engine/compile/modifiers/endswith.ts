import { setPosition, type Modifier } from './modifier.ts';

export const endswith: Modifier = {
  name: 'endswith',
  summary: "The value is expected at the end of the field's content.",
  apply: (state) => setPosition(state, 'endswith'),
};
