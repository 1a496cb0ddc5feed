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

/** Theme colours come from the CSS custom properties, so charts follow light and dark themes. */
export function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
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

export function paletteColor(index: number): string {
  return cssColor(PALETTE[index % PALETTE.length] ?? '--accent', '#0b57d0');
}
