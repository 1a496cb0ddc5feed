import { test, expect } from '@playwright/test';
import { expectAccessible, firstStart, open, shoot } from './support.ts';

test('every screen passes axe with no serious or critical violation, in both themes', async ({ page }) => {
  test.setTimeout(180_000);
  await firstStart(page);
  // A second run, so Compare has something to show.
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });

  const scenario = await page.evaluate(() =>
    document.querySelector('a[href^="#/scenarios/"]')?.getAttribute('href'),
  );
  const screens: [string, string][] = [
    ['home', '#/'],
    ['scenarios', '#/scenarios'],
    ['scenario', scenario ?? '#/scenarios'],
    ['data', '#/data'],
    ['policies', '#/policies'],
    ['runs', '#/runs'],
    ['run', '#/runs/r1'],
    ['alert', '#/alerts/r1-0'],
    ['compare', '#/compare?a=r1&b=r2'],
    ['exercises', '#/exercises'],
  ];
  for (const theme of ['light', 'dark']) {
    const current = await page.evaluate(() => document.documentElement.dataset.theme);
    if (current !== theme) await page.getByRole('button', { name: 'Dark theme' }).click();
    for (const [name, hash] of screens) {
      await open(page, hash);
      await page.waitForTimeout(300);
      await expectAccessible(page);
      await shoot(page, `${name}-${theme}`);
    }
  }
  await expect(page.locator('main h1')).toBeVisible();
});
