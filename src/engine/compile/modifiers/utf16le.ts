import { bytesOf, encodeUtf16, prepareEncoding } from './encoding.ts';
import type { Modifier } from './modifier.ts';

export const utf16le: Modifier = {
  name: 'utf16le',
  summary: 'Transforms the value to UTF-16LE.',
  apply(state) {
    const error = prepareEncoding(state, 'utf16le');
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
