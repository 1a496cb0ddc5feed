import { test, expect } from '@playwright/test';
import { expectAccessible, firstStart, open, shoot } from './support.ts';

test('a false-positive alert proposes the narrowest exception that loses no true positive', async ({
  page,
}) => {
  await firstStart(page, '#/runs/r1');
  await page.getByLabel('Ground truth').selectOption('fp');
  const first = page.locator('table a[href^="#/alerts/r1-"]').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page).toHaveURL(/#\/alerts\/r1-\d+$/);
  await expect(page.locator('.facts .tag.fp')).toHaveText('false positive');

  const section = page.getByTestId('fp-exception');
  await expect(section.getByRole('heading', { name: 'How to silence this false positive' })).toBeVisible();
  const proposals = section.locator('ol.proposals > li');
  await expect(proposals.first()).toBeVisible({ timeout: 30_000 });
  // Each proposal was checked against the labelled data: it silences alerts and loses no true positive.
  const texts = await proposals.locator(':scope > p:first-child').allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).toMatch(/silences [1-9]\d* false-positive alerts?/);
    expect(text).toMatch(/loses 0 true positives/);
  }
  // The YAML to paste: the filter selection and the condition that excludes it.
  await expect(proposals.first().locator('pre')).toHaveText(
    /^filter_fp_\d+: \{ \S+: .+ \}\ncondition: .+ and not filter_fp_\d+$/,
  );
  await shoot(page, 'alert-false-positive');
  await expectAccessible(page);

  // The alert's rule opens in the editor at that rule, found from its id alone.
  const rule = (await page.locator('.facts a.tag.mono').textContent())?.trim() ?? '';
  await page.getByRole('link', { name: `${rule}: open in the editor` }).click();
  await expect(page).toHaveURL(new RegExp(`#/policies\\?rule=${rule}$`));
  await expect(page.locator('.cm-activeLine')).toHaveText(new RegExp(`^id: ['"]?${rule}`));
  await expect(page.locator('.cm-activeLine')).toBeInViewport();

  // A true positive needs no exception: the section is not there.
  await open(page, '#/runs/r1');
  await page.getByLabel('Ground truth').selectOption('tp');
  await page.locator('table a[href^="#/alerts/r1-"]').first().click();
  await expect(page.locator('.facts .tag.tp')).toHaveText('true positive');
  await expect(page.getByTestId('fp-exception')).toHaveCount(0);
});
