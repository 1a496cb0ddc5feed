import { test, expect } from '@playwright/test';
import { BROKEN, firstStart, open, shoot } from './support.ts';

test('edit a rule, see the validation error, rerun and compare', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/policies');
  const problems = page.getByTestId('file-problems');
  await expect(problems).toContainText('No problems in this file');

  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(BROKEN);
  await expect(problems.locator('li').first()).toContainText(/endswit/, { timeout: 15_000 });
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  // The pack's error count is a link to the file that holds the first error.
  const file = new URL(page.url()).hash.match(/file=([^&]+)/)?.[1];
  await expect(page.getByRole('link', { name: '1 error', exact: true })).toHaveAttribute(
    'href',
    file ? new RegExp(`file=${file.replace(/[.%]/g, '\\$&')}`) : /file=/,
  );
  await shoot(page, 'policies-error');

  // Take the edit back (the editor's undo; Backspace would eat indentation units, not characters):
  // the error goes.
  await page.keyboard.press('Control+z');
  await expect(problems).toContainText('No problems in this file', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Run this version and compare' }).click();
  await expect(page).toHaveURL(/#\/compare\?a=r1&b=r2/, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /Alerts gained/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Who would this block/ })).toBeVisible();
  await shoot(page, 'compare');
});
