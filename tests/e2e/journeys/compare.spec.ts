import { test, expect } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

// A broad rule a new policy author might write: every upload to the web, blocked.
const BROAD_RULE = [
  'title: Any web upload',
  'id: any-web-upload',
  'status: experimental',
  'logsource: { category: web }',
  'detection:',
  '  selection:',
  '    event.action: upload',
  '  condition: selection',
  'level: medium',
  'response: { action: block, severity: medium, owner: security, category: leakage, playbook: "Ask why" }',
  '',
].join('\n');

test('compare two runs: add a rule, rerun, see alerts gained, metric deltas and who it would hit', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/compare');
  await expect(page.getByText('Comparing needs two runs')).toBeVisible();

  // A new rule file, rewritten as a broad blocking rule: the second run is noisier than the first.
  await open(page, '#/policies');
  await page.getByRole('button', { name: 'New rule file' }).click();
  await expect(page).toHaveURL(/file=policies%2Fdefault%2Frules%2Fmy-rule-1\.yml/);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(BROAD_RULE);
  await expect(page.getByTestId('file-problems')).toContainText('No problems in this file', {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Run this version and compare' }).click();
  await expect(page).toHaveURL(/#\/compare\?a=r1&b=r2/, { timeout: 60_000 });
  // The version r2 was made with is marked in the stored history, which never prunes such a version.
  const history = await page.evaluate(
    () =>
      JSON.parse(localStorage.getItem('dlp-sim.pack-versions.v1') ?? '[]') as {
        version: number;
        ran?: boolean;
      }[],
  );
  expect(history.at(-1)).toMatchObject({ ran: true });

  const totals = page.getByRole('table', { name: 'Totals before and after' });
  const alertsRow = totals.getByRole('row', { name: /^Alerts/ });
  const [before, after, change] = (await alertsRow.getByRole('cell').allTextContents()).map((t) =>
    Number.parseInt(t, 10),
  );
  expect(after).toBeGreaterThan(before ?? Infinity);
  expect(change).toBe((after ?? 0) - (before ?? 0));
  await expect(page.getByRole('heading', { name: `Alerts gained (${change})` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Alerts lost (0)' })).toBeVisible();
  await expect(page.locator('#gained ~ ul li').first()).toContainText('Any web upload');
  // A long list shows 50 until asked for all of them.
  expect(change).toBeGreaterThan(50);
  await expect(page.locator('#gained ~ ul li')).toHaveCount(50);
  await page.getByRole('button', { name: `Show all ${change}` }).click();
  await expect(page.locator('#gained ~ ul li')).toHaveCount(change ?? 0);
  // The broad rule's new alerts are false positives: the totals say so, and that it is worse.
  const fpRow = totals.getByRole('row', { name: /^False positives/ });
  const [fpBefore, fpAfter] = (await fpRow.getByRole('cell').allTextContents()).map((t) =>
    Number.parseInt(t, 10),
  );
  expect(fpAfter).toBeGreaterThan(fpBefore ?? Infinity);
  await expect(fpRow).toContainText('(worse)');
  // More alerts on benign copies: precision cannot rise, and some department pays for it.
  await expect(
    totals
      .getByRole('row', { name: /^Precision/ })
      .getByRole('cell')
      .last(),
  ).toHaveText(/^(−\d\.\d\d\s+\(worse\)|±0\.00)$/);
  const departments = page.getByRole('table', { name: 'False positives per department before and after' });
  await expect(departments.getByRole('row').nth(1)).toBeVisible();
  await shoot(page, 'compare-runs');

  // Swap the sides: the link follows, and the same alerts are now lost.
  await page.getByLabel('Before').selectOption('r2');
  await page.getByLabel('After').selectOption('r1');
  await expect(page).toHaveURL(/#\/compare\?a=r2&b=r1/);
  await expect(page.getByRole('heading', { name: `Alerts lost (${change})` })).toBeVisible();
});
