import { describe, expect, it } from 'vitest';
import {
  BINARY_NOTE,
  decodeText,
  firstInvalidUtf8,
  sniffEncoding,
  Utf8LinesDecoder,
  windows1252Note,
  WINDOWS_1252_NOTE,
} from './text-encoding.ts';

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
    expect(decodeText(bytes)).toEqual({
      text: 'jörg',
      note: windows1252Note({ line: 1, column: 2, byte: 0xf6 }),
    });
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
    expect(decodeText(bytes)).toEqual({
      text: 'Müller 536–22–1847 €“”',
      note: windows1252Note({ line: 1, column: 2, byte: 0xfc }),
    });
  });
});

describe('a file that is not UTF-8: where, and how much is read as Windows-1252', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('names the line and column of the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\nplain\n'), latin1('Jos\xe9,x\n')]);
    const read = decodeText(bytes);
    expect(read.text).toBe('a,b\nplain\nJosé,x\n');
    expect(read.note).toBe(
      `${WINDOWS_1252_NOTE}; the first byte that is not UTF-8 (0xE9) is on line 3, column 4`,
    );
    // Columns count characters, as an editor does: "é" before the bad byte is one.
    expect(sniffEncoding(Buffer.concat([Buffer.from('x\ncafé '), latin1('\xe9')]), true).note).toContain(
      'line 2, column 6',
    );
  });

  it('keeps the UTF-8 lines of a mostly UTF-8 file as they are, and names the few lines that are not', () => {
    const good = Array.from({ length: 2000 }, (_, i) => `{"user":"u${i}","content":"café ok"}\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from(good),
      latin1('{"user":"Jos\xe9"}\n'),
      Buffer.from('{"a":"Jürgen"}\n'),
    ]);
    const read = decodeText(bytes);
    expect(read.text).toBe(good + '{"user":"José"}\n{"a":"Jürgen"}\n');
    expect(read.text).not.toContain('Ã');
    expect(read.note).toContain('line 2001 (column 13) is not UTF-8');
    // The same in chunks cut anywhere, a character or a line apart.
    for (const size of [1, 3, 1000]) {
      const decoder = new Utf8LinesDecoder();
      let text = '';
      for (let at = 0; at < bytes.length; at += size)
        text += decoder.decode(bytes.subarray(at, at + size), { stream: true });
      text += decoder.decode();
      expect(text).toBe(read.text);
      expect(decoder.note()).toBe(read.note);
    }
  });

  it('still reads a Latin-1 file as Windows-1252 as a whole', () => {
    const read = decodeText(Buffer.concat([latin1('J\xfcrgen\n'), latin1('caf\xe9\n'), Buffer.from('ok\n')]));
    expect(read.text).toBe('Jürgen\ncafé\nok\n');
    expect(read.note).toContain('line 1, column 2');
  });

  it('finds the first byte that is not well-formed UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('aé€😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]), 0, 3, false)).toBe(-1);
  });
});
