// Nothing the user wrote is lost: neither of two tabs overwrites the other's saved pack versions (the
// second is told); an edit reloaded away before its autosave is saved; a stored run keeps its own
// dataset's verdicts; a second import under the same name keeps the first.
import { test, expect, type Page } from '@playwright/test';
import { firstStart, importAndRun, open } from './support.ts';

const KEY = 'dlp-sim.pack-versions.v1';

async function appendLine(page: Page, line: string): Promise<void> {
  const editor = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(`\n${line}\n`);
}

const storedVersions = (page: Page) =>
  page.evaluate((key) => {
    const versions = JSON.parse(localStorage.getItem(key) ?? '[]') as {
      version: number;
      changed: Record<string, string>;
    }[];
    return versions.map((v) => ({ version: v.version, text: Object.values(v.changed).join('\n') }));
  }, KEY);

test('two tabs keep both edits in the history, and the second is told', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await firstStart(a);
  await firstStart(b);
  await open(a, '#/policies');
  await open(b, '#/policies');

  await appendLine(a, '# edited in tab A');
  await expect(a.getByRole('status').filter({ hasText: 'Pack version 2' })).toContainText(
    'all changes saved',
  );
  await expect(b.getByRole('status').filter({ hasText: 'Pack version' })).toContainText(
    'Another tab saved version 2',
  );

  await appendLine(b, '# edited in tab B');
  await expect(b.getByRole('status').filter({ hasText: 'Pack version 3' })).toContainText(
    'all changes saved',
  );

  const versions = await storedVersions(a);
  expect(versions.map((v) => v.version)).toEqual([2, 3]);
  expect(versions[0]!.text).toContain('# edited in tab A');
  expect(versions[1]!.text).toContain('# edited in tab B');
});

test('an edit reloaded away before its autosave is saved', async ({ page }) => {
  await firstStart(page);
  await open(page, '#/policies');
  await appendLine(page, '# typed just before a reload');
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const versions = await storedVersions(page);
  expect(versions.at(-1)?.text).toContain('# typed just before a reload');
});

test('a run on an imported dataset is judged against its own labels after a reload, not the classroom’s', async ({
  page,
}) => {
  await firstStart(page);
  const lines = [
    {
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': 'ssn-1',
      'event.category': 'email',
      'event.action': 'send',
      'user.name': 'nadams',
      'email.to': 'friend@gmail.com',
      content: 'Here is the salary sheet. Employee SSN 536-22-1847.',
      'labels.scenario': 'probe-ssn',
      'labels.step': 1,
    },
  ];
  await importAndRun(page, 'ssn-probe.ndjson', lines);

  await open(page, '#/alerts/r2-0');
  await expect(page.locator('main .tag.tp, main .tag.fp').first()).toHaveText('true positive');
  // After a reload the classroom dataset is in use again; the stored run keeps its own verdicts.
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.locator('main .tag.tp, main .tag.fp').first()).toHaveText('true positive', {
    timeout: 30_000,
  });
});

test('importing a second file of the same name keeps the first dataset, and reads UTF-16', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/data');
  const importFile = async (buffer: Buffer, warned = false) => {
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('Files (or drop them here)').setInputFiles({
      name: 'mail.ndjson',
      mimeType: 'application/x-ndjson',
      buffer,
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    if (warned)
      await expect(page.getByRole('region', { name: 'Import problems' })).toContainText(
        'a dataset "mail" is already held: this one is added as "mail-2"',
      );
    await page.getByRole('button', { name: 'Add as dataset' }).click();
  };
  const line = (id: string, user: string) =>
    JSON.stringify({ '@timestamp': '2026-03-03T10:00:00Z', 'event.id': id, 'user.name': user }) + '\n';
  await importFile(Buffer.from(line('m1', 'nadams')));
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText('1 events');
  // The same name again, written by a Windows tool as UTF-16 with a byte-order mark.
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(line('m2', 'jürgen') + line('m3', 'zoë'), 'utf16le'),
  ]);
  await importFile(utf16, true);
  const datasets = page.getByRole('table', { name: 'Datasets' });
  await expect(datasets.getByRole('row', { name: /mail\.ndjson/ })).toHaveCount(2);
  await expect(datasets.getByRole('row', { name: /mail-2/ })).toContainText('2');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.locator('main')).toContainText('jürgen');
});
