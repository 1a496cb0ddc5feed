import { test, expect } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

test('open a "why not" for a malicious event no rule caught: nearest misses and the smallest change', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/runs/r1');
  await page.getByRole('link', { name: /Why not\? See the nearest misses/ }).click();
  await expect(page).toHaveURL(/#\/why-not\/r1$/);
  await expect(page.locator('main h1')).toHaveText(/Why not\?/);
  await shoot(page, 'why-not-list');

  // The first missed event: its label, the event itself, and the closest rules with what failed.
  await page.locator('main ul a[href*="event="]').first().click();
  await expect(page).toHaveURL(/#\/why-not\/r1\?event=/);
  await expect(page.getByText(/labelled malicious, raised no alert in run r1/)).toBeVisible();
  const misses = page.getByTestId('near-misses').locator(':scope > li');
  await expect(misses.first()).toBeVisible({ timeout: 20_000 });
  // An HR record is context, not an action to block: the screen says so instead of leaving the
  // misses' "add hr to the categories" as the advice.
  const missed = page.getByRole('table', { name: 'The missed event' });
  const isHr = (await missed.locator('tbody td').allTextContents()).some((cell) =>
    /^hr \//.test(cell.trim()),
  );
  await expect(page.getByTestId('hr-context')).toHaveCount(isHr ? 1 : 0);
  await expect(misses.first().getByRole('columnheader', { name: 'Smallest change' })).toBeVisible();
  await expect(misses.first().locator('tbody tr').first()).toContainText(
    /add "|lower the threshold|raise the threshold|narrow the exclusion|drop "|change "|widen|reads only|min_count|keyword|network/,
  );
  // Closest first: the change counts never go down the list.
  const counts = (await misses.locator('h3 .tag').allTextContents()).map((t) => Number.parseInt(t, 10));
  expect(counts.length).toBeGreaterThan(0);
  expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  await shoot(page, 'why-not');

  // "open in the editor" opens the file at the rule, not at the top of a file of many rules.
  const last = misses.last();
  const rule = (await last.locator('p.muted .mono').textContent())?.trim() ?? '';
  await last.getByRole('link', { name: 'open in the editor' }).click();
  await expect(page).toHaveURL(new RegExp(`#/policies\\?file=.*&rule=${rule}$`));
  const cursorLine = page.locator('.cm-activeLine');
  await expect(cursorLine).toHaveText(new RegExp(`^id: ['"]?${rule}`));
  await expect(cursorLine).toBeInViewport();
  await page.goBack();
  await expect(page).toHaveURL(/#\/why-not\/r1\?event=/);

  // A deep link opens the same answer after a reload and the first start.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('near-misses').locator(':scope > li').first()).toBeVisible({
    timeout: 20_000,
  });
});
