import { bytesOf, encodeUtf16, prepareEncoding } from './encoding.ts';
import type { Modifier } from './modifier.ts';

export const wide: Modifier = {
  name: 'wide',
  summary: 'An alias for utf16le.',
  apply(state) {
    const error = prepareEncoding(state, 'wide');
    if (error) return error;
    state.groups = state.groups.map((group) =>
      group.map((value) => ({
        type: 'bytes',
        value: encodeUtf16(value.type === 'string' ? value.raw : bytesOf(value), true, false),
      })),
    );
    state.encoded = true;
    return undefined;
  },
};
