// Shared steps of the journeys: the first start, a screenshot per screen, and the axe check.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every journey leaves a picture of its screen here (look at them after a run). */
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screens');

/** Opens the app and waits until the classroom dataset is loaded and the default pack has run. */
export async function firstStart(page: Page, hash = ''): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

/** Moves to a screen by its deep link without reloading (the session's runs live in memory). */
export async function open(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await expect(page.locator('main h1')).toBeVisible();
}

/**
 * The screen as the viewport shows it; with E2E_SCREENS=full, the whole page. A full-page picture
 * of a long screen costs seconds (the run screen, 14,000 px tall: 2.3 s) and the suite takes ~46.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // From the top: a full-page picture of a scrolled page repeats the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: process.env.E2E_SCREENS === 'full',
  });
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0); // a screen still drawing its parts
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  expect(bad, `axe on ${page.url()}`).toEqual([]);
}

/** A rule with a typo in a modifier (`endswit`): appended to a rule file, the pack has an error. */
export const BROKEN = [
  '',
  '---',
  'title: Archive to a personal domain',
  'id: e2e-broken-rule',
  'logsource: { category: email }',
  'detection:',
  '  selection:',
  '    file.name|endswit: .zip',
  '  condition: selection',
  'level: high',
  '',
].join('\n');

/**
 * Imports `events` as an NDJSON file named `name` through the Data screen, then runs the pack on
 * it: the first run after the start-up run, so the run is r2.
 */
export async function importAndRun(page: Page, name: string, events: readonly object[]): Promise<void> {
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Files (or drop them here)').setInputFiles({
    name,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(events.map((event) => JSON.stringify(event)).join('\n') + '\n'),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
}
