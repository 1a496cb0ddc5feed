import { test, expect } from '@playwright/test';
import { expectAccessible, firstStart, open, shoot } from './support.ts';

const FILE = 'policies/default/correlations/leakage-correlations.yml';

test('change a correlation threshold in the form, see the YAML follow, rerun and see the alerts change', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, `#/policies?file=${encodeURIComponent(FILE)}`);
  const problems = page.getByTestId('file-problems');
  await expect(problems).toContainText('No problems in this file', { timeout: 15_000 });

  const editor = page.locator('.cm-content');
  const line = (text: string) =>
    editor.locator('.cm-line').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
  await expect(line('timespan: 10m')).toHaveCount(1);

  const bulk = page.getByRole('group', { name: 'Correlation: Bulk reading of confidential files' });
  const count = bulk.getByLabel('Condition: count at least');
  await expect(count).toHaveValue('5');

  // A bad value is refused next to the input; the YAML keeps its number and the input keeps the text.
  await count.fill('-3');
  await count.press('Enter');
  await expect(bulk.getByRole('alert')).toContainText('whole number, 0 or more');
  await expect(count).toHaveValue('-3');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Pack version' })).toContainText(
    'all changes saved',
  );

  // A good one goes into the YAML (the editor scrolls to it) and the error goes.
  await count.fill('1');
  await count.press('Enter');
  await expect(bulk.getByRole('alert')).toHaveCount(0);
  await expect(line('gte: 5')).toHaveCount(0);
  await expect(line('gte: 1')).toHaveCount(1);

  const window = bulk.getByLabel('Time window');
  await window.fill('1h');
  await window.press('Tab');
  await expect(line('timespan: 1h')).toHaveCount(1);
  await expect(line('timespan: 10m')).toHaveCount(0);

  // The level is a select; its change reaches the YAML too.
  const level = bulk.getByLabel('Level', { exact: true });
  await level.selectOption('high');
  await expect(level).toHaveValue('high');
  await expect(line('level: high')).not.toHaveCount(0);

  await expect(problems).toContainText('No problems in this file', { timeout: 15_000 });
  await expectAccessible(page);
  await shoot(page, 'policies-rule-form');

  await page.getByRole('button', { name: 'Run this version and compare' }).click();
  await expect(page).toHaveURL(/#\/compare\?a=r1&b=r2/, { timeout: 60_000 });
  const gained = page.getByRole('heading', { name: /Alerts gained/ });
  await expect(gained).toBeVisible();
  await expect(gained).not.toHaveText('Alerts gained (0)');
  await expect(page.getByText('Both runs raise the same alerts')).toHaveCount(0);
  await shoot(page, 'compare-rule-form');
});
