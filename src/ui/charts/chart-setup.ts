// Chart.js, registered once with only the pieces the run charts use (keeps the bundle small).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export { Chart };

/**
 * Theme colours come from the CSS custom properties, so charts follow light and dark themes. One
 * computed style per call of `themeColors` (each read can force a style recalculation).
 */
export function themeColors(): (name: string, fallback: string) => string {
  const style = getComputedStyle(document.documentElement);
  return (name, fallback) => (name.startsWith('--') ? style.getPropertyValue(name).trim() : '') || fallback;
}

/** One theme colour; `themeColors` reads several for the cost of one. */
export function cssColor(name: string, fallback: string): string {
  return themeColors()(name, fallback);
}

const PALETTE = [
  '--sev-critical',
  '--sev-high',
  '--sev-medium',
  '--sev-low',
  '--sev-informational',
  '--sec',
  '--it',
  '--ok',
];

export function paletteColor(index: number, color = themeColors()): string {
  return color(PALETTE[index % PALETTE.length] ?? '--accent', '#0b57d0');
}
