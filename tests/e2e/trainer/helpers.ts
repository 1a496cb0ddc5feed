// Shared steps of the trainer journeys.
import { expect, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Opens the app at a hash and waits until the classroom dataset is loaded and the default pack has run. */
export async function startAt(page: Page, hash: string): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

/** Saves a screenshot under test-results/screens/ for a person to look at. */
export async function screen(page: Page, name: string): Promise<string> {
  const path = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screens', `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: false });
  return path;
}
