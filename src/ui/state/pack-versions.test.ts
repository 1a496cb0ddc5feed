import { describe, it, expect } from 'vitest';
import { filesOf, isSameOverlay, overlayOf, versionsToKeep, type PackVersion } from './pack-versions.ts';

const base = [
  { name: 'policies/default/rules/a.yml', text: 'a' },
  { name: 'policies/default/rules/b.yml', text: 'b' },
];

describe('pack versions as overlays on the default pack', () => {
  it('a version keeps only what differs, and gives the same files back', () => {
    const files = [
      { name: 'policies/default/rules/a.yml', text: 'a2' },
      { name: 'policies/default/rules/c.yml', text: 'c' },
    ];
    const overlay = overlayOf(base, files);
    expect(overlay).toEqual({
      changed: { 'policies/default/rules/a.yml': 'a2', 'policies/default/rules/c.yml': 'c' },
      removed: ['policies/default/rules/b.yml'],
    });
    expect(filesOf(base, overlay)).toEqual(files);
  });

  it('the unchanged pack is an empty overlay', () => {
    expect(overlayOf(base, base)).toEqual({ changed: {}, removed: [] });
    expect(isSameOverlay(overlayOf(base, base), { changed: {}, removed: [] })).toBe(true);
  });

  it('the history drops only the oldest autosaves: a version a run was made with, or saved by a step, stays', () => {
    const version = (n: number, note: string, ran?: boolean): PackVersion => ({
      version: n,
      savedAt: `2026-11-30T10:00:${String(n).padStart(2, '0')}Z`,
      note,
      changed: { 'policies/default/rules/a.yml': `a${n}` },
      removed: [],
      ...(ran !== undefined && { ran }),
    });
    const history = [
      version(2, 'Autosave', true), // a run was made with it
      version(3, 'Autosave'),
      version(4, 'Restored version 2'),
      version(5, 'Autosave'),
      version(6, 'Autosave'),
      version(7, 'Before run', true),
      version(8, 'Autosave'),
    ];
    expect(versionsToKeep(history, 2).map((v) => v.version)).toEqual([2, 4, 6, 7, 8]);
    expect(versionsToKeep(history, 0).map((v) => v.version)).toEqual([2, 4, 7]);
    expect(versionsToKeep(history, 10)).toEqual(history);
  });
});
