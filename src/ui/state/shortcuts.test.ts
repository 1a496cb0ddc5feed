import { describe, it, expect } from 'vitest';
import { createShortcutMatcher, SHORTCUTS } from './shortcuts.ts';

describe('keyboard shortcuts', () => {
  it('a two-key sequence goes to its screen', () => {
    const feed = createShortcutMatcher();
    expect(feed('g')).toBeNull();
    expect(feed('r')?.go).toBe('#/runs');
  });

  it('a stray key resets the sequence', () => {
    const feed = createShortcutMatcher();
    feed('g');
    expect(feed('x')).toBeNull();
    expect(feed('r')).toBeNull();
  });

  it('single keys act at once', () => {
    const feed = createShortcutMatcher();
    expect(feed('?')?.command).toBe('help');
    expect(feed('t')?.command).toBe('theme');
  });

  it('every area of the navigation has a shortcut', () => {
    for (const hash of ['#/scenarios', '#/data', '#/policies', '#/runs', '#/exercises']) {
      expect(SHORTCUTS.some((s) => s.go === hash)).toBe(true);
    }
  });

  it('no two shortcuts share a key sequence', () => {
    const seqs = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
