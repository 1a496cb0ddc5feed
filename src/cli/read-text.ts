// A text file as the user's logs come, in whatever encoding (src/engine/import/text-encoding.ts),
// read whole: one string. Node's strings hold at most `MAX_STRING_LENGTH` characters (about 512 MiB
// of UTF-8), so a file too large for one is refused by name and size rather than with V8's bare
// "Invalid string length"; NDJSON, read line by line (read-dataset.ts), has no such limit.
import { constants } from 'node:buffer';
import { lstat, open, readFile, readlink, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { decodeText, type DecodedText } from '../engine/import/text-encoding.ts';

/** The most characters one string holds (V8: 2^29 − 24). */
export const MAX_TEXT_CHARS: number = constants.MAX_STRING_LENGTH;

/** A byte count as people read it: `612 MB` (decimal units, as `ls -lh --si` and file managers). */
export function sizeOf(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The error for a file whose text does not fit in one string. */
export function tooLargeError(path: string, bytes: number): Error {
  return new Error(
    `cannot read "${path}" (${sizeOf(bytes)}): this kind of file is read whole, as one piece of text, ` +
      `and Node holds at most ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters (about 512 MiB) in one; ` +
      'only NDJSON (.ndjson, .jsonl: one event per line) is read line by line, at any size: split the file or convert it to NDJSON',
  );
}

/** Whether an error is the engine refusing a string over its limit (while decoding or joining). */
export function isStringTooLong(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG' ||
    (error instanceof RangeError && /Invalid string length/.test(error.message))
  );
}

/**
 * Runs `read` on a file that is read whole, turning "the text does not fit in a string" into an
 * error naming the file and its size. A file of more than two bytes per character a string holds
 * cannot fit in any encoding and is refused before it is read.
 */
async function wholeText<T>(path: string, read: (bytes: Buffer) => T): Promise<T> {
  const { size } = await stat(path);
  if (size > 2 * MAX_TEXT_CHARS + 2) throw tooLargeError(path, size);
  try {
    const bytes = await readFile(path);
    const packed = compressionOf(bytes);
    if (packed !== undefined) throw new CompressedFileError(path, packed);
    return read(bytes);
  } catch (error) {
    if (isStringTooLong(error) || (error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE')
      throw tooLargeError(path, size);
    throw error;
  }
}

/** A whole file's text, in the encoding its bytes tell, and a note when that was guessed. */
export async function readText(path: string): Promise<DecodedText> {
  return wholeText(path, decodeText);
}

/** A whole file's text as UTF-8 (the JSON tables of a bundle). */
export async function readUtf8(path: string): Promise<string> {
  return wholeText(path, (bytes) => bytes.toString('utf8'));
}

/** Compressed files, told by their first bytes, and the command that unpacks each. */
const COMPRESSIONS: readonly { name: string; magic: readonly number[]; unpack: string }[] = [
  { name: 'gzip', magic: [0x1f, 0x8b], unpack: 'gunzip -k' },
  { name: 'zip', magic: [0x50, 0x4b, 0x03, 0x04], unpack: 'unzip' },
  { name: 'zip', magic: [0x50, 0x4b, 0x05, 0x06], unpack: 'unzip' },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68], unpack: 'bunzip2 -k' },
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], unpack: 'unxz -k' },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd], unpack: 'unzstd' },
];

/** The compression a file's first bytes say it has (`gzip`, `zip` …), or undefined for any other file. */
export function compressionOf(head: Uint8Array): string | undefined {
  const found = COMPRESSIONS.find(({ magic }) => magic.every((byte, i) => head[i] === byte));
  // "BZh" is text too: bzip2 follows it with its block size, a digit 1–9.
  if (found?.name === 'bzip2' && !(head[3]! >= 0x31 && head[3]! <= 0x39)) return undefined;
  return found?.name;
}

/** A log that is a compressed archive: the readers read text only, so it must be unpacked first. */
export class CompressedFileError extends Error {
  readonly suggestion: string;
  constructor(
    readonly path: string,
    readonly compression: string,
  ) {
    super(`${basename(path)} is ${compression}-compressed, not text: decompress it first`);
    const unpack = COMPRESSIONS.find((c) => c.name === compression)?.unpack ?? 'decompress';
    this.suggestion =
      compression === 'gzip'
        ? `${unpack} "${path}", then read the unpacked file; or read it without unpacking: --data <(zcat "${path}")`
        : `${unpack} "${path}", then read the unpacked file`;
  }
}

/** A regular file's compression, by its first bytes (a pipe or device is not peeked at). */
export async function compressionOfFile(path: string): Promise<string | undefined> {
  const info = await stat(path);
  if (!info.isFile()) return undefined;
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return compressionOf(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Why a file could not be opened or read, as a user can act on it (a broken link names its target). */
export async function whyUnreadable(path: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    try {
      if ((await lstat(path)).isSymbolicLink())
        return `it is a broken symbolic link: its target "${await readlink(path)}" does not exist`;
    } catch {
      // Gone altogether.
    }
    return 'it does not exist any more (removed while it was being read?)';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'it is a loop of symbolic links';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
