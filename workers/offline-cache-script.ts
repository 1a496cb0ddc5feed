/** The service worker's file in the build: at its root, so that its scope is the whole app. */
export const OFFLINE_CACHE_SCRIPT = 'offline-cache.js';
