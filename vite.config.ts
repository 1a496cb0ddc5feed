import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { OFFLINE_CACHE_SCRIPT } from './workers/offline-cache-script.ts';

/**
 * The production Content-Security-Policy: nothing but the app's own origin. It is injected at build
 * time only, because Vite's dev server needs inline scripts for hot reload; the built app (what
 * `npm start`, the tests and any static host serve) always carries it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'dlp-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

const OFFLINE_BUILD_MARK = /(["'`])__DLP_OFFLINE_BUILD__\1/;

/** Every file under `dir`, as paths relative to it with `/` separators; none when it is missing. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * Builds workers/offline-cache.ts (the service worker) as its own entry and, once the build is
 * written, writes into it the list of every file of this build (what the bundle wrote, workers
 * included, and the public folder's files) and a digest of them all: the worker caches exactly what
 * this build holds, not what an earlier build left in the folder, and a new build is a new worker.
 */
function offlineCache(): Plugin {
  let publicDir = '';
  return {
    name: 'dlp-offline-cache',
    apply: 'build',
    configResolved(config) {
      publicDir = config.build.copyPublicDir ? config.publicDir : '';
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: resolve(import.meta.dirname, 'workers/offline-cache.ts'),
        fileName: OFFLINE_CACHE_SCRIPT,
      });
    },
    async writeBundle(options, bundle) {
      const root = options.dir ?? resolve(import.meta.dirname, 'dist');
      const published = publicDir ? await filesUnder(publicDir) : [];
      const files = [...new Set([...Object.keys(bundle), ...published])]
        .filter((file) => file !== OFFLINE_CACHE_SCRIPT && !file.endsWith('.map'))
        .sort();
      const script = join(root, OFFLINE_CACHE_SCRIPT);
      const code = await readFile(script, 'utf8');
      if (!OFFLINE_BUILD_MARK.test(code))
        this.error(`${OFFLINE_CACHE_SCRIPT} lost its build mark: the offline cache would be empty`);
      const digest = createHash('sha256').update(code);
      for (const file of files)
        digest
          .update('\0')
          .update(file)
          .update('\0')
          .update(await readFile(file in bundle ? join(root, file) : join(publicDir, file)));
      const build = JSON.stringify({ version: digest.digest('hex').slice(0, 16), files });
      await writeFile(
        script,
        code.replace(OFFLINE_BUILD_MARK, () => JSON.stringify(build)),
      );
    },
  };
}

export default defineConfig({
  // Relative asset paths: the built folder works from any static host and any sub-path.
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), offlineCache()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Module preload polyfill would be an inline script, which the CSP forbids.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
