// The parts of the app loaded with the screens that use them (the pack editor, the charts) are
// fetched once the first run is done and the page is idle: the first paint does not wait for them,
// yet their screens open at once and work offline once the app has started. The service worker that
// keeps the whole build for offline use is registered then too.
import { loadCharts } from '../charts/load-charts.ts';
import { loadYamlEditor } from '../panels/load-yaml-editor.ts';
import { installOfflineCache } from './offline-install.ts';

export function preloadLaterParts(): void {
  const load = () => {
    // A failure here is told by the screen that needs the part, when it is opened.
    loadYamlEditor().catch(() => undefined);
    loadCharts().catch(() => undefined);
    installOfflineCache();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 3000 });
  else setTimeout(load, 500);
}
