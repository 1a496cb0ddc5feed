import { test, expect, type Page } from '@playwright/test';
import { expectAccessible, firstStart, open, shoot } from './support.ts';

/** Every screen, by deep link, with the data it needs on screen (two runs, so Compare shows both). */
async function screens(page: Page): Promise<[string, string][]> {
  await firstStart(page);
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  const scenario = await page.evaluate(() =>
    document.querySelector('a[href^="#/scenarios/"]')?.getAttribute('href'),
  );
  await open(page, '#/why-not/r1');
  const missed = await page.evaluate(() =>
    document.querySelector('main a[href*="event="]')?.getAttribute('href'),
  );
  return [
    ['home', '#/'],
    ['scenarios', '#/scenarios'],
    ['scenario', scenario ?? '#/scenarios'],
    ['data', '#/data'],
    ['policies', '#/policies'],
    ['runs', '#/runs'],
    ['run', '#/runs/r1'],
    ['alert', '#/alerts/r1-0'],
    ['why-not-list', '#/why-not/r1'],
    ['why-not', missed ?? '#/why-not/r1'],
    ['compare', '#/compare?a=r1&b=r2'],
    ['exercises', '#/exercises'],
  ];
}

// One test per theme: each screen is checked and photographed in both.
for (const theme of ['light', 'dark'] as const) {
  test(`every screen passes axe with no serious or critical violation (${theme} theme)`, async ({ page }) => {
    test.setTimeout(240_000);
    const list = await screens(page);
    const current = await page.evaluate(() => document.documentElement.dataset.theme);
    if (current !== theme) await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [name, hash] of list) {
      await open(page, hash);
      if (name === 'why-not') await expect(page.getByTestId('near-misses')).toBeVisible();
      // r2 ran the same pack version as r1: the screen says so rather than call it a change.
      if (name === 'compare')
        await expect(page.getByText(/both ran pack version 1; edit the pack/)).toBeVisible();
      await expectAccessible(page);
      await shoot(page, `${name}-${theme}`);
    }
  });
}
