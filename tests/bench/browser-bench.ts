// The headless-Chromium part of `npm run bench`: builds tests/bench/page with Vite, serves it, and
// drives it through Playwright in the machine's Chromium. Memory is the resident anonymous and
// shared memory of every Chromium process (browser, renderer, GPU/utility), sampled from /proc.
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM, FLAGS } from './chromium.ts';
import { profileWorkers } from './worker-profiles.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
      // Profiles name functions only in an unminified build.
      minify: !process.env.BENCH_WORKER_PROFILE,
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
  return chromiumMemory().total;
}

/** Chromium's process kind from its command line: browser, renderer, utility (storage, network…). */
function processKind(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    const service = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    return type ? (service ? `${type}:${service.replace(/^.*\./, '')}` : type) : 'browser';
  } catch {
    return 'gone';
  }
}

const kinds = new Map<number, string>();

/** The total, and the MB of each kind of Chromium process (which one holds the memory). */
function chromiumMemory(): { total: number; byKind: Record<string, number> } {
  if (performance.now() - pidsListedAt > 2000) {
    knownPids = descendants();
    pidsListedAt = performance.now();
  }
  let kb = 0;
  const byKind: Record<string, number> = {};
  for (const pid of knownPids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const own =
        Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0) +
        Number(/^RssShmem:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      kb += own;
      let kind = kinds.get(pid);
      if (kind === undefined) kinds.set(pid, (kind = processKind(pid)));
      byKind[kind] = Math.round((byKind[kind] ?? 0) + own / 1024);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { total: kb / 1024, byKind };
}

/** CPU seconds (user + system) used so far by every Chromium process, in all and per kind of process. */
function chromiumCpu(): { total: number; byKind: Record<string, number> } {
  let ticks = 0;
  const byKind: Record<string, number> = {};
  for (const pid of descendants()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const own = Number(fields[11]) + Number(fields[12]);
      ticks += own;
      let kind = kinds.get(pid);
      if (kind === undefined) kinds.set(pid, (kind = processKind(pid)));
      byKind[kind] = (byKind[kind] ?? 0) + own / 100;
    } catch {
      // Gone.
    }
  }
  return { total: ticks / 100, byKind };
}

/**
 * CPU seconds so far per thread of every Chromium process, keyed "kind/thread name" (threads of one
 * name summed): where a process's time goes (a worker's own thread, V8's GC helpers, IndexedDB).
 * A thread that ended meanwhile (a terminated worker) is missing from the later reading.
 */
function chromiumThreadCpu(): Map<string, number> {
  const byThread = new Map<string, number>();
  for (const pid of descendants()) {
    try {
      let kind = kinds.get(pid);
      if (kind === undefined) kinds.set(pid, (kind = processKind(pid)));
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${kind}/${name}`;
        byThread.set(key, (byThread.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
      }
    } catch {
      // Gone.
    }
  }
  return byThread;
}

/** How long the app idles before the settled 1M run (V8 collects idle workers' garbage within ~20 s; Chromium releases a closed pool's workers ~25 s after). */
const SETTLE_MS = 30_000;

/** The CPU seconds per thread used between two readings, largest first (BENCH_THREADS=1). */
function threadCpuUsed(before: Map<string, number>, after: Map<string, number>): string {
  return [...after]
    .map(([key, seconds]) => [key, seconds - (before.get(key) ?? 0)] as const)
    .filter(([, used]) => used >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([key, used]) => `${key} ${used.toFixed(2)}`)
    .join(', ');
}

interface Measured<T> {
  value: T;
  peak_mb: number;
  /** MB per kind of Chromium process at the peak. */
  peak_by_process: Record<string, number>;
  /** Seconds from the start of the work to the peak (to set against a run's phases). */
  peak_at_s: number;
  cpu_s: number;
  /** CPU seconds per kind of Chromium process (renderer: the page and its workers). */
  cpu_by_process: Record<string, number>;
}

/**
 * Runs `work`, sampling Chromium's memory; returns its result, the peak and the CPU seconds
 * Chromium spent meanwhile (on a shared machine, CPU time says more than wall time).
 */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<Measured<T>> {
  let peak = chromiumMemory();
  const started = performance.now();
  let peakAt = started;
  const sample = () => {
    const now = chromiumMemory();
    // BENCH_MEMORY_TRACE=1 prints every sample: the curve, not only its peak.
    if (process.env.BENCH_MEMORY_TRACE)
      console.log(
        `memory ${((performance.now() - started) / 1000).toFixed(2)} s ${Math.round(now.total)} MB ${JSON.stringify(now.byKind)}`,
      );
    if (now.total > peak.total) {
      peak = now;
      peakAt = performance.now();
    }
  };
  const cpuBefore = chromiumCpu();
  const threadsBefore = process.env.BENCH_THREADS ? chromiumThreadCpu() : undefined;
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const value = await work();
    sample();
    const cpuAfter = chromiumCpu();
    if (threadsBefore) console.log(`CPU s by thread: ${threadCpuUsed(threadsBefore, chromiumThreadCpu())}`);
    const cpuByKind: Record<string, number> = {};
    for (const [kind, seconds] of Object.entries(cpuAfter.byKind)) {
      const used = seconds - (cpuBefore.byKind[kind] ?? 0);
      if (used >= 0.01) cpuByKind[kind] = +used.toFixed(2);
    }
    return {
      value,
      peak_mb: Math.round(peak.total),
      peak_by_process: peak.byKind,
      peak_at_s: +((peakAt - started) / 1000).toFixed(2),
      cpu_s: +(cpuAfter.total - cpuBefore.total).toFixed(2),
      cpu_by_process: cpuByKind,
    };
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
  store_cpu_by_process: Record<string, number>;
  evaluate_cpu_by_process: Record<string, number>;
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
  /** The better of the two warm 2-worker runs of 1M (`evaluate_1m_runs_s`: back to back, then settled). */
  evaluate_1m_s: number;
  evaluate_1m_runs_s: number[];
  /** The better of two 1-worker runs of 1M (`evaluate_1m_1_worker_runs_s`). */
  evaluate_1m_1_worker_s: number;
  evaluate_1m_1_worker_runs_s: number[];
  evaluate_1m_1_worker_cpu_s: number;
  /** 1M with 2 workers started for the run (warm pool closed first): start-up and pack compile included. */
  evaluate_1m_cold_s: number;
  evaluate_1m_cold_cpu_s: number;
  evaluate_1m_cold_phases_s: Record<string, number>;
  /** The bench's first run (the smallest size): its workers start and compile the pack. */
  first_run_phases_s: Record<string, number>;
  speedup_2_workers: number;
  /** The machine's own ceiling for that speed-up: 2 × one worker's time / two workers' (spin-worker.ts). */
  machine_speedup_2_threads: number;
  machine_ceiling_trials: { alone_s: number; together_s: number; ceiling: number }[];
  peak_memory_mb: number;
  store_1m_peak_memory_mb: number;
  evaluate_1m_peak_memory_mb: number;
  evaluate_1m_settled_peak_memory_mb: number;
  evaluate_1m_settled_start_memory_mb: number;
  evaluate_1m_settled_s: number;
  evaluate_1m_settled_cpu_s: number;
  /** Every segment of 1M read from IndexedDB with nothing evaluated (best of two): no run of 1M is faster here. */
  read_1m_floor_s: number;
  read_1m_mb_per_s: number;
  /** MB per kind of Chromium process (browser, renderer, utility services) at each peak. */
  store_1m_peak_by_process: Record<string, number>;
  evaluate_1m_peak_by_process: Record<string, number>;
  idle_memory_mb: number;
  idle_with_base_events_mb: number;
  /** Memory 3 s after the generator worker was terminated, before Chromium released its memory. */
  idle_before_release_mb: number;
  /** Seconds from terminating the generator to Chromium releasing its memory (45+: not seen). */
  generator_release_s: number;
  /** The bench page loaded, nothing generated or stored yet. */
  blank_page_memory_mb: number;
  blank_page_by_process: Record<string, number>;
  events_per_s: number;
  /** Issue 6's naive design: rules interpreted from their YAML per event. */
  naive: NaiveDetail;
  naive_ratio: number;
  /** The same design running the engine's compiled rules per event (no index, no shared scan). */
  naive_compiled: NaiveDetail;
  naive_compiled_ratio: number;
  scaling: ScalingRow[];
  profile: Record<string, number | null>;
  notes: string[];
}

type NaiveDetail = Result<'naive'> & {
  scaled_to: number;
  ours_s_per_event: number;
  naive_s_per_event: number;
};

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
  // BENCH_JS_FLAGS passes V8 flags to every isolate, e.g. `--trace-gc` (printed with DEBUG=pw:browser):
  // each worker's heap before and after every collection.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [])],
    headless: true,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/tests/bench/page/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const blank = chromiumMemory();
    log(`the page loaded, nothing generated: ${Math.round(blank.total)} MB ${JSON.stringify(blank.byKind)}`);
    const prepared = await call(page, 'prepare', options.baseCount);
    log(`generated ${prepared.events} events in the bench's generator worker in ${prepared.generate_s} s`);
    const idleWithBase = Math.round(chromiumMemoryMb());

    // Store every size first (the generator worker holds the base events meanwhile), then drop the
    // generator: what is measured while evaluating is the product alone.
    const storedBySize = new Map<number, Measured<Result<'store'>>>();
    for (const size of options.sizes) {
      const stored = await withPeakMemory(() => call(page, 'store', `bench-${size}`, size));
      storedBySize.set(size, stored);
      log(
        `stored ${size}: ${stored.value.store_s} s (${stored.cpu_s} CPU s: ${JSON.stringify(stored.cpu_by_process)}), ${stored.value.stored_mb} MB, peak ${stored.peak_mb} MB ${JSON.stringify(stored.peak_by_process)}`,
      );
    }
    await call(page, 'dropGenerator');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Chromium frees a terminated worker's memory some 20 s after it ends (measured here: the
    // renderer stays ~150 MB above a blank page's, then falls at once). The generator is the bench's,
    // not the product's: wait for that release (at most 45 s) so the evaluation peaks that follow
    // measure the product, not the tail of the bench's scaffolding.
    const beforeRelease = Math.round(chromiumMemoryMb());
    const releaseStarted = performance.now();
    const settledRenderer = (blank.byKind.renderer ?? 0) + 60;
    while (
      (chromiumMemory().byKind.renderer ?? 0) > settledRenderer &&
      performance.now() - releaseStarted < 45_000
    )
      await new Promise((resolve) => setTimeout(resolve, 500));
    const releaseS = +((performance.now() - releaseStarted) / 1000 + 3).toFixed(1);
    const idle = Math.round(chromiumMemoryMb());
    log(
      `idle: ${idleWithBase} MB with the generator's base events, ${beforeRelease} MB 3 s after dropping them, ${idle} MB once Chromium released the generator's memory (${releaseS} s) ${JSON.stringify(chromiumMemory().byKind)}`,
    );

    // What two workers can gain on this machine at best, before the pool is measured: three trials, the median.
    const trials: { alone_s: number; together_s: number; ceiling: number }[] = [];
    for (let trial = 0; trial < 3; trial++) trials.push(await call(page, 'machineCeiling', 300));
    const ceiling = [...trials].sort((a, b) => a.ceiling - b.ceiling)[1]!.ceiling;
    log(`machine ceiling for 2 workers: ${ceiling} (trials ${JSON.stringify(trials)})`);

    const scaling: ScalingRow[] = [];
    let oneWorker = NaN;
    let oneWorkerCpu = NaN;
    const oneWorkerRuns: number[] = [];
    let cold: Measured<Result<'evaluate'>> | null = null;
    let evaluatePeak = 0;
    let evaluatePeakBy: Record<string, number> = {};
    const notePeak = (measured: Measured<unknown>) => {
      if (measured.peak_mb <= evaluatePeak) return;
      evaluatePeak = measured.peak_mb;
      evaluatePeakBy = measured.peak_by_process;
    };
    let firstRun: Result<'evaluate'> | null = null;
    let settled: Measured<Result<'evaluate'>> | null = null;
    let settledStart = NaN;
    let readFloor: Result<'readFloor'> | null = null;
    for (const size of options.sizes) {
      const id = `bench-${size}`;
      const stored = storedBySize.get(size)!;
      if (size === 1_000_000) {
        const single = await withPeakMemory(() => call(page, 'evaluate', id, 1, false));
        oneWorker = single.value.evaluate_s;
        oneWorkerCpu = single.cpu_s;
        oneWorkerRuns.push(oneWorker);
        log(
          `evaluated ${size} with 1 worker: ${oneWorker} s (${single.cpu_s} CPU s: ${JSON.stringify(single.cpu_by_process)}), peak ${single.peak_mb} MB at ${single.peak_at_s} s ${JSON.stringify(single.peak_by_process)}, phases ${JSON.stringify(single.value.phases_s)}, worker steps ${JSON.stringify(single.value.worker_cpu_s)}`,
        );
        notePeak(single);
      }
      // BENCH_WORKER_PROFILE=<folder>: CPU profiles of the pool's workers over the 1M run with 2 workers.
      const profiling =
        size === 1_000_000 && process.env.BENCH_WORKER_PROFILE
          ? await profileWorkers(await page.context().newCDPSession(page))
          : null;
      const pooled = await withPeakMemory(() => call(page, 'evaluate', id, 2, false));
      if (profiling) {
        const folder = process.env.BENCH_WORKER_PROFILE!;
        mkdirSync(folder, { recursive: true });
        for (const [n, { profile }] of (await profiling()).entries())
          writeFileSync(join(folder, `worker-${n}.cpuprofile`), JSON.stringify(profile));
      }
      firstRun ??= pooled.value;
      log(
        `evaluated ${size} with 2 workers: ${pooled.value.evaluate_s} s (${pooled.cpu_s} CPU s: ${JSON.stringify(pooled.cpu_by_process)}), ${pooled.value.alerts} alerts, peak ${pooled.peak_mb} MB at ${pooled.peak_at_s} s ${JSON.stringify(pooled.peak_by_process)}, phases ${JSON.stringify(pooled.value.phases_s)}, worker steps ${JSON.stringify(pooled.value.worker_cpu_s)}`,
      );
      if (size === 1_000_000) {
        notePeak(pooled);
        cold = await withPeakMemory(() => call(page, 'evaluate', id, 2, true));
        notePeak(cold);
        log(
          `evaluated ${size} with 2 new workers (pool closed first): ${cold.value.evaluate_s} s (${cold.cpu_s} CPU s: ${JSON.stringify(cold.cpu_by_process)}), peak ${cold.peak_mb} MB ${JSON.stringify(cold.peak_by_process)}, phases ${JSON.stringify(cold.value.phases_s)}`,
        );
        // The runs above follow one another within a second: each starts with the garbage of the
        // one before still in its workers (and a closed pool's workers not yet released by
        // Chromium). One more warm 2-worker run after the app idled, as a user's next run would.
        const before = Math.round(chromiumMemoryMb());
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        settledStart = Math.round(chromiumMemoryMb());
        settled = await withPeakMemory(() => call(page, 'evaluate', id, 2, false));
        log(
          `evaluated ${size} with 2 workers after ${SETTLE_MS / 1000} s idle (${before} -> ${settledStart} MB): ${settled.value.evaluate_s} s (${settled.cpu_s} CPU s), peak ${settled.peak_mb} MB ${JSON.stringify(settled.peak_by_process)}`,
        );
        // Each side of the speed-up is the better of two runs: on a shared machine one run can meet
        // another tenant's burst that the other side's run did not.
        const again = await withPeakMemory(() => call(page, 'evaluate', id, 1, false));
        notePeak(again);
        oneWorkerRuns.push(again.value.evaluate_s);
        log(
          `evaluated ${size} with 1 worker again: ${again.value.evaluate_s} s (${again.cpu_s} CPU s), peak ${again.peak_mb} MB`,
        );
        // The floor under these runs: the same segments read with nothing evaluated (best of two).
        const floors = [await call(page, 'readFloor', id), await call(page, 'readFloor', id)];
        readFloor = floors.reduce((best, floor) => (floor.read_s < best.read_s ? floor : best));
        log(
          `read ${size} from IndexedDB alone, nothing evaluated: ${floors.map((f) => `${f.read_s} s (${f.mb_per_s} MB/s)`).join(', ')} for ${readFloor.stored_mb} MB`,
        );
      }
      scaling.push({
        events: stored.value.events,
        store_s: stored.value.store_s,
        evaluate_s: pooled.value.evaluate_s,
        workers: pooled.value.workers,
        alerts: pooled.value.alerts,
        stored_mb: stored.value.stored_mb,
        store_events_per_s: Math.round(stored.value.events / stored.value.store_s),
        evaluate_events_per_s: Math.round(stored.value.events / pooled.value.evaluate_s),
        peak_memory_mb: Math.max(stored.peak_mb, pooled.peak_mb),
        store_cpu_s: stored.cpu_s,
        evaluate_cpu_s: pooled.cpu_s,
        store_cpu_by_process: stored.cpu_by_process,
        evaluate_cpu_by_process: pooled.cpu_by_process,
        phases_s: pooled.value.phases_s,
        worker_steps_s: pooled.value.worker_cpu_s,
      });
    }
    // The step-by-step profile decodes a whole dataset on the page's thread: after the memory figures.
    let profile: Result<'profile'> | null = null;
    if (options.profileSize && options.sizes.includes(options.profileSize)) {
      profile = await call(page, 'profile', `bench-${options.profileSize}`);
      log(`profile of ${options.profileSize} on the page's thread: ${JSON.stringify(profile)}`);
    }
    for (const size of options.sizes) await call(page, 'drop', `bench-${size}`);
    const storePeak = storedBySize.get(1_000_000)?.peak_mb ?? 0;
    const millionPeak = Math.max(storePeak, evaluatePeak);

    // The better of two, as on our side (evaluate_1m_s): the ratio then compares two best runs.
    const naiveRuns: Result<'naive'>[] = [];
    for (let run = 0; run < 2; run++) {
      const measured = await call(page, 'naive', options.naiveCount, options.baseCount, 'interpreted');
      naiveRuns.push(measured);
      log(
        `naive design (rules interpreted), ${measured.events} events: ${measured.total_s} s, ${measured.matches} matches`,
      );
    }
    const naive = naiveRuns.reduce((best, run) => (run.total_s < best.total_s ? run : best));
    const naiveCompiled = await call(page, 'naive', options.naiveCount, options.baseCount, 'compiled');
    log(
      `naive design (compiled rules), ${naiveCompiled.events} events: ${naiveCompiled.total_s} s, ${naiveCompiled.matches} matches`,
    );
    const millionRow = scaling.find((row) => row.events === 1_000_000);
    if (!millionRow) throw new Error('the 1,000,000-event row is missing');
    const twoWorkerRuns = [millionRow.evaluate_s, settled?.value.evaluate_s ?? NaN].filter(Number.isFinite);
    const million = { ...millionRow, evaluate_s: Math.min(...twoWorkerRuns) };
    const bestOneWorker = Math.min(...oneWorkerRuns.filter(Number.isFinite));
    const oursPerEvent = (million.store_s + million.evaluate_s) / million.events;
    const detail = (measured: Result<'naive'>): NaiveDetail => ({
      ...measured,
      scaled_to: 1_000_000,
      ours_s_per_event: oursPerEvent,
      naive_s_per_event: measured.total_s / measured.events,
    });
    const naiveDetail = detail(naive);
    const naiveCompiledDetail = detail(naiveCompiled);
    const version = browser.version();
    return {
      chromium: version,
      hardware_concurrency: prepared.hardware_concurrency,
      base_events: prepared.events,
      generate_s: prepared.generate_s,
      content_share: prepared.content_share,
      store_1m_s: million.store_s,
      evaluate_1m_s: million.evaluate_s,
      evaluate_1m_runs_s: twoWorkerRuns,
      evaluate_1m_1_worker_s: bestOneWorker,
      evaluate_1m_1_worker_runs_s: oneWorkerRuns,
      evaluate_1m_1_worker_cpu_s: oneWorkerCpu,
      evaluate_1m_cold_s: cold?.value.evaluate_s ?? NaN,
      evaluate_1m_cold_cpu_s: cold?.cpu_s ?? NaN,
      evaluate_1m_cold_phases_s: cold?.value.phases_s ?? {},
      first_run_phases_s: firstRun?.phases_s ?? {},
      speedup_2_workers: +(bestOneWorker / million.evaluate_s).toFixed(2),
      machine_speedup_2_threads: ceiling,
      machine_ceiling_trials: trials,
      peak_memory_mb: millionPeak,
      store_1m_peak_memory_mb: storePeak,
      evaluate_1m_peak_memory_mb: evaluatePeak,
      store_1m_peak_by_process: storedBySize.get(1_000_000)?.peak_by_process ?? {},
      evaluate_1m_peak_by_process: evaluatePeakBy,
      evaluate_1m_settled_peak_memory_mb: settled?.peak_mb ?? NaN,
      evaluate_1m_settled_start_memory_mb: settledStart,
      evaluate_1m_settled_s: settled?.value.evaluate_s ?? NaN,
      evaluate_1m_settled_cpu_s: settled?.cpu_s ?? NaN,
      read_1m_floor_s: readFloor?.read_s ?? NaN,
      read_1m_mb_per_s: readFloor?.mb_per_s ?? NaN,
      idle_memory_mb: idle,
      idle_with_base_events_mb: idleWithBase,
      idle_before_release_mb: beforeRelease,
      generator_release_s: releaseS,
      blank_page_memory_mb: Math.round(blank.total),
      blank_page_by_process: blank.byKind,
      events_per_s: Math.round(million.events / million.evaluate_s),
      naive: naiveDetail,
      naive_ratio: +(naiveDetail.naive_s_per_event / oursPerEvent).toFixed(1),
      naive_compiled: naiveCompiledDetail,
      naive_compiled_ratio: +(naiveCompiledDetail.naive_s_per_event / oursPerEvent).toFixed(1),
      scaling,
      profile: { events: options.profileSize ?? null, ...profile },
      notes: [
        `A worker of the bench generates ${prepared.events} events once (seed 20260302, 250 users, all scenarios) and stores every size with DatasetWriter; larger datasets repeat them (same ids and times), so 1M = 10 copies. It is terminated (its events dropped) before any evaluation.`,
        'store_s: DatasetWriter from the first append to the committed dataset (encoding + IndexedDB), through the product code, in that worker (as the app stores in its engine worker).',
        'evaluate_s: startRun (src/store/run-client.ts) wall time: pool of workers reading their own segments, shards reduced in the workers, merge in a worker, run and alerts stored. The pool stays warm between runs (as in the app): every run after the first reuses workers that already compiled the pack. evaluate_1m_cold_s closes the pool first. evaluate_1m_s is the better of two warm 2-worker runs (evaluate_1m_runs_s: one right after the 1-worker run, one after the app idled), evaluate_1m_1_worker_s the better of two 1-worker runs; speedup_2_workers is their ratio.',
        `naive_ratio: issue 6's naive design (one Dexie row per event, rows read back, cloned to one worker, every rule's YAML interpreted on every event — tests/bench/naive-interpreter.ts —, matches cloned back) measured on ${naive.events} events (the better of two runs: ${naiveRuns.map((run) => run.total_s).join(' s, ')} s) and scaled linearly per event, against our store + evaluate of 1M per event, evaluate_1m_s being the better of two runs too (details: naive).`,
        `naive_compiled_ratio: the same design but running the engine's compiled rules on every event (no rule index, no shared content scan — tests/bench/naive.ts), on the same ${naiveCompiled.events} events; a stricter baseline than the issue's (details: naive_compiled).`,
        `peak_memory_mb: the larger of the peaks while storing 1M (${storePeak} MB, the generator worker holds the 100k base events) and while evaluating 1M (${evaluatePeak} MB, 1 worker, 2 warm workers, 2 new workers, and 1 worker again after the settled run): RssAnon + RssShmem summed over all Chromium processes. Idle: ${idleWithBase} MB with the base events, ${beforeRelease} MB 3 s after dropping them, ${idle} MB once Chromium released the terminated generator's memory (${releaseS} s after; evaluation starts then).`,
        `machine_speedup_2_threads: the most any 2-worker pool could gain here: a fixed piece of engine-like work (tests/bench/page/spin-worker.ts, no IndexedDB) timed in one worker alone and in two workers at once, 2 × alone / together (median of 3; 2.0 on two free physical cores). speedup_2_workers is bounded by it.`,
        `read_1m_floor_s: every segment of the 1M dataset read from IndexedDB on the page's thread, two requests of a pool task's segments in flight as one pool worker reads them, nothing decoded or evaluated (best of two): the floor under evaluate_1m_s on this machine, however many workers (Chromium serves one origin's reads in turn: two readers at once were measured no faster).`,
        `evaluate_1m_settled_peak_memory_mb: one more warm 2-worker run of 1M after ${SETTLE_MS / 1000} s with the app idle (it started at ${settledStart} MB): the peak of a run from an idle app, where the runs of peak_memory_mb each start with the previous run's garbage in the workers.`,
      ],
    };
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
