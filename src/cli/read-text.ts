// A text file as the user's logs come, in whatever encoding (src/engine/import/text-encoding.ts).
import { readFile } from 'node:fs/promises';
import { decodeText } from '../engine/import/text-encoding.ts';

export interface ReadText {
  text: string;
  /** Set when the encoding was guessed rather than known: a warning the caller passes on. */
  note?: string;
}

export async function readText(path: string): Promise<ReadText> {
  return decodeText(await readFile(path));
}
