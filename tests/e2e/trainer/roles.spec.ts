// Exercise roles: a student works as the IT analyst or the security specialist and sees only that
// role's part of the exercise data; what is hidden says whom to ask (the point: silo thinking).
import { expect, test } from '@playwright/test';
import { startAt } from './helpers.ts';

test('the IT analyst sees logs but no HR facts or directory; the security specialist the reverse', async ({
  page,
}) => {
  await startAt(page, '#/exercises/card-data-by-mail?role=it-analyst');
  await expect(page.getByTestId('viewing-as')).toHaveText('IT analyst');

  const explorer = page.getByTestId('exercise-explorer');
  const category = explorer.getByLabel('Category');
  await expect(category.locator('option', { hasText: 'email' })).toHaveCount(1, { timeout: 60_000 });
  await expect(category.locator('option', { hasText: 'hr' })).toHaveCount(0);
  await expect(page.getByTestId('exercise-directory')).toHaveCount(0);
  await expect(page.getByTestId('hidden-note')).toContainText([
    'HR and behavioural facts are not visible to the IT analyst in this exercise — ask your security specialist colleague.',
    'The directory is not visible to the IT analyst in this exercise — ask your security specialist colleague.',
  ]);

  await page.getByLabel('Switch role').selectOption('security-specialist');
  await expect(page).toHaveURL(/#\/exercises\/card-data-by-mail\?role=security-specialist$/);
  await expect(page.getByTestId('viewing-as')).toHaveText('Security specialist');
  await expect(category.locator('option', { hasText: 'hr' })).toHaveCount(1);
  await expect(category.locator('option', { hasText: 'email' })).toHaveCount(0);
  // Only the four HR and behavioural facts of the exercise remain, out of thousands of events.
  await expect(explorer.getByText('4 of 4 events')).toBeVisible();
  await expect(explorer.getByRole('row').filter({ hasText: 'hr /' }).first()).toBeVisible();
  await expect(
    page.getByTestId('exercise-directory').getByRole('columnheader', { name: 'HR facts' }),
  ).toBeVisible();
  await expect(page.getByTestId('hidden-note')).toHaveText([
    'The logs are not visible to the security specialist in this exercise — ask your IT analyst colleague.',
  ]);

  // Alerts and run results belong to the IT side: the specialist is told whom to ask, not the score.
  await page.getByRole('button', { name: 'Copy the default pack' }).click();
  await page.getByRole('button', { name: 'Run and score' }).click();
  await expect(page.getByRole('heading', { name: 'Run results' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('score')).toHaveCount(0);
  await expect(page.getByTestId('exercise-status')).not.toContainText('/ 100');
  await expect(page.getByTestId('hidden-note').last()).toHaveText(
    'The alerts and run results are not visible to the security specialist in this exercise — ask your IT analyst colleague.',
  );

  await page.getByRole('link', { name: 'Leave the role' }).click();
  await expect(page).toHaveURL(/#\/exercises\/card-data-by-mail$/);
  await expect(page.getByTestId('viewing-as')).toHaveCount(0);
  await expect(category.locator('option', { hasText: 'email' })).toHaveCount(1);
  await expect(category.locator('option', { hasText: 'hr' })).toHaveCount(1);
});
