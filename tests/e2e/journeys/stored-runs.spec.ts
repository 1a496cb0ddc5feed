import { test, expect, type Locator, type Page } from '@playwright/test';
import { BROKEN, firstStart, open, shoot } from './support.ts';

/** The text of a screen once it stops changing (charts and long lists may fill in after paint). */
async function settledText(locator: Locator): Promise<string> {
  let previous = '';
  await expect
    .poll(async () => {
      const now = await locator.innerText();
      const same = now === previous && now !== '';
      previous = now;
      return same;
    })
    .toBe(true);
  return previous;
}

/** The run ids the Runs screen lists, top to bottom. */
async function listedRuns(page: Page): Promise<string[]> {
  await open(page, '#/runs');
  return page
    .locator('tbody tr[data-run]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run') ?? ''));
}

async function waitForRun(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('runs are stored: listed after a reload, deep links reopen them, old runs are pruned unless kept', async ({
  page,
}) => {
  // Five runs and three reloads: on a loaded 2-core machine each run alone can take 10 s.
  test.setTimeout(300_000);
  await firstStart(page);
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  await waitForRun(page);

  const main = page.locator('main');
  await expect(page.getByRole('heading', { level: 1, name: /^Run r2: / })).toBeVisible();
  await expect(page.locator('table a[href^="#/alerts/r2-"]').first()).toBeVisible();
  const runBefore = await settledText(main);
  const alertHref = (await page.locator('table a[href^="#/alerts/r2-"]').nth(2).getAttribute('href')) ?? '';
  expect(alertHref).toMatch(/^#\/alerts\/r2-\d+$/);
  await open(page, alertHref);
  const alertBefore = await settledText(main);

  // A reload straight onto the second run: the page reads it from the store, not from memory.
  await page.goto(`./#/runs/r2`);
  await page.reload();
  await waitForRun(page);
  await expect(page.getByRole('heading', { level: 1, name: /^Run r2: / })).toBeVisible();
  expect(await settledText(main)).toBe(runBefore);
  await page.goto(`./${alertHref}`);
  await page.reload();
  await waitForRun(page);
  expect(await settledText(main)).toBe(alertBefore);

  // Both runs of the first visit are listed and no more: each reload's start made its run of the
  // default pack again under its id (r1, in its place) instead of adding one per page load.
  expect(await listedRuns(page)).toEqual(['r2', 'r1']);
  await shoot(page, 'stored-runs');

  // Keep only the newest run, but pin the first one: the next run prunes the rest.
  const keep = page.getByLabel('Runs to keep');
  await expect(keep).toHaveValue('20');
  await keep.fill('none');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toHaveText('Runs to keep must be a whole number, not "none".');
  await expect(keep).toHaveValue('none');
  await keep.fill('1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep r1' }).click();
  await expect(page.getByRole('button', { name: 'Keep r1' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r3$/, { timeout: 60_000 });
  await waitForRun(page);
  expect(await listedRuns(page)).toEqual(['r3', 'r1']);
  // A reload remakes the kept r1: it stays kept and, older, pushes out no newer run.
  await page.reload();
  await waitForRun(page);
  expect(await listedRuns(page)).toEqual(['r3', 'r1']);
  await expect(page.getByRole('button', { name: 'Keep r1' })).toHaveAttribute('aria-pressed', 'true');
  await open(page, '#/runs/r2');
  await expect(page.getByText('There is no run r2 in this session.')).toBeVisible();

  // Deleting asks first; a refusal keeps the run, a yes removes it for good.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await open(page, '#/runs');
  await page.getByRole('button', { name: 'Delete r1' }).click();
  expect(await listedRuns(page)).toEqual(['r3', 'r1']);
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Delete run r1');
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Delete r1' }).click();
  await expect(page.locator('tbody tr[data-run="r1"]')).toHaveCount(0);
  // With no stored run of the default pack left, the next start makes a new one.
  await page.reload();
  await waitForRun(page);
  expect(await listedRuns(page)).toEqual(['r4']);
});

// A rule with a typo in a modifier (BROKEN): the pack has an error; the run is made with what compiled,
// as the command line makes it, and stored with the error, so it is still there after a reload.
test('a run of a pack with errors is stored with them and listed after a reload', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/policies');
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(BROKEN);
  await expect(page.getByTestId('file-problems').locator('li').first()).toContainText(/endswit/, {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Run this version and compare' }).click();
  await expect(page).toHaveURL(/#\/compare\?a=r1&b=r2/, { timeout: 60_000 });
  await waitForRun(page);
  await expect(page.getByTestId('run-status')).not.toContainText('(in memory)');

  expect(await listedRuns(page)).toEqual(['r2', 'r1']);
  const row = page.locator('tbody tr[data-run="r2"]');
  await expect(row).not.toContainText('not stored');
  await expect(row.getByRole('button', { name: 'Keep r2' })).toHaveCount(1);

  await page.reload();
  await waitForRun(page);
  expect(await listedRuns(page)).toEqual(['r3', 'r2', 'r1']);
  await open(page, '#/runs/r2');
  await expect(page.locator('main')).toContainText('endswit', { timeout: 30_000 });
});
