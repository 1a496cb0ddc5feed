import { test, expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const AREAS = ['Scenarios', 'Data', 'Policies', 'Runs', 'Exercises', 'Weak spots'];

/** Records every request the page makes and every CSP violation it reports. */
function watch(page: Page) {
  const requests: string[] = [];
  const failures: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => failures.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.url()} (HTTP ${response.status()})`);
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return { requests, failures, violations };
}

function offOrigin(requests: string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
}

test('the app shell opens with every area, a strict CSP, and no request leaving the origin', async ({
  page,
  baseURL,
}) => {
  const seen = watch(page);
  await page.goto('./');
  const nav = page.getByRole('navigation').first();
  for (const area of AREAS) await expect(nav.getByRole('link', { name: area, exact: true })).toBeVisible();

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');

  // Visit every area so its code and data load, then check where requests went.
  for (const area of AREAS) {
    await nav.getByRole('link', { name: area, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/${area.toLowerCase().replace(' ', '-')}`));
  }
  await page.waitForLoadState('networkidle');
  const origin = new URL(baseURL ?? '').origin;
  expect(seen.requests.length).toBeGreaterThan(0);
  expect(offOrigin(seen.requests, origin)).toEqual([]);
  expect(seen.failures).toEqual([]);
  expect(seen.violations).toEqual([]);
});

test.describe('served from a sub-path of a plain static server', () => {
  const PREFIX = '/training/dlp/';
  let server: Server;
  let origin = '';
  const TYPES: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
    '.wasm': 'application/wasm',
  };

  test.beforeAll(async () => {
    const root = resolve(process.env.E2E_DIST ?? 'dist'); // (absolute, or from the working folder)
    server = createServer(async (request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(PREFIX)) {
        response.writeHead(404).end();
        return;
      }
      const relative = normalize(path.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
      try {
        const body = await readFile(join(root, relative));
        response.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('assets and workers resolve under the sub-path', async ({ page }) => {
    const seen = watch(page);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${origin}${PREFIX}`);
    const nav = page.getByRole('navigation').first();
    for (const area of AREAS) await expect(nav.getByRole('link', { name: area, exact: true })).toBeVisible();
    // The first start loads the classroom dataset and runs the default pack in workers.
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    // …through the IndexedDB store and the evaluation pool, not an in-memory fallback.
    await expect(page.getByTestId('run-status')).toContainText(/\(\d+ workers?\)/);
    await page.waitForLoadState('networkidle');
    expect(seen.failures).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(
      seen.requests.every((url) => url.startsWith(`${origin}${PREFIX}`) || /^(data|blob):/.test(url)),
    ).toBe(true);
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.every((url) => url.startsWith(`${origin}${PREFIX}`))).toBe(true);
  });
});
