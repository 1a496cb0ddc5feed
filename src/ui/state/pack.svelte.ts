// The pack being edited: its files, and every autosaved version (restorable). Versions persist in
// local storage as overlays on the shipped default pack; the store's packVersions table takes over
// when its client is wired in.
import type { PackFile } from '../../engine/types.ts';
import { filesOf, isSameOverlay, overlayOf, type PackVersion } from './pack-versions.ts';

const KEY = 'dlp-sim.pack-versions.v1';
const AUTOSAVE_MS = 800;
const KEEP = 40;

class PackState {
  base: PackFile[] = $state.raw([]);
  files: PackFile[] = $state.raw([]);
  versions: PackVersion[] = $state.raw([]);
  /** The version the working copy was last saved as; 1 is the shipped pack. */
  version = $state(1);
  saveState: 'saved' | 'pending' | 'failed' = $state('saved');
  private timer: ReturnType<typeof setTimeout> | undefined;

  load(base: PackFile[]): void {
    this.base = base;
    const shipped: PackVersion = {
      version: 1,
      savedAt: new Date().toISOString(),
      note: 'Default pack as shipped',
      changed: {},
      removed: [],
    };
    let saved: PackVersion[] = [];
    try {
      const raw = localStorage.getItem(KEY);
      if (raw) saved = (JSON.parse(raw) as PackVersion[]).filter((v) => v.version > 1);
    } catch {
      saved = [];
    }
    this.versions = [shipped, ...saved];
    const latest = this.versions[this.versions.length - 1] ?? shipped;
    this.version = latest.version;
    this.files = filesOf(base, latest);
  }

  file(name: string): PackFile | undefined {
    return this.files.find((f) => f.name === name);
  }

  edit(name: string, text: string): void {
    this.files = this.files.some((f) => f.name === name)
      ? this.files.map((f) => (f.name === name ? { name, text } : f))
      : [...this.files, { name, text }].sort((a, b) => a.name.localeCompare(b.name));
    this.saveState = 'pending';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveVersion('Autosave'), AUTOSAVE_MS);
  }

  remove(name: string): void {
    this.files = this.files.filter((f) => f.name !== name);
    this.saveVersion(`Removed ${name}`);
  }

  /** Saves the working copy as a new version unless it equals the latest one. Returns its number. */
  saveVersion(note: string): number {
    clearTimeout(this.timer);
    const overlay = overlayOf(this.base, this.files);
    const latest = this.versions[this.versions.length - 1];
    if (latest && isSameOverlay(latest, overlay)) {
      this.saveState = 'saved';
      this.version = latest.version;
      return latest.version;
    }
    const version = (latest?.version ?? 0) + 1;
    this.versions = [...this.versions, { version, savedAt: new Date().toISOString(), note, ...overlay }];
    this.version = version;
    this.persist();
    return version;
  }

  restore(version: number): void {
    const v = this.versions.find((x) => x.version === version);
    if (!v) return;
    this.files = filesOf(this.base, v);
    this.saveVersion(`Restored version ${version}`);
  }

  private persist(): void {
    try {
      const keep = this.versions.filter((v) => v.version > 1).slice(-KEEP);
      localStorage.setItem(KEY, JSON.stringify(keep));
      this.saveState = 'saved';
    } catch {
      // Quota full or storage disabled: the versions live on in memory and the user is told.
      this.saveState = 'failed';
    }
  }
}

export const pack = new PackState();
