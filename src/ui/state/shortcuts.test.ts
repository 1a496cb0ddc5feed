import { describe, it, expect } from 'vitest';
import { createShortcutMatcher, keyName, replayCommandFor, SHORTCUTS } from './shortcuts.ts';

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

  it('a presentation clicker steps the trainer replay, in presenter view and out of it', () => {
    for (const present of [false, true]) {
      expect(replayCommandFor('ArrowRight', present)).toBe('next');
      expect(replayCommandFor('PageDown', present)).toBe('next');
      expect(replayCommandFor('ArrowLeft', present)).toBe('back');
      expect(replayCommandFor('PageUp', present)).toBe('back');
      expect(replayCommandFor(' ', present)).toBe('play');
    }
  });

  it('reveal and leave act only in presenter view, so "g r" still goes to Runs', () => {
    expect(replayCommandFor('r', true)).toBe('reveal');
    expect(replayCommandFor('r', false)).toBeNull();
    expect(replayCommandFor('Escape', true)).toBe('leave');
    expect(replayCommandFor('Escape', false)).toBeNull();
    expect(replayCommandFor('x', true)).toBeNull();
  });

  it('the help lists the replay keys, and the shell does not take them', () => {
    for (const key of ['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 'Space']) {
      expect(SHORTCUTS.some((s) => s.keys[0] === key && s.replay)).toBe(true);
    }
    const feed = createShortcutMatcher();
    expect(feed('ArrowRight')).toBeNull();
    expect(feed('PageDown')).toBeNull();
    expect(feed('g')).toBeNull();
    expect(feed('r')?.go).toBe('#/runs');
    expect(keyName(' ')).toBe('Space');
  });
});
