import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
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
  // A problem's place is a link: it puts the editor's cursor on the line the problem names.
  await problems
    .getByRole('link', { name: /\.yml:\d+:\d+$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/&line=\d+&column=\d+$/);
  await expect(page.locator('.cm-activeLine')).toHaveText('    file.name|endswit: .zip');

  // Take the edit back (the editor's undo; Backspace would eat indentation units, not characters):
  // the error goes.
  await editor.focus();
  await page.keyboard.press('Control+z');
  await expect(problems).toContainText('No problems in this file', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Run this version and compare' }).click();
  await expect(page).toHaveURL(/#\/compare\?a=r1&b=r2/, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /Alerts gained/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Who would this block/ })).toBeVisible();
  await shoot(page, 'compare');
});

test('export the pack, restore an older version, and import the export back', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/policies');
  const bar = page.getByRole('status').filter({ hasText: 'Pack version' });
  await expect(bar).toContainText('86 rules');
  await page.getByRole('button', { name: 'New rule file' }).click();
  await expect(bar).toContainText(/Pack version 2 ·\s+all changes saved ·\s+87 rules/, { timeout: 15_000 });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export pack (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('policy-pack-v2.zip');
  const zip = await readFile(await download.path());

  // The counts (and the classifier tester, which reads the same check) follow the restored pack,
  // also when the file open in the editor is one the restore leaves as it is.
  await page.getByRole('link', { name: 'rules/leakage-print.yml' }).click();
  await expect(page.locator('#editing')).toHaveText('rules/leakage-print.yml');
  // The editor checks the pack once when it opens a file; let that pass, so that only the restore
  // can bring the counts up to date.
  await page.waitForTimeout(2_000);
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Version 1 —' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(bar).toContainText(/Pack version 3 ·\s+all changes saved ·\s+86 rules/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Version 2 —' })).toContainText(
    '(1 changed file)',
  );

  // The exported .zip is the pack again, under its own file names — not one more file beside it.
  await page
    .getByLabel('Import files')
    .setInputFiles({ name: 'policy-pack-v2.zip', mimeType: 'application/zip', buffer: zip });
  await expect(page.getByTestId('pack-note')).toContainText(
    'The pack is now the 51 files of policy-pack-v2.zip (version 4); version 3 holds the pack as it was.',
  );
  await expect(bar).toContainText(/Pack version 4 ·\s+all changes saved ·\s+87 rules,[^]*\s0 errors/);
  const files = page.getByRole('navigation', { name: 'Pack files' });
  await expect(files.getByRole('link', { name: 'rules/my-rule-1.yml' })).toBeVisible();
  await expect(files.getByRole('link', { name: /imported\// })).toHaveCount(0);

  // A file can go, as a version of its own, and the note says how to get it back.
  await files.getByRole('link', { name: 'rules/my-rule-1.yml' }).click();
  await page.getByRole('button', { name: 'Remove this file' }).click();
  await expect(page.getByTestId('pack-note')).toHaveText(
    'Removed rules/my-rule-1.yml (version 5); restore version 4 to get it back.',
  );
  await expect(bar).toContainText(/Pack version 5 ·\s+all changes saved ·\s+86 rules/);
  await expect(files.getByRole('link', { name: 'rules/my-rule-1.yml' })).toHaveCount(0);
});
