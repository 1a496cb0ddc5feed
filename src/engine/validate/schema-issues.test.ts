// A value of the wrong type is named in a pack author's words, where it is, whatever the schema's
// own message: valibot's "Expected Array but received Object" reached the user before.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../pack.ts';

const messages = (text: string) =>
  compilePack([{ name: 'p.yml', text }]).errors.map((e) => `${e.line}:${e.column} ${e.message}`);

describe('schema errors say what was expected and what was written', () => {
  it('a map where a list belongs, a list where text belongs', () => {
    expect(messages('kind: classifier\nid: c\nname: C\npatterns: {regex: a}\n')).toEqual([
      '4:1 patterns must be a list, not a map',
    ]);
    expect(messages('title: t\nid: t\nlevel: [high]\ndetection:\n  s: {a: 1}\n  condition: s\n')).toEqual([
      '3:1 level must be text, not a list',
    ]);
  });

  it('a value of the wrong type is not called missing', () => {
    expect(messages('title: 5\nid: t\ndetection:\n  s: {a: 1}\n  condition: s\n')).toEqual([
      '1:1 title must be text, not the number 5',
    ]);
    expect(messages('id: t\ndetection:\n  s: {a: 1}\n  condition: s\n')).toEqual([
      expect.stringMatching(/title/),
    ]);
  });
});
