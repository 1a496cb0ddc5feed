import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built app (`vite build` first), served by `vite preview`, in the
 * machine's Debian Chromium. Playwright never downloads a browser here.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The built app to serve (`vite build --outDir <dir>`): parallel checkouts each use their own. */
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.E2E_RESULTS ?? 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    browserName: 'chromium',
    // A failed test keeps its trace (actions, console, network, DOM snapshots), but without the
    // screencast: recording screenshots all through every test made the suite ~1.6x slower on a
    // 2-core machine (9 tests: 183 s with them, 113 s without). E2E_TRACE=full records them too.
    trace:
      process.env.E2E_TRACE === 'full'
        ? 'retain-on-failure'
        : { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    // The built app registers a service worker that answers from its cache; a test that routes or
    // aborts requests must see the page's own, so only the offline journey allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
