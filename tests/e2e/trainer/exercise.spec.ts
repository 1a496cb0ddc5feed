// Exercises: a team completes the easy exercise with a prepared rule set and gets the score the
// command line gives for the same pack (74.7), submits, reads the debrief, exports the submission,
// and the trainer imports the teams' files to compare them side by side.
import { expect, test } from '@playwright/test';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startAt } from './helpers.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'card-team');
const FILES = [join(FIXTURE, 'rules', 'card-mail.yml'), join(FIXTURE, 'tests', 'card-mail-tests.yml')];

test('the four exercises list their level, roles, objectives, hints and time box', async ({ page }) => {
  await startAt(page, '#/exercises');
  const cards = page.locator('[data-exercise]');
  await expect(cards).toHaveCount(4);
  const easy = page.locator('[data-exercise="card-data-by-mail"]');
  await expect(easy).toContainText('Easy');
  await expect(easy).toContainText('Time box 30 min');
  await expect(easy).toContainText('IT analyst');
  await expect(easy).toContainText('Security specialist');
  await expect(easy).toContainText('Detect the leak with a rule that uses the card-number classifier');
  await easy.getByText('Hints (2)').click();
  await expect(easy).toContainText('After 10 min');
  for (const level of ['Medium', 'Hard', 'Expert'])
    await expect(page.locator('[data-exercise] .tag.level', { hasText: level })).toHaveCount(1);
});

test('a team completes the easy exercise, submits, exports; the trainer imports and compares', async ({
  page,
}, testInfo) => {
  await startAt(page, '#/exercises/card-data-by-mail');
  await expect(page.locator('h1')).toHaveText('Card numbers leave by mail');
  await page.getByLabel('Team name').fill('Blue team');
  await page.getByLabel('Add YAML files').setInputFiles(FILES);
  await expect(page.getByText('Added 2 files.')).toBeVisible();
  await expect(page.getByText('2 files · kept in this browser.')).toBeVisible();

  await page.getByRole('button', { name: 'Run and score' }).click();
  await expect(page.getByTestId('score')).toHaveText('74.7', { timeout: 60_000 });
  await expect(page.getByTestId('f1')).toHaveText('0.80');
  // Ratios read as on the Run screen (decimals, not percentages); the wrong-block count and the
  // score's "No disruption" part have names that cannot be confused.
  await expect(page.getByTestId('recall')).not.toContainText('%');
  await expect(page.getByTestId('score-parts')).toContainText('No disruption');
  await expect(page.locator('.score-card')).not.toContainText('(disruption)');
  await expect(page.getByTestId('first-step')).toHaveText('2');
  await expect(page.locator('.score-card')).toContainText('Hidden scenario 1: detected at step 2 of 3');

  await page.getByRole('button', { name: 'Submit' }).click();
  const debrief = page.locator('.debrief');
  await expect(debrief).toContainText('Clerk emails unencrypted card and IBAN data to a partner');
  await expect(debrief).toContainText('caught only after the damage');
  await expect(debrief.locator('tbody tr').nth(0)).toContainText('missed');
  await expect(debrief.locator('tbody tr').nth(1)).toContainText('caught by team-card-mail');
  await expect(debrief).toContainText('Every rule of the pack has a test.');
  await expect(debrief).toContainText('Playbook: who was responsible');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export submission' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('card-data-by-mail-blue-team.json');
  const exported = testInfo.outputPath('blue.json');
  await download.saveAs(exported);
  const submission = JSON.parse(await readFile(exported, 'utf8'));
  expect(submission).toMatchObject({
    exercise: 'card-data-by-mail',
    team: 'Blue team',
    score: { score: 74.7 },
  });
  expect(submission.pack).toHaveLength(2);

  // The team's pack survives a reload (kept in this browser), and so do its score and debrief.
  await page.reload();
  await expect(page.getByText('2 files · kept in this browser.')).toBeVisible();
  await expect(page.getByTestId('score')).toHaveText('74.7');
  await expect(page.getByTestId('exercise-status')).toContainText('The last score of this pack');
  await expect(page.locator('.debrief')).toContainText('caught by team-card-mail');

  // The trainer, in a fresh browser, imports the Blue team's file, a Red team's and a wrong file.
  const trainer = await page.context().browser()!.newContext();
  const tpage = await trainer.newPage();
  await tpage.goto(new URL('./#/exercises', page.url()).toString());
  await mkdir(testInfo.outputPath(), { recursive: true });
  const red = testInfo.outputPath('red.json');
  await writeFile(
    red,
    JSON.stringify({
      ...submission,
      team: 'Red team',
      score: { ...submission.score, score: 91.2, f1: 0.95 },
    }),
  );
  const wrong = testInfo.outputPath('notes.json');
  await writeFile(wrong, '{"hello": "world"}');
  await tpage.getByLabel("Import teams' submissions").setInputFiles([exported, red, wrong]);
  const table = tpage.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').nth(0)).toContainText('Red team');
  await expect(table.locator('tbody tr').nth(0)).toContainText('91.2');
  await expect(table.locator('tbody tr').nth(1)).toContainText('Blue team');
  await expect(table.locator('tbody tr').nth(1)).toContainText('74.7');
  await expect(tpage.getByRole('alert')).toContainText('notes.json is not an exercise submission');
  await trainer.close();
});

test('a pack error is told at once, also to a role that does not see alerts', async ({ page }) => {
  await startAt(page, '#/exercises/card-data-by-mail?role=security-specialist');
  await page.getByRole('button', { name: 'Start empty' }).click();
  // No rules, but the default classifiers: the rule below misspells one of them.
  await expect(page.getByTestId('exercise-status')).toContainText(
    'Started from a pack with no rules: one rule to fill in, and the default classifiers',
  );
  await page
    .getByLabel(/^Contents of/)
    .fill(
      [
        'title: Card data mailed out',
        'id: team-card-mail',
        'logsource: { category: email }',
        'detection:',
        '  selection: { event.action: send }',
        '  condition: selection and card_data',
        'content:',
        '  card_data: { classifier: credit-card-numbr }',
        'level: high',
        '',
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Run and score' }).click();
  await expect(page.getByTestId('exercise-status')).toContainText(
    'The team pack has 1 problem; a rule with an error does not run',
    { timeout: 60_000 },
  );
  await expect(page.getByRole('region', { name: 'Problems in the team pack' })).toContainText(
    'unknown classifier "credit-card-numbr"',
  );
  await expect(page.getByRole('region', { name: 'Problems in the team pack' })).toContainText(
    'credit-card-number',
  );
});
