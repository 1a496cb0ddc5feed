// Chart.js arrives with the first chart drawn (or once the app is idle, see later-parts.ts), not with
// the app: the first paint does not wait for a library only the results screens use.
import { afterPaint } from '../state/after-paint.ts';
import { loadOnce } from '../state/load-once.ts';

type ChartModule = typeof import('./chart-setup.ts');

/** The theme's colours a chart is drawn in: any custom property, and its text and grid lines. */
export interface ChartColors {
  color: (name: string, fallback: string) => string;
  text: string;
  grid: string;
}

export const loadCharts = loadOnce(() => import('./chart-setup.ts'));

/**
 * Draws a chart once Chart.js is loaded, after the screen has painted (one chart per frame, see
 * after-paint.ts), in the theme's colours as they are then; `onFailed` when it cannot be loaded.
 * Returns the cancel: an effect's cleanup.
 */
export function drawChart(
  draw: (charts: ChartModule, colors: ChartColors) => void,
  onFailed: () => void,
): () => void {
  let live = true;
  let stop = () => {};
  loadCharts().then(
    (charts) => {
      if (!live) return;
      stop = afterPaint(() => {
        const color = charts.themeColors();
        draw(charts, { color, text: color('--text', '#16191f'), grid: color('--border', '#c9d0da') });
      });
    },
    () => {
      if (live) onFailed();
    },
  );
  return () => {
    live = false;
    stop();
  };
}
