// axe-core on the trainer, presenter, exercise and register screens: no serious or critical violation.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startAt } from './helpers.ts';

const SCREENS: [string, string][] = [
  ['#/trainer/disgruntled-admin-sabotage?step=4&reveal=1', 'Step 4 of 6'],
  ['#/trainer/disgruntled-admin-sabotage?step=4&reveal=1&present=1', 'Step 4 of 6'],
  ['#/exercises', 'Compare teams'],
  ['#/exercises/card-data-by-mail', "The team's pack"],
  ['#/exercises/card-data-by-mail?role=it-analyst', 'Viewing as'],
  ['#/weak-spots', 'findings;'],
];

for (const [hash, ready] of SCREENS) {
  test(`no serious accessibility problem on ${hash}`, async ({ page }) => {
    await startAt(page, hash);
    await expect(page.getByText(ready).first()).toBeVisible({ timeout: 60_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
    expect(bad).toEqual([]);
  });
}
