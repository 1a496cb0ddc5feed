// A text file as the user's logs come: UTF-8 as a rule, but exports from older systems are often
// Latin-1 (Windows-1252). Decoding those as UTF-8 would turn every accented letter into U+FFFD and
// lose it; they are read as Latin-1 instead, and the caller says so.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

export async function readText(path: string): Promise<{ text: string; latin1: boolean }> {
  const bytes = await readFile(path);
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), latin1: false };
  return { text: bytes.toString('latin1'), latin1: true };
}

export const LATIN1_NOTE =
  'not UTF-8: read as Latin-1 (each byte one character); save it as UTF-8 to be sure';
