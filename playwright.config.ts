import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built app (`vite build` first), served by `vite preview`, in the
 * machine's Debian Chromium. Playwright never downloads a browser here.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The built app to serve (`vite build --outDir <dir>`): parallel checkouts each use their own. */
const DIST = process.env.E2E_DIST ?? 'dist';

function traceOption(kind: string | undefined) {
  if (kind === 'off') return 'off' as const;
  if (kind === 'full') return 'retain-on-failure' as const;
  const snapshots = kind === 'snapshots';
  return { mode: 'retain-on-failure' as const, screenshots: false, snapshots, sources: true };
}

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
    // A failed test keeps its trace (actions, console, network, sources), without the screencast
    // or DOM snapshots: on a 2-core machine recording screenshots made the suite ~1.6x slower (9
    // tests: 183 s with, 113 s without), and DOM snapshots of every action another ~20 % (7 tests:
    // 108-112 s with them, 95 s without, 90-93 s with no trace at all). E2E_TRACE=snapshots records
    // DOM snapshots too, E2E_TRACE=full the screencast as well, E2E_TRACE=off nothing.
    trace: traceOption(process.env.E2E_TRACE),
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
