import { plainSigmaString } from '../sigma-string.ts';
import { bytesOf, prepareEncoding, toBase64 } from './encoding.ts';
import type { Modifier, SigmaValue } from './modifier.ts';

// A value inside a longer Base64 text encodes differently at each of the three byte offsets; the
// stable middle of each variant is what can be searched (the specification's three variants).
const START_OFFSETS = [0, 2, 3];
const END_TRIM = [0, 3, 2];

export function base64OffsetVariants(bytes: Uint8Array): string[] {
  const variants: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.fill(0x20, 0, shift);
    padded.set(bytes, shift);
    const encoded = toBase64(padded);
    const trim = END_TRIM[(bytes.length + shift) % 3] ?? 0;
    variants.push(encoded.slice(START_OFFSETS[shift] ?? 0, encoded.length - trim));
  }
  return variants;
}

export const base64offset: Modifier = {
  name: 'base64offset',
  summary: 'The value is searched Base64-encoded at each of the three possible byte offsets.',
  apply(state) {
    const error = prepareEncoding(state, 'base64offset');
    if (error) return error;
    state.groups = state.groups.map((group) =>
      group.flatMap((value) =>
        base64OffsetVariants(bytesOf(value)).map((raw): SigmaValue => ({
          type: 'string',
          raw,
          value: plainSigmaString(raw),
        })),
      ),
    );
    state.encoded = true;
    return undefined;
  },
};
