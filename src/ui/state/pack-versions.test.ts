import { describe, it, expect } from 'vitest';
import { filesOf, isSameOverlay, overlayOf } from './pack-versions.ts';

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
});
