import { bytesOf, encodeUtf16, prepareEncoding } from './encoding.ts';
import type { Modifier } from './modifier.ts';

export const utf16be: Modifier = {
  name: 'utf16be',
  summary: 'Transforms the value to UTF-16BE.',
  apply(state) {
    const error = prepareEncoding(state, 'utf16be');
    if (error) return error;
    state.groups = state.groups.map((group) =>
      group.map((value) => ({
        type: 'bytes',
        value: encodeUtf16(value.type === 'string' ? value.raw : bytesOf(value), false, false),
      })),
    );
    state.encoded = true;
    return undefined;
  },
};
