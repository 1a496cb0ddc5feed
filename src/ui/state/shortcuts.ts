// Keyboard shortcuts: one table, shown under "?" and used by the key handler, so the help never lies.

export interface Shortcut {
  keys: string[];
  description: string;
  /** A hash to go to, or a command the shell performs. */
  go?: string;
  command?: 'help' | 'theme' | 'focus-filter' | 'close';
  /**
   * A trainer replay key: handled by the trainer screen, not by the shell, so arrows and Page keys
   * keep scrolling everywhere else. `presenterOnly` keys act only in presenter view.
   */
  replay?: ReplayCommand;
  presenterOnly?: boolean;
}

export type ReplayCommand = 'next' | 'back' | 'play' | 'reveal' | 'leave';

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], description: 'Show or hide this list of shortcuts', command: 'help' },
  { keys: ['g', 'h'], description: 'Go to Start here', go: '#/' },
  { keys: ['g', 's'], description: 'Go to Scenarios', go: '#/scenarios' },
  { keys: ['g', 'd'], description: 'Go to Data', go: '#/data' },
  { keys: ['g', 'p'], description: 'Go to Policies', go: '#/policies' },
  { keys: ['g', 'r'], description: 'Go to Runs', go: '#/runs' },
  { keys: ['g', 'c'], description: 'Go to Compare runs', go: '#/compare' },
  { keys: ['g', 'e'], description: 'Go to Exercises', go: '#/exercises' },
  { keys: ['t'], description: 'Switch between light and dark theme', command: 'theme' },
  {
    keys: ['/'],
    description: 'Focus the first filter or search field of the screen',
    command: 'focus-filter',
  },
  { keys: ['Escape'], description: 'Close a dialog; in presenter view, leave it', command: 'close' },
  // Trainer replay. Presentation clickers send ArrowRight/ArrowLeft or PageDown/PageUp.
  { keys: ['ArrowRight'], description: 'Trainer replay: next step', replay: 'next' },
  {
    keys: ['PageDown'],
    description: 'Trainer replay: next step (a clicker’s forward button)',
    replay: 'next',
  },
  { keys: ['ArrowLeft'], description: 'Trainer replay: previous step', replay: 'back' },
  {
    keys: ['PageUp'],
    description: 'Trainer replay: previous step (a clicker’s back button)',
    replay: 'back',
  },
  { keys: ['Space'], description: 'Trainer replay: play or pause', replay: 'play' },
  {
    keys: ['r'],
    description: 'Trainer presenter view: reveal or hide the ground truth',
    replay: 'reveal',
    presenterOnly: true,
  },
];

/** The name a key has in the table: the space bar's `event.key` is " ", shown as "Space". */
export const keyName = (key: string): string => (key === ' ' ? 'Space' : key);

/**
 * The trainer replay's command for a key, or null. Outside presenter view only stepping and play
 * work, so "g" then "r" still goes to Runs; Escape leaves presenter view.
 */
export function replayCommandFor(
  key: string,
  present: boolean,
  table: readonly Shortcut[] = SHORTCUTS,
): ReplayCommand | null {
  if (present && key === 'Escape') return 'leave';
  const name = keyName(key);
  const hit = table.find((s) => s.replay && s.keys.length === 1 && s.keys[0] === name);
  if (!hit?.replay || (hit.presenterOnly && !present)) return null;
  return hit.replay;
}

/**
 * Feeds keys one at a time; returns the shortcut a sequence completes, or null. A prefix (`g`) is
 * remembered until the next key, like Gmail's and GitHub's two-key shortcuts.
 */
export function createShortcutMatcher(table: readonly Shortcut[] = SHORTCUTS.filter((s) => !s.replay)) {
  let pending: string[] = [];
  return (key: string): Shortcut | null => {
    const sequence = [...pending, key];
    const done = table.find(
      (s) => s.keys.length === sequence.length && s.keys.every((k, i) => k === sequence[i]),
    );
    if (done) {
      pending = [];
      return done;
    }
    const prefix = table.some(
      (s) => s.keys.length > sequence.length && sequence.every((k, i) => s.keys[i] === k),
    );
    pending = prefix ? sequence : [];
    return null;
  };
}

/** Typing in a field, or in the code editor, must never trigger navigation. */
export function isTypingTarget(target: EventTarget | null): boolean {
  // The code editor lives in a shadow root: callers pass the event's composed path's first element.
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable === true ||
    el.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null
  );
}

/** Space on a focused button or link presses it: the replay must not toggle play as well. */
export function isControlTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  return (target as HTMLElement).closest('button, a[href], summary, [role="button"], dialog') !== null;
}
