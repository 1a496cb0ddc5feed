import { test, expect, type Locator, type Page } from '@playwright/test';
import { generateDataset } from '../../../src/engine/generate/generate-dataset.ts';
import { readScenarios } from '../../../src/cli/scenario-files.ts';
import { firstStart, open, shoot } from './support.ts';

// About a million events: 2,500 accounts × 30 days (~13.5 events per account and day), every
// scenario, small content bodies. The same knobs in Node give the same events (the generator is
// seeded), so the counts and ids the explorer shows are checked against them.
const KNOBS = { seed: 11, users: 2500, days: 30, contentBytes: 256 };
const START = '2026-03-02';
const FROM = '2026-03-12';
const TO = '2026-03-14';

/** What the explorer must show, from the same generation in Node. */
function oracle() {
  const generated = generateDataset({ ...KNOBS, start: START, scenarios: readScenarios() });
  const ids: string[] = [];
  const users: string[] = [];
  const times: number[] = [];
  for (const event of generated.events) {
    ids.push(String(event['event.id']));
    users.push(String(event['user.name'] ?? ''));
    times.push(Date.parse(String(event['@timestamp'])));
  }
  return { ids, users, times };
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/** The explorer's count line once it has counted: matches and all events. */
async function counted(page: Page): Promise<{ matches: number; of: number }> {
  const count = page.getByTestId('explorer-count');
  await expect(count).toHaveText(/^[\d,]+ of [\d,]+ events$/, { timeout: 60_000 });
  const [, matches, of] = /^([\d,]+) of ([\d,]+) events$/.exec((await count.textContent())!.trim())!;
  return { matches: number(matches!), of: number(of!) };
}

/** The row at a position (0-based) once its page has arrived, and its event id. */
async function rowAt(grid: Locator, index: number): Promise<string> {
  const row = grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`);
  await expect(row).toHaveAttribute('data-event-id', /.+/, { timeout: 30_000 });
  return (await row.getAttribute('data-event-id'))!;
}

/** Every loaded row on screen: its position and event id. */
async function loadedRows(grid: Locator): Promise<{ index: number; id: string }[]> {
  return grid.locator('[role="row"][data-event-id]').evaluateAll((rows) =>
    rows.map((r) => ({
      index: Number(r.getAttribute('aria-rowindex')) - 2,
      id: r.getAttribute('data-event-id')!,
    })),
  );
}

test('a million generated events: page to the end and back, filter, reload and explore again', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const began = Date.now();
  const mark = (what: string) => console.log(`${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);
  const truth = oracle();
  const total = truth.ids.length;
  expect(total).toBeGreaterThan(950_000);

  mark('oracle');
  await firstStart(page);
  mark('first start');
  await open(page, '#/data');
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = page.getByRole('region', { name: 'Generate a dataset' });
  await panel.getByLabel('Seed').fill(String(KNOBS.seed));
  await panel.getByLabel('Users').fill(String(KNOBS.users));
  await panel.getByLabel('Days').fill(String(KNOBS.days));
  await panel.getByLabel('Content size (bytes)').fill(String(KNOBS.contentBytes));
  await panel.getByRole('button', { name: 'Generate' }).click();
  const progress = panel.getByTestId('generator-progress');
  await expect(progress).toContainText(/Done: [\d,]+ events over 30 days/, { timeout: 150_000 });
  const reported = number(/Done: ([\d,]+) events/.exec((await progress.textContent())!)![1]!);
  expect(reported).toBe(total);
  const generatedAt = Date.now();
  mark('generated');

  // The explorer counts the whole dataset and shows its first events.
  await page.getByRole('tab', { name: 'Events' }).click();
  expect(await counted(page)).toEqual({ matches: total, of: total });
  const grid = page.getByRole('grid', { name: 'Events' });
  expect(await grid.getAttribute('aria-rowcount')).toBe(String(total + 1));
  expect(await rowAt(grid, 0)).toBe(truth.ids[0]);

  // Long tasks on the page's thread while paging and scrolling (reported, not asserted: timing).
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });

  // By keyboard: to the end, a page back, then home.
  await grid.focus();
  await page.keyboard.press('End');
  expect(await rowAt(grid, total - 1)).toBe(truth.ids[total - 1]);
  await expect(grid).toHaveAttribute('aria-activedescendant', `event-row-${total - 1}`);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowUp');
  const up = Number((await grid.getAttribute('aria-activedescendant'))!.replace('event-row-', ''));
  expect(up).toBeLessThan(total - 2);
  expect(await rowAt(grid, up)).toBe(truth.ids[up]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Selected event' })).toContainText(
    `Event ${truth.ids[up]}`,
  );
  await page.keyboard.press('Home');
  expect(await rowAt(grid, 0)).toBe(truth.ids[0]);
  mark('keyboard paging');

  // By scrolling: the wheel, then jumps as a dragged scrollbar makes (middle, end, back to the top).
  await grid.hover();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 600);
  await expect(grid.locator('[role="row"][data-event-id]').first()).toBeVisible();
  // A dragged scrollbar: forty positions from top to bottom, a frame or two apart.
  await grid.evaluate(async (el) => {
    for (let step = 1; step <= 40; step++) {
      el.scrollTop = (step / 40) * (el.scrollHeight - el.clientHeight);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  });
  expect(await rowAt(grid, total - 1)).toBe(truth.ids[total - 1]);
  for (const fraction of [0.5, 0.25, 1, 0]) {
    await grid.evaluate((el, f) => {
      el.scrollTop = f * (el.scrollHeight - el.clientHeight);
    }, fraction);
    await expect.poll(async () => (await loadedRows(grid)).length, { timeout: 30_000 }).toBeGreaterThan(5);
    for (const { index, id } of await loadedRows(grid)) expect(id).toBe(truth.ids[index]);
  }
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({
    type: 'long tasks while paging and scrolling (ms)',
    description: `${longTasks.length} over 50 ms, longest ${Math.round(Math.max(0, ...longTasks))}`,
  });
  await shoot(page, 'explorer-million');
  mark(`scrolling; long tasks ${JSON.stringify(longTasks.map(Math.round))}`);

  // Filters: a user, then a time range as well, then the range alone; counts as the generator says.
  const user = truth.users[Math.floor(total / 2)]!;
  const from = Date.parse(`${FROM}T00:00:00Z`);
  const to = Date.parse(`${TO}T23:59:59.999Z`);
  const expected = (byUser: boolean, byTime: boolean) =>
    truth.ids.filter(
      (_, i) =>
        (!byUser || truth.users[i] === user) &&
        (!byTime || (truth.times[i]! >= from && truth.times[i]! <= to)),
    );
  const filters = page.getByRole('group', { name: 'Filter events' });
  await filters.getByRole('combobox', { name: 'User', exact: true }).selectOption(user);
  const ofUser = expected(true, false);
  await expect(page.getByTestId('explorer-count')).toHaveText(
    `${ofUser.length.toLocaleString('en')} of ${total.toLocaleString('en')} events`,
    { timeout: 60_000 },
  );
  mark('user filter');
  await grid.focus();
  await page.keyboard.press('End');
  expect(await rowAt(grid, ofUser.length - 1)).toBe(ofUser.at(-1));

  await filters.getByLabel('From').fill(FROM);
  await filters.getByLabel('To').fill(TO);
  await expect(page.getByTestId('explorer-count')).toHaveText(
    `${expected(true, true).length.toLocaleString('en')} of ${total.toLocaleString('en')} events`,
    { timeout: 60_000 },
  );
  expect(await rowAt(grid, 0)).toBe(expected(true, true)[0]);
  await filters.getByRole('combobox', { name: 'User', exact: true }).selectOption('');
  const inRange = expected(false, true);
  await expect(page.getByTestId('explorer-count')).toHaveText(
    `${inRange.length.toLocaleString('en')} of ${total.toLocaleString('en')} events`,
    { timeout: 60_000 },
  );
  await grid.focus();
  await page.keyboard.press('End');
  expect(await rowAt(grid, inRange.length - 1)).toBe(inRange.at(-1));
  const exploredAt = Date.now();
  mark('filters');

  // After a reload the dataset is still listed (read from the store), and explorable.
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  mark('reloaded');
  await open(page, '#/data');
  const row = page.getByRole('table', { name: 'Datasets' }).getByRole('row', { name: /seed 11/ });
  await expect(row).toContainText(total.toLocaleString('en'));
  await row.getByRole('button', { name: 'Use' }).click();
  await expect(row).toContainText('in use');
  expect(await counted(page)).toEqual({ matches: total, of: total });
  await grid.focus();
  await page.keyboard.press('End');
  expect(await rowAt(grid, total - 1)).toBe(truth.ids[total - 1]);

  test.info().annotations.push({
    type: 'phases (s)',
    description: `generate ${((generatedAt - began) / 1000).toFixed(1)} (incl. first start and the Node oracle), explore ${((exploredAt - generatedAt) / 1000).toFixed(1)}, reload and explore ${((Date.now() - exploredAt) / 1000).toFixed(1)}`,
  });
});
