import { test, expect } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

test('first start loads the classroom dataset, runs the default pack and lands on results', async ({
  page,
}) => {
  await firstStart(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Start here' })).toBeVisible();
  for (const who of ['Trainer', 'Policy author', 'Student']) {
    await expect(page.getByRole('heading', { level: 2, name: who })).toBeVisible();
  }
  const alerts = page.locator('.headline dt', { hasText: 'Alerts' }).locator('xpath=following-sibling::dd');
  await expect(alerts).not.toHaveText('0');
  await shoot(page, 'home');

  await page.getByRole('link', { name: 'Open the full results' }).click();
  await expect(page).toHaveURL(/#\/runs\/r1$/);
  await expect(page.getByRole('heading', { name: 'Coverage: scenario × rule' })).toBeVisible();
  // The heatmap is wider than a projector: its scroll area takes focus, so arrow keys scroll it, and
  // a cut scenario name is whole in its tooltip.
  const heat = page.getByRole('region', { name: 'Coverage table, scrolls sideways' });
  await heat.focus();
  await expect(heat).toBeFocused();
  const firstScenario = heat.getByRole('rowheader').first();
  await expect(firstScenario).toHaveAttribute('title', (await firstScenario.textContent())!.trim());
  await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
  await expect(page.locator('table a[href^="#/alerts/r1-"]').first()).toBeVisible();
  // Per rule lists the rules that missed too: the classroom has no keylogger download.
  const missed = page
    .getByRole('region', { name: 'Per rule' })
    .getByRole('row', { name: /keylogger-download/ })
    .first();
  await expect(missed.getByRole('cell')).toHaveText([/keylogger-download/, '0', '0', '0', '—']);
  await shoot(page, 'run');

  await open(page, '#/data');
  await expect(page.getByText(/of [\d,]+ events/)).toBeVisible();
  await shoot(page, 'data');
});

test('a deep link opens its screen after the first start', async ({ page }) => {
  await firstStart(page, '#/runs/r1');
  await expect(page.getByRole('heading', { level: 1, name: /^Run r1/ })).toBeVisible();
});

// The editor and the charts are not part of the app's first load: they are fetched once the first
// run is done, so their screens open at once and work offline. A part that cannot be fetched (the
// app was updated under an open tab) says so on its screen, and the rest still works.
const LATER_PART = /\/assets\/(YamlEditor|chart-setup)-[\w-]+\.js$/;

test('once started, the editor and the charts are loaded and work offline', async ({ page, context }) => {
  const loaded = ['YamlEditor', 'chart-setup'].map((part) =>
    page.waitForResponse(
      (response) => LATER_PART.test(response.url()) && response.url().includes(`/${part}-`),
    ),
  );
  await firstStart(page);
  await Promise.all(loaded);
  await context.setOffline(true);
  await open(page, '#/policies');
  await expect(page.locator('.cm-content')).toBeVisible();
  await open(page, '#/runs/r1');
  await expect(page.locator('section.charts canvas').first()).toBeVisible();
  await expect(page.getByText('The chart could not be loaded')).toHaveCount(0);
});

test('an editor or chart that cannot be fetched says so; the rest of the screen works', async ({ page }) => {
  await page.route(LATER_PART, (route) => route.abort());
  await firstStart(page);
  await open(page, '#/runs/r1');
  await expect(page.getByText('The chart could not be loaded').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
  await open(page, '#/policies');
  await expect(page.getByRole('alert')).toContainText('The editor could not be loaded');
  await expect(page.getByTestId('file-problems')).toBeVisible();
});
