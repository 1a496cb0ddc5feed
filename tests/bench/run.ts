// `npm run bench [-- --json <file>] [-- --10m] [-- --node-only | --browser-only]`: the benchmarks of issue 6.
// Node part: segment codec, the engine alone (events/s, share of content scanning), the naive
// design, ripgrep. Browser part (headless Chromium through Playwright): store and evaluate
// 10k / 100k / 1M events (10M with --10m) through the product's store and worker pool.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeSegment, encodeSegment, type EncodedSegment } from '../../src/store/segment-codec.ts';
import { DEFAULT_SEGMENT_SIZE } from '../../src/store/dataset-writer.ts';
import { syntheticEvents } from './synthetic-events.ts';
import { nodeBench, type NodeBenchReport } from './node-bench.ts';
import { browserBench, type BrowserBenchReport } from './browser-bench.ts';

interface BenchReport {
  store_1m_s: number | null;
  evaluate_1m_s: number | null;
  speedup_2_workers: number | null;
  /** What two workers could gain at best on this machine (engine-like work, no IndexedDB). */
  machine_speedup_2_threads: number | null;
  /** Every segment of 1M read from IndexedDB with nothing evaluated: the floor under evaluate_1m_s here. */
  read_1m_floor_s: number | null;
  /** Issue 6's naive design: rules interpreted from their YAML per event. */
  naive_ratio: number | null;
  /** The same design with the engine's compiled rules per event. */
  naive_compiled_ratio: number | null;
  ripgrep_ratio: number | null;
  peak_memory_mb: number | null;
  /** The peak of a 1M run started from an idle app (peak_memory_mb: runs back to back). */
  peak_memory_settled_mb: number | null;
  events_per_s: number | null;
  /** CPU seconds all Chromium processes used: on a shared machine these move far less than wall time. */
  store_1m_cpu_s: number | null;
  evaluate_1m_cpu_s: number | null;
  machine: {
    cpus: number;
    model: string;
    memory_gb: number;
    node: string;
    load_average_at_start: number[];
    first_touch_mb_per_s: number;
    touched_mb_per_s: number;
  };
  codec: ReturnType<typeof benchCodec> | null;
  node: NodeBenchReport | null;
  browser: BrowserBenchReport | null;
  total_s: number;
  notes: string[];
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function benchCodec(count: number) {
  const events = [...syntheticEvents(count)];
  const jsonBytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
  let t = performance.now();
  const segments: EncodedSegment[] = [];
  for (let i = 0; i < events.length; i += DEFAULT_SEGMENT_SIZE)
    segments.push(encodeSegment(events.slice(i, i + DEFAULT_SEGMENT_SIZE)));
  const encodeS = (performance.now() - t) / 1000;
  t = performance.now();
  let decoded = 0;
  for (const segment of segments) decoded += decodeSegment(segment).length;
  const decodeS = (performance.now() - t) / 1000;
  const stored = segments.reduce((sum, s) => sum + s.summary.bytes, 0);
  return {
    events: decoded,
    encode_events_per_s: Math.round(count / encodeS),
    decode_events_per_s: Math.round(count / decodeS),
    stored_mb: +(stored / 2 ** 20).toFixed(1),
    json_mb: +(jsonBytes / 2 ** 20).toFixed(1),
  };
}

/**
 * How fast this machine writes memory a process touches for the first time, and memory already
 * touched (MB/s, best of three, 128 MB each): a guest whose page faults are costly (measured here:
 * ~350 MB/s first touch against ~25,000 once touched) pays that on every fresh buffer IndexedDB,
 * structured cloning and a growing heap use, which no code of ours avoids.
 */
function memoryTouch(): { first_touch_mb_per_s: number; touched_mb_per_s: number } {
  const megabytes = 128;
  let first = 0;
  let again = 0;
  for (let trial = 0; trial < 3; trial++) {
    const buffer = Buffer.alloc(megabytes * 2 ** 20);
    let started = performance.now();
    buffer.fill(1);
    first = Math.max(first, (megabytes * 1000) / (performance.now() - started));
    started = performance.now();
    buffer.fill(2);
    again = Math.max(again, (megabytes * 1000) / (performance.now() - started));
  }
  return { first_touch_mb_per_s: Math.round(first), touched_mb_per_s: Math.round(again) };
}

const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(argv: string[]): Promise<void> {
  const started = performance.now();
  const loadAtStart = (await import('node:os')).loadavg().map((n) => +n.toFixed(2));
  log(`load average at start: ${loadAtStart.join(' ')} on ${cpus().length} cores`);
  const touch = memoryTouch();
  log(
    `memory written at ${touch.first_touch_mb_per_s} MB/s when touched for the first time, ${touch.touched_mb_per_s} MB/s once touched`,
  );

  const browserOnly = argv.includes('--browser-only');
  let codec: ReturnType<typeof benchCodec> | null = null;
  let node: NodeBenchReport | null = null;
  if (!browserOnly) {
    log('codec (Node, one core)');
    codec = benchCodec(Number(process.env.BENCH_CODEC_EVENTS ?? 200_000));
    log('engine alone, naive design, ripgrep (Node, one core, 100k events)');
    node = await nodeBench(Number(process.env.BENCH_NODE_EVENTS ?? 100_000));
  }

  let browser: BrowserBenchReport | null = null;
  const notes: string[] = [];
  if (browserOnly) notes.push('--browser-only: the Node part (codec, engine alone, ripgrep) was not run.');
  if (argv.includes('--node-only')) notes.push('--node-only: the browser part was not run.');
  else {
    const sizes = [10_000, 100_000, 1_000_000];
    if (argv.includes('--10m')) sizes.push(10_000_000);
    browser = await browserBench({
      sizes,
      naiveCount: Number(process.env.BENCH_NAIVE_EVENTS ?? 20_000),
      baseCount: 100_000,
      profileSize: 100_000,
      log,
    });
  }

  const report: BenchReport = {
    store_1m_s: browser?.store_1m_s ?? null,
    evaluate_1m_s: browser?.evaluate_1m_s ?? null,
    speedup_2_workers: browser?.speedup_2_workers ?? null,
    machine_speedup_2_threads: browser?.machine_speedup_2_threads ?? null,
    read_1m_floor_s: browser?.read_1m_floor_s ?? null,
    naive_ratio: browser?.naive_ratio ?? null,
    naive_compiled_ratio: browser?.naive_compiled_ratio ?? null,
    ripgrep_ratio: node?.ripgrep.ratio ?? null,
    peak_memory_mb: browser?.peak_memory_mb ?? null,
    peak_memory_settled_mb: browser
      ? Math.max(browser.store_1m_peak_memory_mb, browser.evaluate_1m_settled_peak_memory_mb)
      : null,
    events_per_s: browser?.events_per_s ?? null,
    store_1m_cpu_s: browser?.scaling.find((row) => row.events === 1_000_000)?.store_cpu_s ?? null,
    evaluate_1m_cpu_s: browser?.scaling.find((row) => row.events === 1_000_000)?.evaluate_cpu_s ?? null,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      load_average_at_start: loadAtStart,
      ...touch,
    },
    codec,
    node,
    browser,
    total_s: +((performance.now() - started) / 1000).toFixed(1),
    notes: [
      'events_per_s: evaluation of 1M events with the pool of 2 workers in headless Chromium (node.engine_events_per_s is the engine alone on one core in Node).',
      'naive_ratio: the naive design of issue 6 (rules interpreted per event) against ours, end to end per event; naive_compiled_ratio: the same design running the compiled rules per event.',
      'ripgrep_ratio: our classifier scan time / ripgrep time over the same content text (< 1: we are faster).',
      ...notes,
    ],
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(text);
  const out = option(argv, '--json');
  if (out) writeFileSync(out, text);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
