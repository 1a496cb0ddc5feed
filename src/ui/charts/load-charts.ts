// Chart.js arrives with the first chart drawn (or once the app is idle, see later-parts.ts), not with
// the app: the first paint does not wait for a library only the results screens use.
import { afterPaint } from '../state/after-paint.ts';

type ChartModule = typeof import('./chart-setup.ts');

let loading: Promise<ChartModule> | undefined;

export function loadCharts(): Promise<ChartModule> {
  loading ??= import('./chart-setup.ts');
  // A failed load (the app was updated and the old chunk is gone) is tried again by the next chart.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * Draws a chart once Chart.js is loaded, after the screen has painted (one chart per frame, see
 * after-paint.ts); `onFailed` when it cannot be loaded. Returns the cancel: an effect's cleanup.
 */
export function drawChart(draw: (charts: ChartModule) => void, onFailed: () => void): () => void {
  let live = true;
  let stop = () => {};
  loadCharts().then(
    (charts) => {
      if (live) stop = afterPaint(() => draw(charts));
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
