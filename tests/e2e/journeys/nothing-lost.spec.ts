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
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText('1 event.');
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

/** Rows of the app's IndexedDB tables `datasets` and `segments` (staged imports included). */
async function storedRows(page: Page): Promise<{ datasets: number; segments: number }> {
  return page.evaluate(
    () =>
      new Promise<{ datasets: number; segments: number }>((resolve, reject) => {
        const open = indexedDB.open('dlp-simulator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['datasets', 'segments']);
          const datasets = tx.objectStore('datasets').count();
          const segments = tx.objectStore('segments').count();
          tx.oncomplete = () => {
            resolve({ datasets: datasets.result, segments: segments.result });
            db.close();
          };
        };
      }),
  );
}

test('an import cancelled while it is read, or discarded at its preview, stores nothing', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/data');
  const before = await storedRows(page);
  const importTab = page.getByRole('tab', { name: 'Import' });
  const files = page.getByLabel('Files (or drop them here)');
  // About 30 MB: read and staged by the import worker in segments, with progress and Cancel.
  const line = (i: number) =>
    JSON.stringify({
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': `big-${i}`,
      'user.name': `u${i % 50}`,
      content: 'x'.repeat(120),
    });
  const big = Array.from({ length: 180_000 }, (_, i) => line(i)).join('\n') + '\n';
  await importTab.click();
  await files.setInputFiles({
    name: 'big.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(big),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  // Cancelled while it is read, or (on a fast machine) discarded once it is previewed: nothing kept.
  await page.getByRole('button', { name: /^(Cancel import|Discard)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'nothing was stored' })).toBeVisible();

  await files.setInputFiles({
    name: 'small.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from([line(1), line(2), '{broken'].join('\n') + '\n'),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 events, 2 users');
  // Events without a log source category meet few rules: the preview says so before they are added.
  await expect(page.getByTestId('import-no-category')).toContainText('No event has event.category');
  await expect(page.getByRole('region', { name: 'Import problems' })).toContainText('small.ndjson:3');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Import discarded: nothing was stored.' }),
  ).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveCount(0);

  // Nothing listed, nothing staged in the store, after a reload either.
  await expect.poll(() => storedRows(page)).toEqual(before);
  await firstStart(page);
  await open(page, '#/data');
  expect(await storedRows(page)).toEqual(before);
  await expect(
    page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /big|small/ }),
  ).toHaveCount(0);
});

test('a browser that refuses to store an import keeps it in memory for the visit, and says so', async ({
  page,
  baseURL,
}) => {
  // A storage quota of 1 MB for the app's origin: the classroom and the import do not fit.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(baseURL ?? page.url()).origin,
    quotaSize: 1024 * 1024,
  });
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  const line = (i: number) =>
    JSON.stringify({
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': `q-${i}`,
      'user.name': `u${i % 7}`,
      content: 'y'.repeat(200),
    });
  await page.getByLabel('Files (or drop them here)').setInputFiles({
    name: 'quota.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(Array.from({ length: 20_000 }, (_, i) => line(i)).join('\n') + '\n'),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('region', { name: 'Import problems' })).toContainText(
    "kept in this tab's memory only",
  );
  await expect(page.getByTestId('import-summary')).toContainText('20,000 events, 7 users');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText(
    '20,000 events',
  );
  expect((await storedRows(page)).segments).toBe(0);
});

test('a dataset bundle picked as its files is read as a bundle, and listed by its own title', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  const event = (i: number) =>
    JSON.stringify({
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': `b-${i}`,
      'user.name': 'ann',
      'event.category': 'file',
    });
  await page.getByLabel('Files (or drop them here)').setInputFiles([
    {
      name: 'dataset.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ id: 'exported', title: 'Exported week of March' })),
    },
    {
      name: 'events.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from([event(1), event(2)].join('\n') + '\n'),
    },
    {
      name: 'directory.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify([{ name: 'ann', department: 'Finance' }])),
    },
  ]);
  await expect(page.getByLabel('Layout')).toHaveValue('bundle');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 events, 1 user,');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText(
    'Exported week of March is added and in use: 2 events',
  );
  await page.getByRole('tab', { name: 'Directory' }).click();
  await expect(page.locator('main')).toContainText('Finance');
});

test('files chosen while another import is read replace it: the old read stops, only the new file is added', async ({
  page,
}) => {
  await firstStart(page);
  await open(page, '#/data');
  const before = await storedRows(page);
  await page.getByRole('tab', { name: 'Import' }).click();
  const files = page.getByLabel('Files (or drop them here)');
  const line = (i: number) =>
    JSON.stringify({
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': `n-${i}`,
      'user.name': `u${i % 9}`,
      content: 'z'.repeat(150),
    });
  await files.setInputFiles({
    name: 'first.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(Array.from({ length: 150_000 }, (_, i) => line(i)).join('\n') + '\n'),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await files.setInputFiles({
    name: 'second.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from([line(1), line(2)].join('\n') + '\n'),
  });
  // The first file's read stopped: no preview of it turns up under the second file, even once it
  // would have finished (it takes about two seconds here), and nothing can be added yet.
  await page.waitForTimeout(4000);
  await expect(page.getByTestId('import-summary')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add as dataset' })).toBeDisabled();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('2 events');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toContainText(
    'Imported: second.ndjson is added and in use: 2 events',
  );
  // The first file's staged rows are gone: one dataset more, with its one segment.
  await expect
    .poll(() => storedRows(page))
    .toEqual({ datasets: before.datasets + 1, segments: before.segments + 1 });
});

test('a tab reloaded at its import preview leaves nothing staged; another tab’s open preview is kept', async ({
  context,
}) => {
  const previewIn = async (page: Page, name: string) => {
    await open(page, '#/data');
    await page.getByRole('tab', { name: 'Import' }).click();
    const line = JSON.stringify({
      '@timestamp': '2026-03-03T10:00:00Z',
      'event.id': name,
      'user.name': 'u1',
    });
    await page.getByLabel('Files (or drop them here)').setInputFiles({
      name,
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(`${line}\n`),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByTestId('import-summary')).toContainText('1 event');
  };
  const leaving = await context.newPage();
  const staying = await context.newPage();
  await firstStart(leaving);
  await firstStart(staying);
  const before = await storedRows(leaving);
  // Both previews wait for an answer, each staged in the store under its import's lock.
  await previewIn(staying, 'kept.ndjson');
  await previewIn(leaving, 'dropped.ndjson');
  expect(await storedRows(leaving)).toEqual({ datasets: before.datasets + 2, segments: before.segments + 2 });

  // The reloaded tab's import died with it: its rows go at the next start, not ten minutes later.
  // The other tab's preview is still someone's import, however long it waits.
  await firstStart(leaving);
  await expect
    .poll(() => storedRows(leaving))
    .toEqual({ datasets: before.datasets + 1, segments: before.segments + 1 });
  await staying.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(
    staying.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /kept/ }),
  ).toHaveCount(1);
});
