import { plainSigmaString } from '../sigma-string.ts';
import { bytesOf, prepareEncoding, toBase64 } from './encoding.ts';
import type { Modifier } from './modifier.ts';

export const base64: Modifier = {
  name: 'base64',
  summary: 'The value is encoded with Base64.',
  apply(state) {
    const error = prepareEncoding(state, 'base64');
    if (error) return error;
    state.groups = state.groups.map((group) =>
      group.map((value) => {
        const raw = toBase64(bytesOf(value));
        return { type: 'string', raw, value: plainSigmaString(raw) };
      }),
    );
    state.encoded = true;
    return undefined;
  },
};
