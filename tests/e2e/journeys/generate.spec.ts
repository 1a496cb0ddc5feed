import { test, expect } from '@playwright/test';
import { expectAccessible, firstStart, open, shoot } from './support.ts';

// The same knobs through the CLI: `npm run cli -- generate --seed 7 --users 20 --days 5 --scenarios
// departing-sales-customer-data,negligent-card-data-email --out x` writes 2288 events, and
// `evaluate --pack policies/default --data x` gives 31 alerts (27 before the card classifier read more card data) with both scenarios detected.
const SCENARIOS = ['departing-sales-customer-data', 'negligent-card-data-email'];

test('generate a dataset with knobs and progress, then run the default pack on it', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = page.getByRole('region', { name: 'Generate a dataset' });

  // Knobs out of range are refused with messages naming the allowed range; nothing starts.
  await panel.getByLabel('Users').fill('0');
  await panel.getByLabel('Days').fill('400');
  await panel.getByRole('button', { name: 'Generate' }).click();
  const problems = panel.getByTestId('generator-problems');
  await expect(problems).toContainText('Users must be a whole number from 1 to 5,000.');
  await expect(problems).toContainText('Days must be a whole number from 1 to 365.');
  await expect(panel.getByLabel('Users')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('generator-progress')).toHaveCount(0);

  // Every scenario is chosen by default; the user keeps two.
  const boxes = panel.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(2);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await panel.getByRole('button', { name: 'None', exact: true }).click();
  for (const id of SCENARIOS) await panel.getByRole('checkbox', { name: new RegExp(id) }).check();
  await expect(panel.getByRole('group', { name: /Scenarios to inject \(2 of \d+\)/ })).toBeVisible();

  await panel.getByLabel('Seed').fill('7');
  await panel.getByLabel('Users').fill('20');
  await panel.getByLabel('Days').fill('5');
  await expect(problems).toHaveCount(0);
  await expect(panel.getByTestId('generator-expected')).toHaveText('About 1,350 events expected.');
  await expect(panel.locator('pre')).toContainText(`--seed 7 --users 20 --days 5`);
  await panel.getByRole('button', { name: 'Generate' }).click();

  // Progress ends with every event of the five days; the dataset is added and in use.
  const progress = panel.getByTestId('generator-progress');
  await expect(progress).toContainText('Done: 2,288 events over 5 days', { timeout: 60_000 });
  await expect(panel.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText(
    '2,288 events, 20 users',
  );
  const datasets = page.getByRole('table', { name: 'Datasets' });
  const row = datasets.getByRole('row', { name: /seed 7/ });
  await expect(row).toContainText('2,288');
  await expect(row).toContainText('2026-03-02 – 2026-03-06');
  await expect(row).toContainText('in use');
  await expect(datasets.getByRole('row', { name: /Meridian/ })).toHaveCount(2);
  await shoot(page, 'generator');
  await expectAccessible(page);

  // The generated dataset is runnable: the default pack catches both scenarios.
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  await expect(page.locator('main')).toContainText('2,288 events');
  const value = (label: string) =>
    page.locator('.headline dt', { hasText: label }).locator('xpath=following-sibling::dd');
  await expect(value('Alerts')).toHaveText('31');
  await expect(value('Scenarios detected')).toHaveText('2 / 2');
});

test('a long generation can be cancelled and adds nothing', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = page.getByRole('region', { name: 'Generate a dataset' });
  await panel.getByLabel('Users').fill('5000');
  await panel.getByLabel('Days').fill('365');
  await expect(panel.getByTestId('generator-expected')).toContainText('may not fit in this browser tab');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(panel.getByTestId('generator-progress')).toContainText(/Day \d+ of 365: [\d,]+ events so far/);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Generation cancelled' })).toContainText(
    'nothing was added',
  );
  await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('row')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: 'Generate' })).toBeEnabled();
});
