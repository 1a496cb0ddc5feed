// The pack being edited: its files, and every autosaved version (restorable). Versions persist in
// local storage as overlays on the shipped default pack; the store's packVersions table takes over
// when its client is wired in.
import type { PackFile } from '../../engine/types.ts';
import {
  AUTOSAVE_NOTE,
  filesOf,
  isSameOverlay,
  overlayOf,
  versionsToKeep,
  type PackVersion,
} from './pack-versions.ts';

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
  /** Set when another tab of the app saved a version: its text is in the history, not in this editor. */
  otherTab: string | null = $state(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listening = false;

  load(base: PackFile[]): void {
    this.base = base;
    const shipped: PackVersion = {
      version: 1,
      savedAt: new Date().toISOString(),
      note: 'Default pack as shipped',
      changed: {},
      removed: [],
    };
    this.versions = [shipped, ...readStored()];
    const latest = this.versions[this.versions.length - 1] ?? shipped;
    this.version = latest.version;
    this.files = filesOf(base, latest);
    this.listen();
  }

  /**
   * Two tabs edit one history: a version another tab saves is merged into this tab's history (and
   * the user told) rather than overwritten by this tab's next save; an edit still waiting for its
   * autosave is saved when the page is hidden or closed, so a quick reload loses nothing.
   */
  private listen(): void {
    if (this.listening || typeof window === 'undefined') return;
    this.listening = true;
    window.addEventListener('storage', (event) => {
      if (event.key !== KEY) return;
      const added = this.merge(readStored());
      if (added.length > 0)
        this.otherTab = `Another tab saved version ${added.map((v) => v.version).join(', ')}: it is in the history; this editor still holds version ${this.version}.`;
    });
    window.addEventListener('pagehide', () => this.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flush();
    });
  }

  /** Saves an edit still waiting for its autosave. */
  flush(): void {
    if (this.saveState === 'pending') this.saveVersion(AUTOSAVE_NOTE);
  }

  /** Adds versions of the stored history this tab has not seen; returns them. */
  private merge(stored: readonly PackVersion[]): PackVersion[] {
    const known = new Set(this.versions.map(versionKey));
    // A version another tab ran with is kept by this tab's saves too.
    const ran = new Set(stored.filter((v) => v.ran === true).map(versionKey));
    if (this.versions.some((v) => v.ran !== true && ran.has(versionKey(v))))
      this.versions = this.versions.map((v) => (ran.has(versionKey(v)) ? { ...v, ran: true } : v));
    const added = stored.filter((v) => !known.has(versionKey(v)));
    if (added.length > 0) this.versions = [...this.versions, ...added].sort((a, b) => a.version - b.version);
    return added;
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
    this.timer = setTimeout(() => this.saveVersion(AUTOSAVE_NOTE), AUTOSAVE_MS);
  }

  remove(name: string): void {
    this.files = this.files.filter((f) => f.name !== name);
    this.saveVersion(`Removed ${name}`);
  }

  /**
   * Saves the working copy as a new version unless it equals the latest one. Returns its number.
   * `forRun`: a run is made with it, so the history keeps it (`versionsToKeep`).
   */
  saveVersion(note: string, forRun = false): number {
    clearTimeout(this.timer);
    const overlay = overlayOf(this.base, this.files);
    const latest = this.versions[this.versions.length - 1];
    if (latest && isSameOverlay(latest, overlay)) {
      this.saveState = 'saved';
      this.version = latest.version;
      if (forRun && latest.version > 1 && latest.ran !== true) {
        this.versions = [...this.versions.slice(0, -1), { ...latest, ran: true }];
        this.persist();
      }
      return latest.version;
    }
    // Numbered after every version any tab has saved, so two tabs never save one number twice.
    this.merge(readStored());
    const version = Math.max(...this.versions.map((v) => v.version)) + 1;
    const saved: PackVersion = { version, savedAt: new Date().toISOString(), note, ...overlay };
    this.versions = [...this.versions, forRun ? { ...saved, ran: true } : saved];
    this.version = version;
    this.persist();
    return version;
  }

  restore(version: number): void {
    const v = this.versions.find((x) => x.version === version);
    if (!v) return;
    this.replace(filesOf(this.base, v), `Restored version ${version}`);
  }

  /** The pack becomes `files` (an imported archive, a restored version), saved as a version. */
  replace(files: PackFile[], note: string): number {
    this.files = files;
    return this.saveVersion(note);
  }

  private persist(): void {
    try {
      // (The stored history is merged first: another tab's versions are kept, not overwritten.)
      this.merge(readStored());
      const keep = versionsToKeep(
        this.versions.filter((v) => v.version > 1),
        KEEP,
      );
      localStorage.setItem(KEY, JSON.stringify(keep));
      this.saveState = 'saved';
    } catch {
      // Quota full or storage disabled: the versions live on in memory and the user is told.
      this.saveState = 'failed';
    }
  }
}

function readStored(): PackVersion[] {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as PackVersion[]).filter((v) => v.version > 1) : [];
  } catch {
    return [];
  }
}

const versionKey = (v: PackVersion) => `${v.version}\u0000${v.savedAt}`;

export const pack = new PackState();
