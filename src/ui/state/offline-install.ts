// Registers the service worker that keeps this build in Cache Storage (workers/offline-cache.ts), so
// the app opens, imports and runs with no network once it has been opened. Only the built app has
// one (the dev server rebuilds files on every change); a browser without service workers, or a page
// served over plain http from another machine, works as before, online.
import { OFFLINE_CACHE_SCRIPT } from '../../../workers/offline-cache-script.ts';

export function installOfflineCache(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const script = new URL(OFFLINE_CACHE_SCRIPT, document.baseURI);
  // A failed install (storage full, a file gone after an update) leaves the app as it was: online.
  navigator.serviceWorker.register(script, { scope: './' }).catch((error: unknown) => {
    console.warn('The app could not be kept for offline use:', error);
  });
}
