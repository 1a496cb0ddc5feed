import { describe, expect, it } from 'vitest';
import { BINARY_NOTE, decodeText, WINDOWS_1252_NOTE } from './text-encoding.ts';

const TEXT = 'SSN 536-22-1847 — Müller';
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => utf16le(text).swap16();

describe('reading a text file whatever its encoding', () => {
  it('reads UTF-8 as it is, and drops a UTF-8 byte-order mark so offsets match the unmarked file', () => {
    expect(decodeText(Buffer.from(TEXT))).toEqual({ text: TEXT });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({
      text: TEXT,
    });
  });

  it('reads UTF-16 with a byte-order mark, little and big endian, without a warning', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)]))).toEqual({ text: TEXT });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]))).toEqual({ text: TEXT });
  });

  it('recognises UTF-16 without a mark by its zero bytes, and says it guessed', () => {
    const read = decodeText(utf16le(TEXT));
    expect(read.text).toBe(TEXT);
    expect(read.note).toMatch(/UTF-16/);
    expect(decodeText(utf16be(TEXT)).text).toBe(TEXT);
  });

  it('reads Latin-1 text behind a UTF-8 byte-order mark as Windows-1252, without the mark', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('j\xf6rg', 'latin1')]);
    expect(decodeText(bytes)).toEqual({ text: 'jörg', note: WINDOWS_1252_NOTE });
  });

  it('says a file with zero bytes that is not UTF-16 is binary, not logs', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(decodeText(png).note).toBe(BINARY_NOTE);
  });

  it('reads other non-UTF-8 bytes as Windows-1252: the en dash, euro and quotes of 0x80–0x9F too', () => {
    const bytes = Buffer.from([
      ...Buffer.from('M', 'latin1'),
      0xfc,
      ...Buffer.from('ller 536', 'latin1'),
      0x96,
      ...Buffer.from('22', 'latin1'),
      0x96,
      ...Buffer.from('1847 ', 'latin1'),
      0x80,
      0x93,
      0x94,
    ]);
    expect(decodeText(bytes)).toEqual({ text: 'Müller 536–22–1847 €“”', note: WINDOWS_1252_NOTE });
  });
});
