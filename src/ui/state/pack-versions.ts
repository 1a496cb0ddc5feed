// Pack versions as overlays on the default pack: each saved version keeps only the files that differ
// from the shipped pack, so dozens of autosaves fit in the browser's local storage.
import type { PackFile } from '../../engine/types.ts';

export interface PackVersion {
  version: number;
  savedAt: string;
  note: string;
  /** Files whose text differs from the base pack, or that the base pack lacks. */
  changed: Record<string, string>;
  /** Base-pack files this version deleted. */
  removed: string[];
  /** A run was made with this version: the Runs screen names it, so it is never pruned. */
  ran?: boolean;
}

/** The note of a version saved by the editor's timer, not by a step the user took. */
export const AUTOSAVE_NOTE = 'Autosave';

/**
 * The versions the history keeps: every one a run was made with or the user saved by a step of
 * their own (a restore, an import, a removed file), and the newest `autosaves` of the others. Only
 * autosaves go: a long editing session made of autosaves pushed out the version a stored run names.
 */
export function versionsToKeep(versions: readonly PackVersion[], autosaves: number): PackVersion[] {
  const plain = versions.filter((v) => v.note === AUTOSAVE_NOTE && v.ran !== true);
  const dropped = new Set(plain.slice(0, Math.max(0, plain.length - autosaves)));
  return versions.filter((v) => !dropped.has(v));
}

export function overlayOf(
  base: readonly PackFile[],
  files: readonly PackFile[],
): Pick<PackVersion, 'changed' | 'removed'> {
  const baseText = new Map(base.map((f) => [f.name, f.text]));
  const names = new Set(files.map((f) => f.name));
  const changed: Record<string, string> = {};
  for (const f of files) if (baseText.get(f.name) !== f.text) changed[f.name] = f.text;
  const removed = base.filter((f) => !names.has(f.name)).map((f) => f.name);
  return { changed, removed };
}

export function filesOf(
  base: readonly PackFile[],
  version: Pick<PackVersion, 'changed' | 'removed'>,
): PackFile[] {
  const removed = new Set(version.removed);
  const out = base
    .filter((f) => !removed.has(f.name))
    .map((f) => ({ name: f.name, text: version.changed[f.name] ?? f.text }));
  for (const [name, text] of Object.entries(version.changed))
    if (!out.some((f) => f.name === name)) out.push({ name, text });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function isSameOverlay(
  a: Pick<PackVersion, 'changed' | 'removed'>,
  b: Pick<PackVersion, 'changed' | 'removed'>,
): boolean {
  return (
    JSON.stringify([a.changed, [...a.removed].sort()]) === JSON.stringify([b.changed, [...b.removed].sort()])
  );
}
