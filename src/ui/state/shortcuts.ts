// Keyboard shortcuts: one table, shown under "?" and used by the key handler, so the help never lies.

export interface Shortcut {
  keys: string[];
  description: string;
  /** A hash to go to, or a command the shell performs. */
  go?: string;
  command?: 'help' | 'theme' | 'focus-filter' | 'close';
}

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
  { keys: ['Escape'], description: 'Close a dialog', command: 'close' },
];

/**
 * Feeds keys one at a time; returns the shortcut a sequence completes, or null. A prefix (`g`) is
 * remembered until the next key, like Gmail's and GitHub's two-key shortcuts.
 */
export function createShortcutMatcher(table: readonly Shortcut[] = SHORTCUTS) {
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
