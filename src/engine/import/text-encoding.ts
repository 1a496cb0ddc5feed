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
  const bad = firstInvalidUtf8(bytes, 0, bytes.length, complete);
  if (bad < 0) return { encoding: 'utf-8' };
  return { encoding: 'windows-1252', note: windows1252Note(placeOfByte(bytes, bad)) };
}

/** The note for a file read as Windows-1252, naming where its first byte that is not UTF-8 is. */
export function windows1252Note(place: BytePlace): string {
  const byte = place.byte.toString(16).toUpperCase().padStart(2, '0');
  return `${WINDOWS_1252_NOTE}; the first byte that is not UTF-8 (0x${byte}) is on line ${place.line}, column ${place.column}`;
}

/** Where a byte is: its 1-based line and column (in characters, as an editor counts them). */
export interface BytePlace {
  line: number;
  column: number;
  byte: number;
}

/** The line and column of the byte at `offset` (lines end at LF); `firstLine` is `bytes[0]`'s line. */
export function placeOfByte(bytes: Uint8Array, offset: number, firstLine = 1): BytePlace {
  let line = firstLine;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // Characters before it on its line: UTF-8 up to the byte (valid, or it would be the first).
  const before = new TextDecoder('utf-8', { ignoreBOM: line !== 1 }).decode(
    bytes.subarray(lineStart, offset),
  );
  return { line, column: before.length + 1, byte: bytes[offset] as number };
}

/**
 * Offset of the first byte in `bytes[from, to)` that is not part of well-formed UTF-8, or -1. A
 * character cut at `to` counts against the text only when it is `complete`.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0, to = bytes.length, complete = true): number {
  let i = from;
  while (i < to) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return complete ? i : -1;
      const c = bytes[i + k] as number;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
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

/**
 * A whole file's bytes as text, with a note when its encoding was guessed. A file that is UTF-8
 * but for a few lines (logs appended from another system) keeps its UTF-8 lines as they are and
 * reads only those lines as Windows-1252, named in the note: reading the whole file as
 * Windows-1252 would turn every correct accented letter into two wrong ones (café → cafÃ©), and
 * U+FFFD would lose the odd line's letters, which Windows-1252 most likely reads right.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const sniffed = sniffEncoding(bytes, true);
  if (sniffed.encoding === 'windows-1252' && sniffed.note !== BINARY_NOTE && mostlyUtf8(bytes)) {
    const decoder = new Utf8LinesDecoder();
    const text = decoder.decode(bytes);
    const note = decoder.note();
    return note === undefined ? { text } : { text, note };
  }
  const text = chunkDecoder(sniffed.encoding).decode(bytes);
  return sniffed.note === undefined ? { text } : { text, note: sniffed.note };
}

/** More lines with UTF-8 beyond ASCII than lines that are not UTF-8. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let utf8 = 0;
  let other = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    let ascii = true;
    for (let i = start; i < end; i++)
      if ((bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    if (!ascii) {
      if (firstInvalidUtf8(bytes, start, end) < 0) utf8++;
      else other++;
    }
    start = end + 1;
  }
  return utf8 > other;
}

/** How many lines that are not UTF-8 a note names before it only counts the rest. */
const NAMED_LINES = 5;

/**
 * UTF-8, line by line: a line that is not UTF-8 is read as Windows-1252 instead, and remembered
 * (line and column of its first bad byte) for the note. Chunks may cut lines and characters
 * anywhere; a line is decoded when it is whole (or at the end). For a stream whose first bytes were
 * UTF-8 but whose later lines may not be (`note()` says which, if any).
 */
export class Utf8LinesDecoder implements ChunkDecoder {
  private held: Uint8Array = new Uint8Array(0);
  private line = 1;
  private first = true;
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly latin = windows1252Decoder();
  /** The first lines that were not UTF-8, and how many there were in all. */
  readonly badLines: BytePlace[] = [];
  badCount = 0;

  /** Chunks of a line not yet ended, joined once its end comes (a 100 MB line is copied once). */
  private pending: Uint8Array[] = [];

  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string {
    const stream = chunk !== undefined && options?.stream === true;
    if (stream && chunk.lastIndexOf(10) < 0) {
      this.pending.push(chunk);
      return '';
    }
    const parts = [this.held, ...this.pending, ...(chunk === undefined ? [] : [chunk])];
    this.pending = [];
    const bytes = parts.length === 1 ? parts[0]! : concatAll(parts);
    const cut = stream ? bytes.lastIndexOf(10) + 1 : bytes.length;
    this.held = bytes.slice(cut);
    return this.decodeLines(bytes.subarray(0, cut));
  }

  /** Whole lines: runs of UTF-8 lines in one go, each other line as Windows-1252. */
  private decodeLines(bytes: Uint8Array): string {
    let out = '';
    let runStart = 0;
    let start = 0;
    const flush = (end: number) => {
      if (end > runStart) {
        let part = bytes.subarray(runStart, end);
        if (this.first && part[0] === 0xef && part[1] === 0xbb && part[2] === 0xbf) part = part.subarray(3);
        out += this.utf8.decode(part);
      }
      if (end > 0) this.first = false;
    };
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      end = end < 0 ? bytes.length : end + 1;
      const bad = firstInvalidUtf8(bytes, start, end);
      if (bad >= 0) {
        flush(start);
        const place = placeOfByte(bytes.subarray(start, end), bad - start, this.line);
        if (this.badLines.length < NAMED_LINES) this.badLines.push(place);
        this.badCount++;
        out += this.latin.decode(bytes.subarray(start, end));
        this.first = false;
        runStart = end;
      }
      this.line++;
      start = end;
    }
    flush(bytes.length);
    // The last line had no line break: it was counted as a line of its own already.
    if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) this.line--;
    return out;
  }

  /** The warning to pass on when some lines were not UTF-8, else undefined. */
  note(): string | undefined {
    if (this.badCount === 0) return undefined;
    const named = this.badLines.map((p) => `${p.line} (column ${p.column})`).join(', ');
    const more = this.badCount - this.badLines.length;
    const lines =
      this.badCount === 1 ? `line ${named} is` : `lines ${named}${more > 0 ? ` and ${more} more` : ''} are`;
    return (
      `UTF-8 but for ${this.badCount === 1 ? 'one line' : `${this.badCount} lines`}: ${lines} not UTF-8 and ` +
      `read as Windows-1252 (Latin-1 with € – “ ” …), the other lines as UTF-8; check ${this.badCount === 1 ? 'that line' : 'those lines'}, or save the file as UTF-8`
    );
  }
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
