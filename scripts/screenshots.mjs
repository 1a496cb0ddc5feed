// Retakes the README's screenshots (docs/screenshots) from a running build of the app:
//   npm start   (in another terminal), then   node scripts/screenshots.mjs [http://localhost:5173/]
// The event explorer's picture comes from the end-to-end journey that pages through a million
// events (test-results/screens/explorer-million.png after `E2E_SCREENS=full npm test`): it takes
// minutes to set up.
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';

const base = process.argv[2] ?? 'http://localhost:5173/';
const out = new URL('../docs/screenshots/', import.meta.url);
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-sandbox'],
});

async function started(viewport) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(base);
  await page.locator('[data-testid="run-status"][data-state="done"]').waitFor({ timeout: 120_000 });
  return page;
}

async function settled(page, hash) {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [aria-busy="true"]').length === 0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

// The results of the first run, as the app opens on them.
let page = await started({ width: 1280, height: 1100 });
await settled(page, '#/runs/r1');
await page.screenshot({ path: new URL('runs.png', out).pathname });

// Why a labelled malicious event raised no alert: its nearest misses.
await settled(page, '#/why-not/r1');
const missed = await page.locator('main a[href*="event="]').first().getAttribute('href');
await settled(page, missed ?? '#/why-not/r1');
await page.locator('[data-testid="near-misses"]').waitFor();
await page.screenshot({ path: new URL('why-not.png', out).pathname, fullPage: true });

// Trainer mode's presenter view, as a projector shows it.
page = await started({ width: 1600, height: 900 });
await settled(page, '#/trainer/disgruntled-admin-sabotage?step=4&reveal=1&present=1');
await page.screenshot({ path: new URL('presenter.png', out).pathname });

await browser.close();
console.log(`screenshots written to ${out.pathname}`);
