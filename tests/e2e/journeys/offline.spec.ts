import { test, expect } from '@playwright/test';
import { firstStart, open } from './support.ts';

// Once opened, the app keeps its whole build in a service worker's cache: with the network gone it
// reopens with the user's data, and a part it had never fetched (the import worker) still loads.
test.use({ serviceWorkers: 'allow' });

const EVENT = {
  '@timestamp': '2026-03-02T09:00:00Z',
  'event.category': 'file',
  'event.action': 'copy',
  'user.name': 'nadams',
  'file.name': 'payroll.zip',
};

test('after a first start the app reopens and imports with no network', async ({ page, context }) => {
  await firstStart(page);
  // The service worker is registered once the first run is done and the page idles; it is active
  // once every file of the build is in its cache.
  await expect
    .poll(
      () =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'),
      { timeout: 30_000 },
    )
    .toBe('activated');
  const imports: string[] = [];
  page.on('request', (request) => {
    if (/\/assets\/import-[\w-]+\.js$/.test(request.url())) imports.push(request.url());
  });
  await context.setOffline(true);

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Files (or drop them here)').setInputFiles({
    name: 'offline.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${JSON.stringify(EVENT)}\n`),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('1 event');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();
  // The import worker was fetched for the first time after the network went: from the cache.
  expect(imports.length).toBeGreaterThan(0);
});
