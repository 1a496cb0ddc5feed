import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.ts';

describe('resource path patterns', () => {
  it.each([
    ['/srv/share/*', '/srv/share/a.txt', true],
    ['/srv/share/*', '/srv/share/a/b.txt', false],
    ['/srv/share/**', '/srv/share/a/b.txt', true],
    ['/srv/**/b.txt', '/srv/b.txt', true],
    ['/srv/?.txt', '/srv/a.txt', true],
    // Windows and UNC paths: a backslash separates folders as a slash does.
    ['\\\\hr-fs01\\compensation\\executive\\*', '\\\\hr-fs01\\compensation\\executive\\ceo.xlsx', true],
    [
      '\\\\hr-fs01\\compensation\\executive\\*',
      '\\\\hr-fs01\\compensation\\executive\\2026\\ceo.xlsx',
      false,
    ],
    ['\\\\hr-fs01\\compensation\\**', '\\\\HR-FS01\\Compensation\\executive\\2026\\ceo.xlsx', true],
    ['\\\\hr-fs01\\**\\ceo.xlsx', '\\\\hr-fs01\\ceo.xlsx', true],
    ['C:\\Users\\?\\x', 'C:\\Users\\a\\b\\x', false],
  ])('%s against %s: %s', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});
