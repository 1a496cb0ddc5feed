// A short key of a pack's files, for caches: which pack a compiled pack (a worker's) or a kept
// score (an exercise's) belongs to.
import type { PackFile } from './types.ts';

/** FNV-1a over names and texts: a cache key, not a security measure. */
export function packHash(files: readonly PackFile[]): string {
  let hash = 0x811c9dc5;
  for (const file of files)
    for (const text of [file.name, '\u0000', file.text, '\u0001'])
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16)}-${files.length}`;
}
