// A policy author's own logs: no scenario labels, no directory. The run shows what the pack raises
// and says why it cannot judge it, instead of scoring every alert a false positive.
import { test, expect } from '@playwright/test';
import { expectAccessible, firstStart, importAndRun, open, shoot } from './support.ts';

const logon = (user: string, hour: number) => ({
  '@timestamp': `2026-03-03T${String(hour).padStart(2, '0')}:05:00Z`,
  'event.category': 'authentication',
  'event.action': 'logon',
  'event.outcome': 'success',
  'user.name': user,
  'host.name': `ws-${user}`,
});

test('a run on unlabelled logs without a directory lists its alerts and judges none', async ({ page }) => {
  await firstStart(page);
  await importAndRun(page, 'own-logs.ndjson', [
    logon('nadams', 8),
    logon('lyoung', 9),
    {
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': 'mail-1',
      'event.category': 'email',
      'event.action': 'send',
      'user.name': 'nadams',
      'email.to': 'friend@gmail.com',
      content: 'Salary sheet attached. Employee SSN 536-22-1847.',
    },
  ]);

  const main = page.locator('main');
  await expect(page.getByTestId('no-ground-truth')).toContainText('labels.scenario');
  await expect(page.getByTestId('run-no-directory')).toContainText('This dataset has no directory');
  // One alert is "1 alert" in the header's run status.
  await expect(page.getByTestId('run-status')).toContainText(/Run r2: 1 alert in [\d.]+ s/);
  await shoot(page, 'run-unlabelled');
  const headline = main.locator('dl.headline');
  for (const name of ['Precision', 'Recall', 'F1', 'False positives'])
    await expect(
      headline.locator('div', { has: page.getByText(name, { exact: true }) }).locator('dd'),
    ).toHaveText('—');
  await expect(page.getByRole('heading', { name: 'Per scenario' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Coverage/ })).toHaveCount(0);
  await expect(main.locator('figcaption', { hasText: /^Alerts per rule/ })).toBeVisible();
  const perRule = main.locator('section[aria-labelledby="per-rule"] table');
  await expect(perRule.getByRole('columnheader', { name: 'Alerts' })).toBeVisible();
  await expect(perRule.getByRole('columnheader', { name: 'Precision' })).toHaveCount(0);

  // The alerts are listed, with no truth column or filter; the mail is one of them.
  const table = main.locator('section[aria-labelledby="alerts"] table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Truth' })).toHaveCount(0);
  await expect(page.getByLabel('Ground truth')).toHaveCount(0);
  await expect(table).not.toContainText('false positive');

  // Two logons with no directory are not two unknown accounts: that rule is named, not raised.
  await expect(table).not.toContainText('logon-unknown-account');
  await main.locator('details.problems summary').click();
  await expect(main.locator('details.problems')).toContainText('logon-unknown-account: fields never present');
  await expectAccessible(page);

  // An alert of these logs is not called a false positive, and its exceptions are offered as such.
  await open(page, '#/alerts/r2-0');
  await expect(page.getByRole('heading', { name: 'How to silence this alert' })).toBeVisible();
  await expect(page.getByTestId('fp-exception')).toContainText('No event here is labelled');
  await expect(main).not.toContainText('false positive');
  await expect(main).not.toContainText('true positive');

  // The Data screen says the dataset has no directory, and how to add one.
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Directory' }).click();
  await expect(page.getByTestId('no-directory')).toContainText('directory.json');

  // Two runs of these logs compare by their alerts alone; the runs list gives them no ratios.
  await open(page, '#/runs');
  const listed = page.locator('tr[data-run="r2"] td.num');
  await expect(listed.nth(2)).toHaveText('—');
  await expect(listed.nth(3)).toHaveText('—');
  await expect(page.locator('tr[data-run="r1"] td.num').nth(2)).not.toHaveText('—');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r3$/, { timeout: 60_000 });
  await open(page, '#/compare?a=r2&b=r3');
  await expect(page.getByTestId('no-ground-truth')).toContainText('only the alerts are compared');
  await expect(main.getByRole('rowheader', { name: 'Alerts' })).toBeVisible();
  await expect(main.getByRole('rowheader', { name: 'Precision' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /False positives per department/ })).toHaveCount(0);
  await expectAccessible(page);
});

test('the same logons with a directory: the account it does not list is flagged', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  const lines = [logon('nadams', 8), logon('lyoung', 9)].map((event) => JSON.stringify(event)).join('\n');
  await page.getByLabel('Files (or drop them here)').setInputFiles([
    { name: 'events.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines}\n`) },
    {
      name: 'directory.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify([{ name: 'nadams', department: 'Finance', role: 'accountant' }])),
    },
  ]);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();
  await page.getByRole('tab', { name: 'Directory' }).click();
  await expect(page.getByRole('cell', { name: 'nadams' })).toBeVisible();

  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  const table = page.locator('main section[aria-labelledby="alerts"] table');
  const unknown = table.locator('tbody tr', { hasText: 'logon-unknown-account' });
  await expect(unknown).toHaveCount(1);
  await expect(unknown).toContainText('lyoung');
  await expect(page.getByTestId('run-no-directory')).toHaveCount(0);
});
