import { bytesOf, encodeUtf16, prepareEncoding } from './encoding.ts';
import type { Modifier } from './modifier.ts';

export const utf16: Modifier = {
  name: 'utf16',
  summary: 'Prepends a byte order mark and encodes UTF-16.',
  apply(state) {
    const error = prepareEncoding(state, 'utf16');
    if (error) return error;
    state.groups = state.groups.map((group) =>
      group.map((value) => ({
        type: 'bytes',
        value: encodeUtf16(value.type === 'string' ? value.raw : bytesOf(value), true, true),
      })),
    );
    state.encoded = true;
    return undefined;
  },
};
