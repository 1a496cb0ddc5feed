// Light and dark themes: the system preference by default, a toggle that is remembered per browser.
export type ThemeChoice = 'light' | 'dark';

const KEY = 'dlp-sim.theme';

function systemTheme(): ThemeChoice {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

function savedTheme(): ThemeChoice | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

class Theme {
  current: ThemeChoice = $state('light');

  start(): void {
    this.apply(savedTheme() ?? systemTheme());
  }

  toggle(): void {
    const next = this.current === 'dark' ? 'light' : 'dark';
    this.apply(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only, which is fine.
    }
  }

  private apply(choice: ThemeChoice): void {
    this.current = choice;
    document.documentElement.dataset.theme = choice;
  }
}

export const theme = new Theme();
