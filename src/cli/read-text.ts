// A text file as the user's logs come, in whatever encoding (src/engine/import/text-encoding.ts).
import { readFile } from 'node:fs/promises';
import { decodeText, type DecodedText } from '../engine/import/text-encoding.ts';

export async function readText(path: string): Promise<DecodedText> {
  return decodeText(await readFile(path));
}
