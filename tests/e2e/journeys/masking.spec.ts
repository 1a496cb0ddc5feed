// What an alert shows of an event's text: every value a classifier of the pack recognises is masked,
// not only those the alert's own rule looked for (a rule on SSNs still shows a card number masked).
import { test, expect } from '@playwright/test';
import { firstStart, importAndRun, open } from './support.ts';

test('an alert masks every sensitive value in the content it shows', async ({ page }) => {
  await firstStart(page);
  const event = {
    '@timestamp': '2026-03-03T10:00:00Z',
    'event.id': 'ssn-1',
    'event.category': 'email',
    'event.action': 'send',
    'user.name': 'nadams',
    'email.to': 'friend@gmail.com',
    content: 'Here is the salary sheet. Employee SSN 536-22-1847, account 4111 1111 1111 1111.',
  };
  await importAndRun(page, 'mail.ndjson', [event]);

  const main = page.locator('main');
  let checked = 0;
  for (let i = 0; i < 10; i++) {
    await open(page, `#/alerts/r2-${i}`);
    if ((await main.textContent())?.includes('There is no alert')) break;
    const content = main.locator('pre.content');
    if ((await content.count()) === 0) continue;
    await expect(content.first()).toContainText('***-**-1847');
    await expect(content.first()).toContainText('4111…1111');
    await expect(main).not.toContainText('536-22-1847');
    await expect(main).not.toContainText('4111 1111 1111 1111');
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
});
