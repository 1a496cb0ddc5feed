// A text file as the user's logs come, in whatever encoding (src/engine/import/text-encoding.ts),
// read whole: one string. Node's strings hold at most `MAX_STRING_LENGTH` characters (about 512 MiB
// of UTF-8), so a file too large for one is refused by name and size rather than with V8's bare
// "Invalid string length"; NDJSON, read line by line (read-dataset.ts), has no such limit.
import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
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
    return read(await readFile(path));
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
