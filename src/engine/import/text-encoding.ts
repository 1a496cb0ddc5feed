// A log file's bytes → text, whatever encoding it came in. UTF-8 as a rule, but not always:
// - a byte-order mark says UTF-8 or UTF-16 (little or big endian: what Windows tools such as
//   PowerShell 5 write by default); the mark is not part of the text, so offsets are those of the
//   file's UTF-8 twin;
// - UTF-16 without a mark is recognised by its zero bytes (every other byte of ASCII text);
// - anything else that is not valid UTF-8 is an export from an older system, in Windows-1252 (the
//   superset of Latin-1 those systems write: € – “ ” in 0x80–0x9F). Decoding it as UTF-8 would turn
//   every accented letter into U+FFFD; it is read as Windows-1252, and the reader says so.
// Plain TypeScript on Uint8Array and TextDecoder: the command line and the app's import worker
// decide the same way (the app from a file's first bytes, as it streams the rest).

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Set when the encoding was guessed rather than known: a warning to pass on. */
  note?: string;
}

export const WINDOWS_1252_NOTE =
  'not UTF-8: read as Windows-1252 (Latin-1 with € – “ ” …); save it as UTF-8 to be sure';
export const UTF16_GUESS_NOTE =
  'no byte-order mark, but read as UTF-16 from its zero bytes; save it as UTF-8 to be sure';

export const BINARY_NOTE =
  'holds zero bytes, so it is not text: a binary file (an image, an archive?) rather than logs';

/** Zero bytes among the first few thousand. */
function zeroBytes(bytes: Uint8Array): number {
  let zeros = 0;
  const end = Math.min(bytes.byteLength, 4096);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) zeros++;
  return zeros;
}

/** Windows-1252's characters for 0x80–0x9F (the five undefined bytes keep their Latin-1 code). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Which half of each pair of bytes is mostly zero in the first few thousand: UTF-16 without a mark. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(bytes.byteLength - (bytes.byteLength % 2), 4096);
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return undefined;
}

/**
 * The encoding of a file from its bytes: all of them (`complete`), or its first ones (a stream; a
 * character cut at the end of them is not held against UTF-8).
 */
export function sniffEncoding(bytes: Uint8Array, complete: boolean): SniffedEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be' };
  const utf8Marked = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16 = utf8Marked ? undefined : utf16Without(bytes);
  if (utf16 !== undefined) return { encoding: utf16, note: UTF16_GUESS_NOTE };
  // Zero bytes in text that is not UTF-16: an image, an archive, a database file given as logs.
  if (!utf8Marked && zeroBytes(bytes) > 0) return { encoding: 'windows-1252', note: BINARY_NOTE };
  // (A UTF-8 mark is no promise: tools prepend it to Latin-1 text too. The bytes decide.)
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return { encoding: 'utf-8' };
  } catch {
    return { encoding: 'windows-1252', note: WINDOWS_1252_NOTE };
  }
}

/** Decodes chunk by chunk (`stream: true` until the last); a byte-order mark is dropped. */
export interface ChunkDecoder {
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Windows-1252 byte by byte (no engine's TextDecoder is needed: Node's reads it as Latin-1). */
function windows1252Decoder(): ChunkDecoder {
  let first = true;
  return {
    decode(chunk) {
      if (chunk === undefined) return '';
      let out = '';
      // A UTF-8 byte-order mark on Latin-1 text is not text (ï»¿).
      let from = 0;
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
      if (chunk.length > 0) first = false;
      for (let at = from; at < chunk.length; at += 8192) {
        const codes: number[] = [];
        const end = Math.min(chunk.length, at + 8192);
        for (let i = at; i < end; i++) {
          const byte = chunk[i] as number;
          codes.push(byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] as number) : byte);
        }
        out += String.fromCharCode(...codes);
      }
      return out;
    },
  };
}

export function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  return encoding === 'windows-1252' ? windows1252Decoder() : new TextDecoder(encoding);
}

/** A file's text, and a note when its encoding was guessed (a warning to pass on). */
export interface DecodedText {
  text: string;
  note?: string;
}

/** A whole file's bytes as text, with a note when its encoding was guessed. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const sniffed = sniffEncoding(bytes, true);
  const text = chunkDecoder(sniffed.encoding).decode(bytes);
  return sniffed.note === undefined ? { text } : { text, note: sniffed.note };
}
