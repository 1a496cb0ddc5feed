// A text file as the user's logs come: UTF-8 as a rule, but not always.
// - A byte-order mark says UTF-8 or UTF-16 (little or big endian: what Windows tools such as
//   PowerShell 5 write by default); the mark itself is not part of the text, so offsets in it are
//   the same as in the file's UTF-8 twin.
// - UTF-16 without a mark is recognised by its zero bytes (every other byte of ASCII text).
// - Anything else that is not valid UTF-8 is an export from an older system, in Windows-1252 (the
//   superset of Latin-1 those systems write: € – “ ” in 0x80–0x9F). Decoding it as UTF-8 would turn
//   every accented letter into U+FFFD; it is read as Windows-1252 instead, and the caller says so.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

export interface ReadText {
  text: string;
  /** Set when the encoding was guessed rather than known: a warning the caller passes on. */
  note?: string;
}

export const WINDOWS_1252_NOTE =
  'not UTF-8: read as Windows-1252 (Latin-1 with € – “ ” …); save it as UTF-8 to be sure';
const UTF16_GUESS_NOTE =
  'no byte-order mark, but read as UTF-16 from its zero bytes; save it as UTF-8 to be sure';

/** Windows-1252's characters for 0x80–0x9F (undefined bytes keep their Latin-1 control code). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (char) =>
    String.fromCharCode(CP1252_HIGH[char.charCodeAt(0) - 0x80]!),
  );
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  const even = bytes.byteLength - (bytes.byteLength % 2);
  const copy = Buffer.from(bytes.subarray(0, even));
  if (bigEndian) copy.swap16();
  return copy.toString('utf16le');
}

/** Which half of each pair of bytes is zero in most of the first few thousand: UTF-16 without a mark. */
function utf16Without(bytes: Uint8Array): 'le' | 'be' | undefined {
  const length = Math.min(bytes.byteLength - (bytes.byteLength % 2), 4096);
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'be';
  return undefined;
}

export function decodeText(bytes: Uint8Array): ReadText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf && isUtf8(buffer))
    return { text: buffer.toString('utf8', 3) };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: decodeUtf16(buffer.subarray(2), false) };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: decodeUtf16(buffer.subarray(2), true) };
  const utf16 = utf16Without(buffer);
  if (utf16 !== undefined) return { text: decodeUtf16(buffer, utf16 === 'be'), note: UTF16_GUESS_NOTE };
  if (isUtf8(buffer)) return { text: buffer.toString('utf8') };
  return { text: decodeWindows1252(buffer), note: WINDOWS_1252_NOTE };
}

export async function readText(path: string): Promise<ReadText> {
  return decodeText(await readFile(path));
}
