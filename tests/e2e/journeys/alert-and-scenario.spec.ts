import { test, expect } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

test('open an alert and see why it fired', async ({ page }) => {
  await firstStart(page, '#/runs/r1');
  const first = page.locator('table a[href^="#/alerts/r1-"]').first();
  const title = (await first.textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/#\/alerts\/r1-\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: title.trim() })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Why it fired' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Response' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The user: risk and HR facts' })).toBeVisible();
  await shoot(page, 'alert');
});

test('open a scenario: its story, who sees what, and which rules catch it', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/scenarios');
  await shoot(page, 'scenarios');
  const card = page.locator('article.scenario h2 a').first();
  const title = ((await card.textContent()) ?? '').trim();
  await card.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who sees what' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Response playbook' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Which rules catch it' })).toBeVisible();
  await shoot(page, 'scenario');
});

test('scenario filters live in the URL', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/scenarios');
  await page.getByLabel('Threat').selectOption('fraud');
  await expect(page).toHaveURL(/threat=fraud/);
  const shown = await page.locator('article.scenario').count();
  expect(shown).toBeGreaterThan(0);
  await expect(page.locator('article.scenario .threat').first()).toHaveText('Fraud');
});
