// The weak-spots register on the classroom dataset with the default pack, against a hand-checked list:
// the findings each injected scenario should leave for the joint IT + security review.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startAt } from './helpers.ts';

async function subjectsOf(page: Page, kind: string): Promise<string[]> {
  const cells = page.locator(`[data-testid="weak-spots"] tbody tr[data-kind="${kind}"] td.subject`);
  return (await cells.allTextContents()).map((t) => t.trim()).sort();
}

test('the register shows the classroom findings a reviewer checked by hand', async ({ page }, testInfo) => {
  await startAt(page, '#/weak-spots');
  await expect(page.locator('h1')).toHaveText('Weak-spots register');
  await expect(page.getByTestId('weak-spots-status')).toContainText('findings;', { timeout: 60_000 });
  const rows = page.locator('[data-testid="weak-spots"] tbody tr');

  // The first rows are the most severe: the account used after its owner left, and the backdoor account
  // the disgruntled administrator created (not in the directory).
  await expect(rows.nth(0)).toContainText('critical');
  expect(await subjectsOf(page, 'dormant_account')).toEqual(['hhughes', 'svc-reporting2']);
  // The vendor bank change approved by the same clerk who created the payment.
  expect(await subjectsOf(page, 'sod_conflict')).toEqual(
    expect.arrayContaining(['nadams → erp.object_id=PAY-704411', 'nadams → erp.vendor_id=V-10042']),
  );
  expect(await subjectsOf(page, 'departing_user_access')).toEqual([
    'bpetrov',
    'gzimmer',
    'hfischer',
    'hhughes',
    'mpatel',
    'wgarcia',
  ]);
  expect(await subjectsOf(page, 'weak_credentials')).toEqual(
    expect.arrayContaining(['ops-shared', 'vivanova', 'ymeyer']),
  );
  expect(await subjectsOf(page, 'hr_red_flag_behaviour_change')).toEqual(
    expect.arrayContaining(['idubois', 'jyoung']),
  );
  expect((await subjectsOf(page, 'unencrypted_channel')).length).toBeGreaterThan(0);
  expect((await subjectsOf(page, 'excess_rights')).length).toBeGreaterThan(0);

  // Each finding names an owner, evidence event ids and a sentence to act on.
  const backdoor = rows.filter({ hasText: 'svc-reporting2 is used but is not in the directory' });
  await expect(backdoor).toContainText('Both');
  await expect(backdoor).toContainText('evt-00016288');

  // Filter to one owner and kind, then export what is shown as CSV.
  await page.getByLabel('Kind').selectOption('departing_user_access');
  await expect(rows).toHaveCount(6);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const path = testInfo.outputPath('weak-spots.csv');
  await download.saveAs(path);
  const csv = (await readFile(path, 'utf8')).trim().split('\n');
  expect(csv[0]).toBe('kind,severity,owner,subject,evidence,text');
  expect(csv).toHaveLength(7);
  expect(csv[1]).toMatch(/^departing_user_access,high,both,/);

  // The printable report: no navigation or controls on paper, the table stays.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
  await expect(page.getByTestId('weak-spots')).toBeVisible();
});
