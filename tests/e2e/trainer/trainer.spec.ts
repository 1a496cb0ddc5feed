// Trainer mode: play a scenario to the end, open a step by its URL, reveal the ground truth, and the
// presenter view a class reads on a projector.
import { expect, test } from '@playwright/test';
import { screen, startAt } from './helpers.ts';

const ID = 'disgruntled-admin-sabotage';

test('a trainer plays a scenario from its card to the end', async ({ page }) => {
  await startAt(page, `#/scenarios/${ID}`);
  await page.getByRole('link', { name: /Play in trainer mode/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/trainer/${ID}$`));
  const trainer = page.locator('.trainer');
  await expect(trainer).toHaveAttribute('data-step', '0');
  await expect(page.getByText('Before the first step')).toBeVisible();

  // A presentation clicker steps the replay outside presenter view too: → / PageDown and ← / PageUp.
  await page.keyboard.press('ArrowRight');
  await expect(trainer).toHaveAttribute('data-step', '1');
  await page.keyboard.press('PageDown');
  await expect(trainer).toHaveAttribute('data-step', '2');
  await page.keyboard.press('PageUp');
  await expect(trainer).toHaveAttribute('data-step', '1');
  await page.keyboard.press('ArrowLeft');
  await expect(trainer).toHaveAttribute('data-step', '0');
  // …and the "?" help lists those keys.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByText('Trainer replay: next step').first()).toBeVisible();
  await expect(help.getByText('PageDown', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(trainer).toHaveAttribute('data-step', '0');

  await page.getByLabel('Speed').selectOption('4');
  await expect(page).toHaveURL(/speed=4/);
  await page.getByRole('button', { name: '▶ Play' }).click();
  // The pause icon is drawn, not the ⏸ character, which no system font here has.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).not.toContainText('⏸');
  // The play position is in the URL all along, and playing stops by itself at the last step.
  await expect(trainer).toHaveAttribute('data-step', '6', { timeout: 30_000 });
  await expect(page).toHaveURL(/step=6/);
  await expect(page.getByText('end of the scenario')).toBeVisible();
  await expect(page.getByRole('button', { name: '▶ Play' })).toBeVisible();

  const it = page.locator('[data-lane="it"]');
  const security = page.locator('[data-lane="security"]');
  // IT sees the logs and the alerts; corporate security sees the HR facts; neither sees the other's.
  await expect(it).toContainText('iam · backup-delete');
  await expect(it).toContainText('iam · logging-disable');
  await expect(it.locator('li.alert').first()).toBeVisible();
  await expect(security).toContainText('hr · conflict-report');
  await expect(security).toContainText('hr · performance-plan');
  await expect(security).not.toContainText('backup-delete');
  await expect(it).not.toContainText('conflict-report');
  // The insider's risk has risen from nothing.
  expect(Number(await page.getByTestId('risk').textContent())).toBeGreaterThan(0);
});

test('a step opens by its URL, steps move with the buttons, and the reveal shows the ground truth', async ({
  page,
}) => {
  await startAt(page, `#/trainer/${ID}?step=3`);
  await expect(page.locator('.trainer')).toHaveAttribute('data-step', '3');
  await expect(page.getByText('Step 3 of 6')).toBeVisible();
  const it = page.locator('[data-lane="it"]');
  await expect(it).toContainText('iam · user-create');
  await expect(it).not.toContainText('backup-delete');
  await expect(page.locator('.reveal')).toHaveCount(0);

  await page.getByRole('button', { name: 'Step ▶' }).click();
  await expect(page).toHaveURL(/step=4/);
  await expect(page.getByText('Step 4 of 6')).toBeVisible();
  // Stepping stays on the screen: focus remains on the button, so a keyboard user steps on and on.
  await expect(page.getByRole('button', { name: 'Step ▶' })).toBeFocused();
  await page.getByRole('button', { name: '◀ Back' }).click();
  await expect(page).toHaveURL(/step=3/);

  await page.getByRole('button', { name: 'Reveal ground truth' }).click();
  await expect(page).toHaveURL(/step=3&reveal=1/);
  const truth = page.locator('.reveal');
  await expect(truth).toContainText('grievance against a manager');
  await expect(truth).toContainText('damaging');
  await expect(page.getByTestId('together')).toContainText(
    'Only together do they connect the motive to the act',
  );
  await expect(truth.getByRole('heading', { name: 'The playbook: who acts' })).toBeVisible();
  // The step number of every event is shown once revealed.
  await expect(it.locator('.tag.truth').first()).toHaveText('step 3');

  // A reload keeps the position: the URL is the whole state.
  await page.reload();
  await expect(page.getByText('Step 3 of 6')).toBeVisible();
  await expect(page.locator('.reveal')).toBeVisible();
});

test('the presenter view: large type, high contrast, no app chrome', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await startAt(page, `#/trainer/${ID}?step=5&reveal=1&present=1`);
  const trainer = page.locator('.trainer.present');
  await expect(trainer).toBeVisible();
  await expect(page.getByText('Step 5 of 6')).toBeVisible();
  // Past the step a block would have stopped, the class is told why the story goes on.
  const stop = Number((await page.getByTestId('dlp').textContent())?.match(/stopped at\s+step\s+(\d+)/)?.[1]);
  expect(stop).toBeLessThan(5);
  await expect(page.getByTestId('after-stop')).toContainText(
    `the block at step ${stop} would have ended this`,
  );
  // It covers the whole window: the navigation is not visible to the class.
  const topmost = () =>
    page.evaluate(() => {
      const nav = document.querySelector('nav[aria-label="Main"]')?.getBoundingClientRect();
      if (!nav) return 'no navigation';
      const hit = document.elementFromPoint(nav.x + nav.width / 2, nav.y + nav.height / 2);
      return hit?.closest('.trainer') ? 'trainer' : 'app';
    });
  expect(await topmost()).toBe('trainer');
  const style = await trainer.evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, color: s.color, size: parseFloat(s.fontSize) };
  });
  expect(style).toMatchObject({ bg: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 255)' });
  expect(style.size).toBeGreaterThanOrEqual(24);
  const title = await page.locator('h1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(title).toBeGreaterThanOrEqual(40);
  await screen(page, 'presenter');

  // On a 1280×720 projector both lanes start on the first screen, in type still large.
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const lane of ['it', 'security']) {
    const box = await page.locator(`[data-lane="${lane}"]`).boundingBox();
    expect(box?.y ?? Infinity, lane).toBeLessThan(720 - 80);
  }
  expect(await trainer.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(
    20,
  );
  await page.setViewportSize({ width: 1600, height: 900 });

  // A clicker's arrow keys move the position.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=6/);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/present=1/);
  expect(await topmost()).toBe('app');
});
