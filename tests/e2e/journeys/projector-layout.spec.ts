// What a class sees on a projector (1280 × 720) and on an older one (1024 × 768): the header keeps
// to its row, wide data scrolls in its own box, and the page itself never scrolls sideways.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { firstStart, open, shoot } from './support.ts';

const AREAS = ['Scenarios', 'Data', 'Policies', 'Runs', 'Exercises', 'Weak spots'];

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, `${locator} has a box`).not.toBeNull();
  return box as Box;
}

/** Every box shares a horizontal band with every other: they sit on one row. */
function expectOneRow(boxes: Box[]): void {
  const top = Math.max(...boxes.map((b) => b.y));
  const bottom = Math.min(...boxes.map((b) => b.y + b.height));
  expect(top, `one row: ${JSON.stringify(boxes.map((b) => Math.round(b.y)))}`).toBeLessThan(bottom);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page is no wider than the window').toBeLessThanOrEqual(client);
}

function headerParts(page: Page) {
  const header = page.getByRole('banner');
  const nav = page.getByRole('navigation', { name: 'Main' });
  return {
    header,
    brand: header.getByRole('link', { name: 'DLP Policy Simulator' }),
    areas: AREAS.map((area) => nav.getByRole('link', { name: area, exact: true })),
    status: page.getByTestId('run-status'),
    theme: header.getByRole('button', { name: 'Dark theme' }),
    help: header.getByRole('button', { name: 'Keyboard shortcuts' }),
  };
}

test.describe('at 1280 × 720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the header is one row on the Runs screen, with the run status whole', async ({ page }) => {
    await firstStart(page, '#/runs');
    await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
    const parts = headerParts(page);
    const boxes = [parts.brand, ...parts.areas, parts.status, parts.theme, parts.help].map(boxOf);
    expectOneRow(await Promise.all(boxes));
    // One row of controls: the header leaves the projector's height to the screen.
    expect((await boxOf(parts.header)).height).toBeLessThan(70);
    // The status is read in full (not cut with an ellipsis) at this width.
    await expect(parts.status).toContainText(/Run r1: \d+ alerts in [\d.]+ s/);
    const cut = await parts.status.locator('.text').evaluate((e) => e.scrollWidth > e.clientWidth);
    expect(cut).toBe(false);
    await expectNoSidewaysScroll(page);

    // The icon buttons still say what they do, and do it.
    await expect(parts.theme).toHaveAttribute('title', /Dark theme/);
    await parts.help.click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    // The whole list fits the projector: title and Close in view, nothing to scroll.
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
    expect(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight + 1)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await shoot(page, 'projector-runs-1280');
  });

  test('the Runs screen with one run says what comparing needs instead of an empty choice', async ({
    page,
  }) => {
    await firstStart(page, '#/runs');
    const compare = page.getByRole('region', { name: 'Compare two runs' });
    await expect(compare.getByTestId('compare-needs-two')).toContainText('needs two finished runs');
    await expect(compare.getByLabel('Before')).toHaveCount(0);
    // The run table's column headings stay on one line each.
    const headings = page.getByRole('table').first().getByRole('columnheader');
    const heights = await headings.evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().height));
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
  });
});

test('a run names its dataset by the title the Data screen lists, not by its id', async ({ page }) => {
  await firstStart(page, '#/runs/r1');
  await expect(page.getByRole('heading', { level: 1, name: /^Run r1/ })).toBeVisible();
  const line = page.locator('main p.muted').first();
  await expect(line).toContainText(/^\s*Pack version \d+ on Generated Meridian Ltd dataset/);
  await expect(line).not.toContainText('generated-s');
});

test.describe('at 1024 × 768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('navigation and header buttons share a row; the run status takes the row below', async ({ page }) => {
    await firstStart(page, '#/runs');
    const parts = headerParts(page);
    const top = await Promise.all([parts.brand, ...parts.areas, parts.theme, parts.help].map(boxOf));
    expectOneRow(top);
    const status = await boxOf(parts.status);
    expect(status.y).toBeGreaterThanOrEqual(Math.max(...top.map((b) => b.y + b.height)) - 1);
    expect((await boxOf(parts.header)).height).toBeLessThan(110);
    await expectNoSidewaysScroll(page);
  });

  test("the trainer's event lines keep a host name whole rather than break it at a hyphen", async ({
    page,
  }) => {
    await firstStart(page, '#/trainer/departing-sales-customer-data?step=3');
    const lane = page.getByRole('region', { name: 'What IT sees: logs and alerts' });
    const host = lane.getByText(/^host WS-/).first();
    await expect(host).toBeVisible();
    const lines = await host.evaluate((e) => {
      const lineHeight = parseFloat(getComputedStyle(e).lineHeight);
      return Math.round(e.getBoundingClientRect().height / lineHeight);
    });
    expect(lines).toBe(1);
    await expectNoSidewaysScroll(page);
  });
});

/** A SIEM export with 30 columns and long values: far wider than any projector. */
function wideCsv(): string {
  const extra = Array.from({ length: 27 }, (_, i) => `Extra.Column.From.The.SIEM.Export_${i + 1}`);
  const header = ['timestamp', 'user', 'host', ...extra].join(',');
  const rows = Array.from({ length: 5 }, (_, r) =>
    [
      `2026-03-02T09:0${r}:00Z`,
      'nadams',
      'WS-FIN-1032',
      ...extra.map((_, i) => `value ${r}-${i} ${'x'.repeat(60 + i * 5)}`),
    ].join(','),
  );
  return [header, ...rows, ''].join('\n');
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
]) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });

    test('a wide CSV preview scrolls in its own box, its first column held in view', async ({ page }) => {
      await firstStart(page);
      await open(page, '#/data');
      await page.getByRole('tab', { name: 'Import' }).click();
      await page.getByLabel('Files (or drop them here)').setInputFiles({
        name: 'siem-export.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(wideCsv()),
      });
      await expect(page.getByLabel('Event field for column timestamp')).toHaveValue('@timestamp');
      await expectNoSidewaysScroll(page);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByTestId('import-summary')).toContainText('5 events');

      const box = page.getByRole('region', { name: 'The first imported events, scrolls sideways' });
      const table = page.getByRole('table', { name: 'The first imported events' });
      await expect(page.getByTestId('import-preview-fields')).toContainText(/^\s*3\d fields/);
      // The fields that say what an event is come first: the time, then the user.
      const headings = table.getByRole('columnheader');
      await expect(headings.nth(0)).toHaveText('@timestamp');
      await expect(headings.nth(1)).toHaveText('user.name');
      expect(await headings.count()).toBeGreaterThanOrEqual(30);

      // The box scrolls; the page does not.
      const sizes = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      await expectNoSidewaysScroll(page);
      const frame = await boxOf(box);
      expect(frame.x + frame.width).toBeLessThanOrEqual(viewport.width);

      // The keyboard scrolls it, and the first column stays readable at the box's left edge.
      await box.focus();
      await expect(box).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
      await box.evaluate((e) => (e.scrollLeft = e.scrollWidth));
      const first = await boxOf(headings.nth(0));
      expect(Math.abs(first.x - frame.x)).toBeLessThan(3);
      await expect(table.getByRole('cell').first()).toHaveText('2026-03-02T09:00:00Z');
      const firstCell = await boxOf(table.getByRole('cell').first());
      expect(firstCell.x).toBeGreaterThanOrEqual(frame.x - 1);
      // No column is wider than about 40 characters: the next ones are in sight.
      const widest = await headings.evaluateAll((cells) =>
        Math.max(...cells.map((c) => c.getBoundingClientRect().width)),
      );
      expect(widest).toBeLessThan(viewport.width / 2);
      await shoot(page, `projector-import-wide-${viewport.width}`);
    });
  });
}
