// Hostile pack files: YAML nested beyond what can be read is a plain located message, and a file
// of many documents is loaded in time linear in its size.
import { describe, expect, it, vi } from 'vitest';
import { loadPack } from './load-pack.ts';

const INTERNALS = /maximum call stack|RangeError|ReferenceError/i;

describe('YAML nested too deeply', () => {
  it.each([
    ['lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['maps', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
  ])('flow %s 20,000 deep: a located "nested too deeply"', (_, nest) => {
    const text = `title: ok\ndetection: { s: { a: 1 }, condition: s }\n---\ntitle: deep\ndetection:\n  s: ${nest(20_000)}\n`;
    const { documents, errors } = loadPack([{ name: 'deep.yml', text }]);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.file).toBe('deep.yml');
      expect(error.message).toMatch(/nested too deeply/);
      expect(error.message).not.toMatch(INTERNALS);
    }
    expect(errors[0]?.line).toBe(6);
    // The document before it still loads.
    expect(documents.map((d) => d.data.title)).toEqual(['ok']);
  });

  it('an alias bomb names the problem without the library prefix', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i <= 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const { errors } = loadPack([{ name: 'bomb.yml', text: `${lines.join('\n')}\n` }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^YAML error: Excessive alias count/);
    expect(errors[0]?.message).not.toMatch(INTERNALS);
  });
});

describe('source lines', () => {
  it('sourceAt reads the character at a line and column (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['title: r', 'detection:', '  sel: { a: 1 }', "  condition: 'sel'"].join(eol) + eol;
      const doc = loadPack([{ name: 'p.yml', text }]).documents[0];
      const where = doc?.locateValue(['detection', 'condition']);
      expect(where).toMatchObject({ line: 4, column: 14 });
      expect(doc?.sourceAt?.(where!)).toBe("'");
      expect(doc?.sourceAt?.({ ...where!, column: 1 })).toBe(' ');
      expect(doc?.sourceAt?.({ ...where!, line: 99 })).toBeUndefined();
    }
  });

  it('does not split the whole file per lookup (quadratic in a file of many documents)', () => {
    // One document, then 200,000 comment lines: each lookup near the end used to split them all.
    const text = `title: r\ndetection: { s: { a: 1 }, condition: s }\n${'# filler\n'.repeat(200_000)}x: 1\n`;
    const doc = loadPack([{ name: 'p.yml', text }]).documents[0];
    expect(doc).toBeDefined();
    const last = { file: 'p.yml', line: 200_003, column: 1, path: '' };
    expect(doc?.sourceAt?.(last)).toBe('x');
    // Once the line table is built, a lookup reads one line: it never scans or splits the text again.
    const indexOf = vi.spyOn(String.prototype, 'indexOf');
    const split = vi.spyOn(String.prototype, 'split');
    try {
      for (let i = 0; i < 2000; i++)
        expect(doc?.sourceAt?.({ ...last, line: 200_003 - (i % 50) })).toBeDefined();
      expect(indexOf).not.toHaveBeenCalled();
      expect(split).not.toHaveBeenCalled();
    } finally {
      indexOf.mockRestore();
      split.mockRestore();
    }
  });
});
