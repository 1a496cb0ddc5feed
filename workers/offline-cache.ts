// The app's service worker. It keeps every file of this build in Cache Storage, so the app opens,
// imports and runs with no network once it has been opened (a classroom without Wi-Fi, a laptop on
// a train). The page registers it once the first run is done (src/ui/state/later-parts.ts).
//
// Files are named by their content hash, so a cached file never goes stale: each build has its own
// cache, filled whole at install. A new build's worker waits until no tab runs the old build (no
// `skipWaiting`): a tab keeps the files of its own build, including parts it has not loaded yet (the
// import worker), and the old cache is dropped only when the new worker takes over. A page load
// asks the network first, so a new build is seen at once while the network is there, and falls
// back to the cached index.html only when the network cannot answer at all (an error page from the
// server is shown as it is). Nothing here talks to another origin.

/** Written into the built script by the build (offlineCache in vite.config.ts). */
interface OfflineBuild {
  /** A digest of every file of the build: a new build is a new service worker and a new cache. */
  version: string;
  /** Every file of the build, relative to this script (which sits at the root of the build). */
  files: string[];
}

const worker = self as unknown as ServiceWorkerGlobalScope;
const BUILD = JSON.parse('__DLP_OFFLINE_BUILD__') as OfflineBuild;
const CACHE_PREFIX = 'dlp-offline-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const PAGE = new URL('index.html', worker.location.href).href;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `no-cache`: revalidated with the server, so a file the HTTP cache kept from an older build
      // cannot slip into this build's cache. One missing file fails the install: all or nothing.
      await cache.addAll(BUILD.files.map((file) => new Request(file, { cache: 'no-cache' })));
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? pageLoad(request) : file(request));
});

/** The network's page when it answers, else this build's page. */
async function pageLoad(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(PAGE, { cacheName: CACHE, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

/**
 * A file of a build from the cache; anything else (or a cache evicted under us) from the network.
 * The other builds' caches are searched too: a page of a newer build, loaded while this worker
 * still serves an older tab, finds its files in the newer worker's cache (filled at its install).
 * Names carry content hashes, so one name is one content in every cache.
 */
async function file(request: Request): Promise<Response> {
  // `ignoreVary`: servers answer `Vary: Origin`, and a module script's request carries an Origin
  // header the install's requests did not; the file is the same either way.
  const options = { ignoreSearch: true, ignoreVary: true };
  const cached = await caches.match(request, { ...options, cacheName: CACHE });
  if (cached) return cached;
  for (const name of await caches.keys()) {
    if (name === CACHE || !name.startsWith(CACHE_PREFIX)) continue;
    const other = await caches.match(request, { ...options, cacheName: name });
    if (other) return other;
  }
  return fetch(request);
}
