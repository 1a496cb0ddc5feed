// YAML the JavaScript value would not keep, and YAML the library reads only when told: each row is
// a located diagnostic (or a clean load), never a silent change of what the author wrote.
import { describe, expect, it } from 'vitest';
import { loadPack } from './load-pack.ts';

const rule = (selection: string) => `title: t\nid: t\ndetection:\n  sel: ${selection}\n  condition: sel\n`;

describe('values the document would lose', () => {
  it('a plain integer too large to hold exactly is an error at the value, with its path', () => {
    const { documents, errors } = loadPack([{ name: 'p.yml', text: rule('{ card: 99999999999999999999 }') }]);
    expect(errors).toMatchObject([
      {
        file: 'p.yml',
        line: 4,
        column: 16,
        path: 'detection.sel.card',
        severity: 'error',
        message:
          'the integer 99999999999999999999 is too large to hold exactly: it would be read as 100000000000000000000',
      },
    ]);
    expect(errors[0]?.suggestion).toMatch(/^quote it/);
    // The document still loads: its other problems are found by the later stages.
    expect(documents).toHaveLength(1);
  });

  it('integers a number holds, quoted digits and written exponents are left alone', () => {
    for (const value of ['9007199254740991', "'99999999999999999999'", '1e19', '-42', '0x1F', '3.5'])
      expect(loadPack([{ name: 'p.yml', text: rule(`{ n: ${value} }`) }]).errors).toEqual([]);
  });

  it('an integer of hundreds of digits is named shortly', () => {
    const { errors } = loadPack([{ name: 'p.yml', text: rule(`{ n: 1${'0'.repeat(400)} }`) }]);
    expect(errors[0]?.message).toBe(
      'the integer 10000000000000000000… (401 digits) is too large to hold exactly: it would be read as Infinity',
    );
  });

  it('a key that is a list or a map is an error at the key (not a console warning)', () => {
    const { errors } = loadPack([
      { name: 'p.yml', text: rule('{ ? [a, b] : 1 }') },
      { name: 'q.yml', text: rule('\n    ? { a: 1 }\n    : 2') },
    ]);
    expect(errors).toMatchObject([
      {
        file: 'p.yml',
        line: 4,
        column: 12,
        path: 'detection.sel',
        message: 'a key must be text, not a list',
      },
      { file: 'q.yml', line: 5, column: 7, path: 'detection.sel', message: 'a key must be text, not a map' },
    ]);
  });
});

describe('YAML tags', () => {
  it.each([
    ['!!js/function "function () {}"', 'unknown YAML tag !!js/function'],
    ['!binary aGVsbG8=', 'unknown YAML tag !binary'],
    ['!custom x', 'unknown YAML tag !custom'],
  ])('%s is refused where it is written', (value, message) => {
    const { errors } = loadPack([{ name: 'p.yml', text: rule(`{ user.name: ${value} }`) }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'p.yml', line: 4, column: 21, severity: 'error' });
    expect(errors[0]?.message).toMatch(new RegExp(`^${message.replace(/[!/]/g, '\\$&')}: remove it`));
  });
});

describe('YAML that other YAML readers take', () => {
  it('a file whose lines end in a lone CR (old Mac) loads, and is located by line', () => {
    const text = 'title: t\rid: t\rdetection:\r  sel: { a: 1 }\r  condition: sel\r';
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(errors).toEqual([]);
    expect(documents[0]?.locate(['detection', 'condition'])).toMatchObject({ line: 5, column: 3 });
  });

  it('merge keys (<<) merge, as PyYAML reads Sigma rules', () => {
    const text =
      'title: t\nid: t\nbase: &base { user.name: alice, host.name: h }\ndetection:\n  sel:\n    <<: *base\n    event.action: x\n  condition: sel\n';
    const { documents, errors } = loadPack([{ name: 'p.yml', text }]);
    expect(errors).toEqual([]);
    expect(documents[0]?.data.detection).toEqual({
      sel: { 'user.name': 'alice', 'host.name': 'h', 'event.action': 'x' },
      condition: 'sel',
    });
  });

  it('a merged alias bomb is still refused', () => {
    const lines = ['a: &a { x: 1 }'];
    for (let i = 1; i <= 12; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(
        `${name}: &${name} { <<: [*${previous}, *${previous}], k${i}: [*${previous}, *${previous}, *${previous}] }`,
      );
    }
    const { errors } = loadPack([{ name: 'p.yml', text: `${lines.join('\n')}\n` }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^YAML error: Excessive alias count/);
  });
});
