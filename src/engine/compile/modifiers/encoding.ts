// Shared by the encoding modifiers (base64, base64offset, utf16*): they turn text into the bytes a
// log would carry, so they refuse wildcards (an encoded wildcard is no longer a wildcard).
import { hasWildcards, plainText } from '../sigma-string.ts';
import { valuesAsStrings, type FieldItemState, type SigmaValue } from './modifier.ts';

export function bytesOf(value: SigmaValue): Uint8Array {
  if (value.type === 'bytes') return value.value;
  if (value.type === 'string') return new TextEncoder().encode(plainText(value.value));
  return new TextEncoder().encode(String('value' in value ? value.value : ''));
}

/** Checks the values can be encoded; returns an error message or undefined. */
export function prepareEncoding(state: FieldItemState, modifier: string): string | undefined {
  if (state.match !== 'value') return `"${modifier}" cannot be combined with "${state.match}"`;
  if (state.position !== 'whole')
    return `"${modifier}" must come before "${state.position}" (the value is encoded first, then searched)`;
  const error = valuesAsStrings(state, modifier);
  if (error) return error;
  for (const value of state.groups.flat()) {
    if (value.type === 'string' && hasWildcards(value.value))
      return `"${modifier}" cannot encode wildcards: remove * and ? or escape them`;
  }
  return undefined;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function encodeUtf16(
  text: Uint8Array | string,
  littleEndian: boolean,
  byteOrderMark: boolean,
): Uint8Array {
  const source = typeof text === 'string' ? text : new TextDecoder().decode(text);
  const out: number[] = byteOrderMark ? [0xff, 0xfe] : [];
  for (let i = 0; i < source.length; i++) {
    const unit = source.charCodeAt(i);
    if (littleEndian) out.push(unit & 0xff, unit >> 8);
    else out.push(unit >> 8, unit & 0xff);
  }
  return new Uint8Array(out);
}
