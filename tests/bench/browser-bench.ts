// The headless-Chromium part of `npm run bench`: builds tests/bench/page with Vite, serves it, and
// drives it through Playwright in the machine's Chromium. Memory is the resident anonymous and
// shared memory of every Chromium process (browser, renderer, GPU/utility), sampled from /proc.
import { createReadStream, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
];

/** Memory sampling interval: often enough to see a peak, rarely enough to cost no measurable CPU. */
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 200);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: join(ROOT, 'tests/bench/page/index.html') },
    },
  });
}

function serve(folder: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(folder, path);
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

/** Every process below this one (Playwright starts Chromium as our child). */
function descendants(): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(name));
      parents.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const stack = [...(parents.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(parents.get(pid) ?? []));
  }
  return out;
}

let knownPids: number[] = [];
let pidsListedAt = 0;

/**
 * Anonymous (heap) plus shared-memory resident pages of every Chromium process, from
 * /proc/<pid>/status: cheap to read, unlike smaps_rollup (tens of ms per large process, which
 * would steal CPU from the benchmark on a 2-core machine). Shared libraries are not counted.
 */
function chromiumMemoryMb(): number {
  if (performance.now() - pidsListedAt > 2000) {
    knownPids = descendants();
    pidsListedAt = performance.now();
  }
  let kb = 0;
  for (const pid of knownPids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      kb += Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      kb += Number(/^RssShmem:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return kb / 1024;
}

/** CPU seconds (user + system) used so far by every Chromium process; /proc counts in 1/100 s. */
function chromiumCpuS(): number {
  let ticks = 0;
  for (const pid of descendants()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone.
    }
  }
  return ticks / 100;
}

/**
 * Runs `work`, sampling Chromium's memory; returns its result, the peak and the CPU seconds
 * Chromium spent meanwhile (on a shared machine, CPU time says more than wall time).
 */
async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ value: T; peak_mb: number; cpu_s: number }> {
  let peak = chromiumMemoryMb();
  const cpuBefore = chromiumCpuS();
  const timer = setInterval(() => (peak = Math.max(peak, chromiumMemoryMb())), SAMPLE_MS);
  try {
    const value = await work();
    peak = Math.max(peak, chromiumMemoryMb());
    return { value, peak_mb: Math.round(peak), cpu_s: +(chromiumCpuS() - cpuBefore).toFixed(2) };
  } finally {
    clearInterval(timer);
  }
}

type Bench = Window['bench'];
type Result<K extends keyof Bench> = Awaited<ReturnType<Bench[K]>>;

function call<K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): Promise<Result<K>> {
  return page.evaluate(
    ([fn, params]) => (window.bench[fn] as (...a: unknown[]) => Promise<unknown>)(...(params as unknown[])),
    [name, args] as const,
  ) as Promise<Result<K>>;
}

export interface ScalingRow {
  events: number;
  store_s: number;
  evaluate_s: number;
  workers: number;
  alerts: number;
  stored_mb: number;
  store_events_per_s: number;
  evaluate_events_per_s: number;
  peak_memory_mb: number;
  /** CPU seconds all Chromium processes used while storing / evaluating. */
  store_cpu_s: number;
  evaluate_cpu_s: number;
  phases_s: Record<string, number>;
  worker_steps_s: Record<string, number>;
}

export interface BrowserBenchReport {
  chromium: string;
  hardware_concurrency: number;
  base_events: number;
  generate_s: number;
  content_share: number;
  store_1m_s: number;
  evaluate_1m_s: number;
  evaluate_1m_1_worker_s: number;
  evaluate_1m_1_worker_cpu_s: number;
  speedup_2_workers: number;
  peak_memory_mb: number;
  idle_memory_mb: number;
  events_per_s: number;
  naive: Result<'naive'> & { scaled_to: number; ours_s_per_event: number; naive_s_per_event: number };
  naive_ratio: number;
  scaling: ScalingRow[];
  pack_files_dropped: string[];
  profile: Record<string, number | null>;
  notes: string[];
}

export async function browserBench(options: {
  sizes: number[];
  naiveCount: number;
  baseCount: number;
  /** Size whose run is also broken down step by step on the page's thread. */
  profileSize?: number;
  log: (line: string) => void;
}): Promise<BrowserBenchReport> {
  const { log } = options;
  const outDir = join(tmpdir(), `dlp-bench-page-${process.pid}`);
  log('building the bench page');
  await buildPage(outDir);
  const { server, port } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/tests/bench/page/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const prepared = await call(page, 'prepare', options.baseCount);
    log(`generated ${prepared.events} events in the page in ${prepared.generate_s} s`);
    const idle = Math.round(chromiumMemoryMb());

    const scaling: ScalingRow[] = [];
    let oneWorker = NaN;
    let oneWorkerCpu = NaN;
    let dropped: string[] = [];
    let millionPeak = 0;
    let profile: Result<'profile'> | null = null;
    for (const size of options.sizes) {
      const id = `bench-${size}`;
      const stored = await withPeakMemory(() => call(page, 'store', id, size));
      log(`stored ${size}: ${stored.value.store_s} s (${stored.cpu_s} CPU s), ${stored.value.stored_mb} MB`);
      if (size === 1_000_000) {
        const single = await withPeakMemory(() => call(page, 'evaluate', id, 1));
        oneWorker = single.value.evaluate_s;
        oneWorkerCpu = single.cpu_s;
        log(
          `evaluated ${size} with 1 worker: ${oneWorker} s (${single.cpu_s} CPU s), phases ${JSON.stringify(single.value.phases_s)}, worker steps ${JSON.stringify(single.value.worker_cpu_s)}`,
        );
        millionPeak = Math.max(millionPeak, single.peak_mb);
      }
      const pooled = await withPeakMemory(() => call(page, 'evaluate', id, 2));
      dropped = pooled.value.pack_files_dropped;
      log(
        `evaluated ${size} with 2 workers: ${pooled.value.evaluate_s} s (${pooled.cpu_s} CPU s), ${pooled.value.alerts} alerts, phases ${JSON.stringify(pooled.value.phases_s)}, worker steps ${JSON.stringify(pooled.value.worker_cpu_s)}`,
      );
      if (size === options.profileSize) {
        profile = await call(page, 'profile', id);
        log(`profile of ${size} on the page's thread: ${JSON.stringify(profile)}`);
      }
      const peak = Math.max(stored.peak_mb, pooled.peak_mb);
      if (size === 1_000_000) millionPeak = Math.max(millionPeak, peak);
      scaling.push({
        events: stored.value.events,
        store_s: stored.value.store_s,
        evaluate_s: pooled.value.evaluate_s,
        workers: pooled.value.workers,
        alerts: pooled.value.alerts,
        stored_mb: stored.value.stored_mb,
        store_events_per_s: Math.round(stored.value.events / stored.value.store_s),
        evaluate_events_per_s: Math.round(stored.value.events / pooled.value.evaluate_s),
        peak_memory_mb: peak,
        store_cpu_s: stored.cpu_s,
        evaluate_cpu_s: pooled.cpu_s,
        phases_s: pooled.value.phases_s,
        worker_steps_s: pooled.value.worker_cpu_s,
      });
      await call(page, 'drop', id);
    }

    const naive = await call(page, 'naive', options.naiveCount);
    log(`naive design, ${naive.events} events: ${naive.total_s} s`);
    const million = scaling.find((row) => row.events === 1_000_000);
    if (!million) throw new Error('the 1,000,000-event row is missing');
    const oursPerEvent = (million.store_s + million.evaluate_s) / million.events;
    const naivePerEvent = naive.total_s / naive.events;
    const version = browser.version();
    return {
      chromium: version,
      hardware_concurrency: prepared.hardware_concurrency,
      base_events: prepared.events,
      generate_s: prepared.generate_s,
      content_share: prepared.content_share,
      store_1m_s: million.store_s,
      evaluate_1m_s: million.evaluate_s,
      evaluate_1m_1_worker_s: oneWorker,
      evaluate_1m_1_worker_cpu_s: oneWorkerCpu,
      speedup_2_workers: +(oneWorker / million.evaluate_s).toFixed(2),
      peak_memory_mb: millionPeak,
      idle_memory_mb: idle,
      events_per_s: Math.round(million.events / million.evaluate_s),
      naive: {
        ...naive,
        scaled_to: 1_000_000,
        ours_s_per_event: oursPerEvent,
        naive_s_per_event: naivePerEvent,
      },
      naive_ratio: +(naivePerEvent / oursPerEvent).toFixed(1),
      scaling,
      pack_files_dropped: dropped,
      profile: { events: options.profileSize ?? null, ...profile },
      notes: [
        `The page generates ${prepared.events} events once (seed 20260302, 250 users, all scenarios); larger datasets repeat them (same ids and times), so 1M = 10 copies.`,
        'store_s: DatasetWriter from the first append to the committed dataset (encoding + IndexedDB), through the product code.',
        'evaluate_s: startRun (src/store/run-client.ts) wall time: pool of workers reading their own segments, merge in a worker, run and alerts stored.',
        `naive_ratio: the naive design (one Dexie row per event, rows read back, cloned to one worker, every rule tried on every event, matches cloned back) measured on ${naive.events} events and scaled linearly per event, against our store + evaluate of 1M per event.`,
        `peak_memory_mb: peak of RssAnon + RssShmem summed over all Chromium processes while storing and evaluating 1M (idle page after generating the base events: ${idle} MB).`,
      ],
    };
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
