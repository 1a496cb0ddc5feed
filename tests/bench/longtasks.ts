// `npx tsx tests/bench/longtasks.ts [options]`: main-thread long tasks while a second run goes and
// its results render (issue 7: no task over 100 ms while a run is going). A measurement, not a test:
// it prints figures and never fails on them.
//
// Builds the app with the project's vite.config.ts into its own folder, serves it on its own port,
// opens it in the machine's Chromium, waits for the first run (default pack on the classroom
// dataset), goes to the Runs screen and starts a second run. From the click until the results are on
// screen and the page has been quiet for a while it records:
//   - PerformanceObserver 'longtask' entries (the figures: max ms, count > 50 ms, count > 100 ms);
//   - 'long-animation-frame' entries with their script attribution (which handler ran, for how long);
//   - a CDP CPU profile: for every busy stretch of the main thread over 50 ms, the functions with
//     the most self time (use --readable for unminified names);
//   - CDP Performance metrics: main-thread CPU seconds in tasks, script, layout and style.
//
// Options:
//   --case classroom|noisy|generated   what the second run evaluates (repeatable; default all three):
//        classroom  the default pack on the classroom dataset (about 235 alerts, 86 rules, 13 scenarios)
//        noisy      the same plus one rule that alerts on every file read (about 3,100 alerts)
//        generated  the noisy pack on a dataset generated in the Data screen (--users, --days)
//   --reps N       fresh browser pages per case (default 2)
//   --users N --days N   the generated dataset's knobs (default 100 × 30)
//   --readable     build unminified, so profile function names are readable
//   --no-profile   no CPU profile (the sampling profiler itself lengthens tasks a little)
//   --no-build     reuse the built folder
//   --out DIR      the built folder (default dist-longtasks)  --port N (default: any free port)
//   --json FILE    also write every figure as JSON
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM, FLAGS } from './chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The pack-version overlay the app keeps in local storage (src/ui/state/pack.svelte.ts). */
const PACK_KEY = 'dlp-sim.pack-versions.v1';
const NOISY_RULE_FILE = 'policies/default/rules/zz-bench-every-file-read.yml';
const NOISY_RULE = `title: Bench - every file read
id: bench-every-file-read
status: experimental
description: A deliberately noisy rule so a run has thousands of alerts (tests/bench/longtasks.ts).
logsource: { category: file }
detection:
  selection:
    event.action: read
  condition: selection
level: low
response:
  action: audit
  severity: low
  owner: it
  category: leakage
  playbook: none
`;
/** Quiet time after the results are on screen before the window closes (deferred rendering counts). */
const SETTLE_MS = 2000;

type Case = 'classroom' | 'noisy' | 'generated';

interface Options {
  cases: Case[];
  reps: number;
  users: number;
  days: number;
  readable: boolean;
  profile: boolean;
  build: boolean;
  out: string;
  port: number;
  json: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const cases: Case[] = [];
  argv.forEach((arg, i) => {
    if (arg !== '--case') return;
    const c = argv[i + 1];
    if (c !== 'classroom' && c !== 'noisy' && c !== 'generated')
      throw new Error(`--case takes classroom, noisy or generated, not "${c ?? ''}"`);
    cases.push(c);
  });
  const int = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} takes a whole number, not "${v}"`);
    return n;
  };
  return {
    cases: cases.length ? cases : ['classroom', 'noisy', 'generated'],
    reps: Math.max(1, int('--reps', 2)),
    users: int('--users', 100),
    days: int('--days', 30),
    readable: argv.includes('--readable'),
    profile: !argv.includes('--no-profile'),
    build: !argv.includes('--no-build'),
    out: resolve(ROOT, value('--out') ?? 'dist-longtasks'),
    port: int('--port', 0),
    json: value('--json'),
  };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

function serve(folder: string, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(folder, path);
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      done({ server, port: typeof address === 'object' && address ? address.port : port });
    }),
  );
}

/** Installed before the app's scripts: every long task and long animation frame, buffered. */
function observe(): void {
  const w = window as unknown as { __longtasks: unknown[]; __loafs: unknown[] };
  w.__longtasks = [];
  w.__loafs = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: {
          duration: number;
          invoker: string;
          invokerType: string;
          sourceFunctionName: string;
          sourceURL: string;
          sourceCharPosition: number;
          forcedStyleAndLayoutDuration: number;
        }[];
      })[]) {
        w.__loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
          styleLayout: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((s) => ({
            duration: s.duration,
            invoker: s.invoker,
            fn: s.sourceFunctionName,
            src: `${s.sourceURL.replace(/^.*\//, '')}:${s.sourceCharPosition}`,
            forcedLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // An older Chromium without long animation frames: long tasks still count.
  }
}

interface LongTask {
  start: number;
  duration: number;
}
interface Loaf {
  start: number;
  duration: number;
  blocking: number;
  render: number;
  styleLayout: number;
  scripts: { duration: number; invoker: string; fn: string; src: string; forcedLayout: number }[];
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Busy stretches of the main thread (non-idle samples, gaps under 2 ms joined) and their top self time. */
function busyStretches(profile: Profile, minMs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode | undefined) =>
    n
      ? `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`
      : '?';
  const stretches: { ms: number; top: [string, number][]; inclusive: [string, number][] }[] = [];
  let current: {
    startUs: number;
    endUs: number;
    self: Map<string, number>;
    total: Map<string, number>;
  } | null = null;
  let t = 0;
  const close = () => {
    if (!current) return;
    const ms = (current.endUs - current.startUs) / 1000;
    if (ms >= minMs) {
      const top = [...current.self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => [k, +(v / 1000).toFixed(1)] as [string, number]);
      const inclusive = [...current.total]
        .filter(([k]) => !/^\((anonymous|program|root)\)/.test(k))
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.LONGTASKS_INCLUSIVE ?? 14))
        .map(([k, v]) => [k, +(v / 1000).toFixed(1)] as [string, number]);
      stretches.push({ ms: +ms.toFixed(1), top, inclusive });
    }
    current = null;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const next = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i] ?? -1);
    const name = node?.callFrame.functionName ?? '';
    if (name === '(idle)' || name === '(root)') {
      if (current && t - current.endUs > 2000) close();
      continue;
    }
    const key = label(node);
    if (current && t - current.endUs > 2000) close();
    current ??= { startUs: t, endUs: t, self: new Map(), total: new Map() };
    current.endUs = t + next;
    current.self.set(key, (current.self.get(key) ?? 0) + next);
    const seen = new Set<string>();
    for (let id: number | undefined = node?.id; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      current.total.set(k, (current.total.get(k) ?? 0) + next);
    }
  }
  close();
  return stretches;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Waits until no long task has ended for `quietMs` (counted from the call at the earliest). */
async function waitQuiet(page: Page, quietMs: number, maxMs: number): Promise<void> {
  const started = Date.now();
  const since = await page.evaluate(() => performance.now());
  for (;;) {
    const last = await page.evaluate(() => {
      const w = window as unknown as { __longtasks: LongTask[] };
      const t = w.__longtasks[w.__longtasks.length - 1];
      return { now: performance.now(), end: t ? t.start + t.duration : 0 };
    });
    if (last.now - Math.max(last.end, since) >= quietMs || Date.now() - started > maxMs) return;
    await page.waitForTimeout(250);
  }
}

interface Measurement {
  case: Case;
  rep: number;
  alerts: string;
  /** From the click on "Run" until the run's results are on screen. */
  toResultsMs: number;
  windowMs: number;
  longTasks: number[];
  max: number;
  over50: number;
  over100: number;
  cpu: { taskS: number; scriptS: number; layoutS: number; styleS: number };
  loafs: Loaf[];
  stretches: { ms: number; top: [string, number][]; inclusive: [string, number][] }[];
  load: string;
}

async function measureOnce(base: string, c: Case, rep: number, options: Options): Promise<Measurement> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    if (c !== 'classroom') {
      const overlay = [
        {
          version: 2,
          savedAt: new Date().toISOString(),
          note: 'bench: noisy rule',
          changed: { [NOISY_RULE_FILE]: NOISY_RULE },
          removed: [],
        },
      ];
      await context.addInitScript(
        ([key, value]) => {
          if (!localStorage.getItem(key)) localStorage.setItem(key, value);
        },
        [PACK_KEY, JSON.stringify(overlay)] as const,
      );
    }
    await context.addInitScript(observe);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));

    await page.goto(base);
    const status = page.getByTestId('run-status');
    await status.and(page.locator('[data-state="done"]')).waitFor({ timeout: 180_000 });

    if (c === 'generated') {
      await page.evaluate(() => (location.hash = '#/data'));
      await page.getByRole('tab', { name: 'Generate' }).click();
      const panel = page.getByRole('region', { name: 'Generate a dataset' });
      await panel.getByLabel('Users').fill(String(options.users));
      await panel.getByLabel('Days').fill(String(options.days));
      await panel.getByRole('button', { name: 'Generate' }).click();
      await panel
        .getByRole('status')
        .filter({ hasText: 'is added and in use' })
        .waitFor({ timeout: 600_000 });
    }

    await page.evaluate(() => (location.hash = '#/runs'));
    const button = page.getByRole('button', { name: /^Run pack version/ });
    await button.waitFor();
    await page.waitForFunction(() => !document.querySelector('button.primary[disabled]'), undefined, {
      timeout: 600_000,
    });
    await waitQuiet(page, 1500, 20_000);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    }
    const before = await metrics(cdp);
    if (options.profile) await cdp.send('Profiler.start');
    const t0 = await page.evaluate(() => performance.now());
    const url = page.url();
    await button.click();
    await page.waitForURL((u) => u.toString() !== url && /#\/runs\/[^/?]+$/.test(u.hash), {
      timeout: 600_000,
    });
    await page
      .locator('main table a[href^="#/alerts/"]')
      .first()
      .waitFor({ state: 'visible', timeout: 120_000 });
    const t1 = await page.evaluate(() => performance.now());
    await waitQuiet(page, SETTLE_MS, 60_000);
    const t2 = await page.evaluate(() => performance.now());
    const profile = options.profile
      ? ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile
      : null;
    const after = await metrics(cdp);
    const alerts =
      (await page
        .locator('.headline dt', { hasText: 'Alerts' })
        .locator('xpath=following-sibling::dd')
        .textContent()) ?? '?';
    const recorded = await page.evaluate(() => {
      const w = window as unknown as { __longtasks: LongTask[]; __loafs: Loaf[] };
      return { tasks: w.__longtasks, loafs: w.__loafs };
    });
    if (problems.length) throw new Error(`the page reported errors: ${problems.join('; ')}`);
    const tasks = recorded.tasks.filter((t) => t.start >= t0 && t.start <= t2).map((t) => t.duration);
    const loafs = recorded.loafs.filter((l) => l.start >= t0 && l.start <= t2 && l.duration > 50);
    const d = (name: string) => +((after[name] ?? 0) - (before[name] ?? 0)).toFixed(3);
    return {
      case: c,
      rep,
      alerts: alerts.trim(),
      toResultsMs: Math.round(t1 - t0),
      windowMs: Math.round(t2 - t0),
      longTasks: tasks.map((n) => Math.round(n)),
      max: Math.round(Math.max(0, ...tasks)),
      over50: tasks.filter((n) => n > 50).length,
      over100: tasks.filter((n) => n > 100).length,
      cpu: {
        taskS: d('TaskDuration'),
        scriptS: d('ScriptDuration'),
        layoutS: d('LayoutDuration'),
        styleS: d('RecalcStyleDuration'),
      },
      loafs,
      stretches: profile ? busyStretches(profile, 50) : [],
      load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
  } finally {
    await browser.close();
  }
}

function print(m: Measurement): void {
  console.log(
    `\n== ${m.case} #${m.rep}: ${m.alerts} alerts; results on screen ${m.toResultsMs} ms after the click; ` +
      `window ${m.windowMs} ms; load ${m.load}`,
  );
  console.log(
    `   long tasks: ${m.longTasks.length} (> 50 ms: ${m.over50}, > 100 ms: ${m.over100}), max ${m.max} ms: ` +
      `[${m.longTasks.join(', ')}]`,
  );
  console.log(
    `   main-thread CPU: tasks ${m.cpu.taskS} s, script ${m.cpu.scriptS} s, layout ${m.cpu.layoutS} s, ` +
      `style ${m.cpu.styleS} s`,
  );
  for (const l of m.loafs.filter((x) => x.duration > 50)) {
    const scripts = l.scripts
      .filter((s) => s.duration > 5)
      .map((s) => `${s.invoker || s.fn} ${s.src} ${Math.round(s.duration)} ms`)
      .join('; ');
    console.log(
      `   frame ${Math.round(l.duration)} ms (style+layout ${Math.round(l.styleLayout)}, render ${Math.round(
        l.render,
      )}): ${scripts || 'no script over 5 ms'}`,
    );
  }
  for (const s of m.stretches.filter((x) => x.ms > 50)) {
    console.log(`   busy ${s.ms} ms: ${s.top.map(([k, v]) => `${k} ${v}`).join(' | ')}`);
    if (process.argv.includes('--inclusive'))
      console.log(`     inclusive: ${s.inclusive.map(([k, v]) => `${k} ${v}`).join(' | ')}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) {
    console.log(`building into ${options.out}${options.readable ? ' (unminified)' : ''}…`);
    await build({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir: options.out, emptyOutDir: true, ...(options.readable ? { minify: false } : {}) },
    });
  }
  if (!existsSync(join(options.out, 'index.html')))
    throw new Error(`${options.out} holds no built app: run without --no-build`);
  const { server, port } = await serve(options.out, options.port);
  const base = `http://127.0.0.1:${port}/`;
  console.log(
    `serving ${options.out} at ${base}; cpus 2-core machine load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
  );
  const all: Measurement[] = [];
  try {
    for (const c of options.cases) {
      for (let rep = 1; rep <= options.reps; rep++) {
        const m = await measureOnce(base, c, rep, options);
        print(m);
        all.push(m);
      }
    }
  } finally {
    server.close();
  }
  console.log('\nsummary (per case: max task ms, tasks > 50 ms, tasks > 100 ms, main-thread task CPU s):');
  for (const c of options.cases) {
    const ms = all.filter((m) => m.case === c);
    console.log(
      `  ${c.padEnd(10)} ${ms.map((m) => `${m.max} ms / ${m.over50} / ${m.over100} / ${m.cpu.taskS} s`).join('   ')}`,
    );
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(all, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
