import { test, expect, type Page } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

// A log export whose columns are not our field names, with one row whose size is not a number.
const CSV = [
  'when;who;machine;document;bytes',
  '2026-03-02T09:00:00Z;nadams;WS-FIN-1032;q1-forecast.xlsx;120400',
  '2026-03-02T09:05:00Z;nadams;WS-FIN-1032;payroll.zip;88000000',
  '2026-03-02T09:07:00Z;lyoung;WS-EXE-1001;board-pack.pdf;lots',
  '2026-03-02T09:09:00Z;lyoung;WS-EXE-1001;notes.txt;2048',
  '',
].join('\n');

/** From first start to the Import tab with the CSV above chosen. */
async function chooseCsv(page: Page): Promise<void> {
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Files (or drop them here)').setInputFiles({
    name: 'usb-export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
}

test('import a CSV with a field mapping: preview, bad rows, and the dataset listed and runnable', async ({
  page,
}) => {
  await chooseCsv(page);
  await expect(page.getByLabel('Layout')).toHaveValue('csv');

  // The mapping form: every column with its first value and a guessed field.
  const mapping = page.getByRole('table', { name: 'CSV column to event field' });
  await expect(mapping.getByRole('row')).toHaveCount(6);
  await expect(mapping.getByRole('row', { name: /when/ })).toContainText('2026-03-02T09:00:00Z');
  await expect(page.getByLabel('Event field for column when')).toHaveValue('@timestamp');
  await expect(page.getByLabel('Event field for column who')).toHaveValue('user.name');
  await expect(page.getByLabel('Event field for column bytes')).toHaveValue('file.size');
  await expect(page.getByLabel('Type of column bytes')).toHaveValue('number');
  // The user maps the columns the guess did not know and gives the rows a category and action.
  await page.getByLabel('Event field for column machine').fill('host.name');
  await page.getByLabel('Event field for column document').fill('file.name');
  await page.getByLabel("Every row's event.category").fill('file');
  await page.getByLabel("Every row's event.action").fill('copy');
  await page.getByLabel('Keep unmapped columns').uncheck();
  await shoot(page, 'import-mapping');

  await page.getByRole('button', { name: 'Preview' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('3 events');
  await expect(summary).toContainText('1 problem row.');
  await expect(page.getByTestId('import-no-category')).toHaveCount(0); // set for every row above
  // The bad row is named with its file and line; the first events show the mapped fields.
  await expect(page.getByRole('region', { name: 'Import problems' })).toContainText('usb-export.csv:4');
  const first = page.getByRole('table', { name: 'The first imported events' });
  await expect(first.getByRole('columnheader', { name: 'file.name' })).toBeVisible();
  await expect(first.getByRole('columnheader', { name: 'event.category' })).toBeVisible();
  await expect(first).toContainText('payroll.zip');
  await expect(first).not.toContainText('document');
  await shoot(page, 'import-preview');

  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();
  const datasets = page.getByRole('table', { name: 'Datasets' });
  const row = datasets.getByRole('row', { name: /usb-export/ });
  await expect(row).toContainText('3');
  await expect(row).toContainText('in use');
  await expect(datasets.getByRole('row', { name: /Meridian/ })).toBeVisible();
  await shoot(page, 'data-imported');

  // The imported dataset is runnable: a run over it completes.
  await open(page, '#/runs');
  await page.getByRole('button', { name: /^Run pack version/ }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  await expect(page.locator('main')).toContainText('3 events');
});

test('an imported dataset is still listed after a reload, explorable, and can be deleted after confirming', async ({
  page,
}) => {
  await chooseCsv(page);
  await page.getByLabel('Event field for column document').fill('file.name');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('3 events');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();

  // A later visit: the dataset comes back from this browser's store, and its events with it.
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await open(page, '#/data');
  const datasets = page.getByRole('table', { name: 'Datasets' });
  const row = datasets.getByRole('row', { name: /usb-export/ });
  await expect(row).toContainText('3');
  await row.getByRole('button', { name: 'Use' }).click();
  await expect(page.getByTestId('explorer-count')).toHaveText('3 of 3 events');
  const grid = page.getByRole('grid', { name: 'Events' });
  await expect(grid.getByRole('row', { name: /payroll\.zip/ })).toBeVisible();
  await page.getByRole('group', { name: 'Filter events' }).getByLabel('Contains').fill('file.name=notes.txt');
  await expect(page.getByTestId('explorer-count')).toHaveText('1 of 3 events');

  // Delete asks first; "Keep" changes nothing, "Delete" removes it (also from the store).
  await row.getByRole('button', { name: /^Delete/ }).click();
  const confirm = row.getByRole('group', { name: /Delete .*usb-export/ });
  await expect(confirm).toContainText('Delete its 3 events from this browser?');
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(row).toContainText('in use');
  await row.getByRole('button', { name: /^Delete/ }).click();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(datasets.getByRole('row', { name: /usb-export/ })).toHaveCount(0);
  await expect(datasets.getByRole('row', { name: /Meridian/ })).toContainText('in use');
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await open(page, '#/data');
  await expect(
    page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /Meridian/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /usb-export/ }),
  ).toHaveCount(0);
});

test('a card number is masked in the import preview and the event detail until "Show unmasked", and the pack runs on the import', async ({
  page,
}) => {
  const content = 'card 4111 1111 1111 1111 exp 12/27 for the refund';
  await firstStart(page);
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Files (or drop them here)').setInputFiles({
    name: 'cards.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(
      JSON.stringify({
        '@timestamp': '2026-03-02T09:00:00Z',
        'event.id': 'card-1',
        'user.name': 'nadams',
        'event.category': 'email',
        'event.action': 'send',
        content,
      }) + '\n',
    ),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  const first = page.getByRole('table', { name: 'The first imported events' });
  await expect(first.locator('mark')).toContainText('4111…1111');
  await expect(first).not.toContainText('4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Add as dataset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is added and in use' })).toBeVisible();

  // "Add as dataset" has a next step: the pack runs on the import (the first run after start-up).
  await page.getByRole('button', { name: 'Run the pack on it' }).click();
  await expect(page).toHaveURL(/#\/runs\/r2$/, { timeout: 60_000 });
  await expect(page.locator('main')).toContainText(/\b1 events?\b/);

  await open(page, '#/data');
  await page.getByRole('grid', { name: 'Events' }).locator('[data-event-id="card-1"]').click();
  const detail = page.getByRole('complementary', { name: 'Selected event' });
  await expect(detail.locator('mark')).toContainText('4111…1111');
  await expect(detail).not.toContainText('4111 1111 1111 1111');
  const toggle = page.getByLabel('Show unmasked');
  await expect(toggle).not.toBeChecked();
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('unmasked-note')).toBeVisible();
  await expect(detail).toContainText(content);
  await toggle.uncheck();
  await expect(detail).not.toContainText('4111 1111 1111 1111');
});
