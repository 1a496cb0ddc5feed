// The benchmark page (built by tests/bench/browser-bench.ts, driven through Playwright): a worker
// of the bench (generator-worker.ts) generates a dataset once and stores N events into IndexedDB
// segments with the product's DatasetWriter; the page evaluates them with the product's pool
// (src/store/run-client.ts) and measures the naive design.
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import type { EngineEvent, PackFile } from '../../../src/engine/types.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../../src/store/db.ts';
import { deleteDatasetRows } from '../../../src/store/dataset-writer.ts';
import { closeIdleWorkers, startRun } from '../../../src/store/run-client.ts';
import { readDatasetContext, readSegments, getDataset } from '../../../src/store/datasets.ts';
import { decodeSegment } from '../../../src/store/segment-codec.ts';
import { compilePack } from '../../../src/engine/pack.ts';
import { evaluateShard } from '../../../src/engine/run/index.ts';
import { mergeReducedShards, reduceShard } from '../../../src/engine/run/merge-shards.ts';
import { packShard, unpackShard, type PackedShard } from '../../../workers/shard-transfer.ts';
import { DEFAULT_SEGMENTS_PER_TASK } from '../../../workers/pool.ts';
import { defaultPackFiles } from '../../../src/ui/state/builtins.ts';
import { benchEvents } from './bench-events.ts';
import type { GeneratorApi } from './generator-worker.ts';
import type { NaiveMode } from './naive-worker.ts';

// The same scenario library and default pack the app ships (src/ui/state/builtins.ts).
const packFiles: PackFile[] = defaultPackFiles();

let db: SimulatorDatabase | null = null;
let generator: { worker: Worker; api: Comlink.Remote<GeneratorApi> } | null = null;
const CHUNK = 5000;

const database = async () => (db ??= await openSimulatorDatabase());
const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(3);

function* chunks(events: readonly EngineEvent[]): Generator<EngineEvent[]> {
  for (let at = 0; at < events.length; at += CHUNK) yield events.slice(at, at + CHUNK);
}

const bench = {
  /** Starts the generator worker, which generates the base events and keeps them. */
  async prepare(count: number) {
    const worker = new Worker(new URL('./generator-worker.ts', import.meta.url), { type: 'module' });
    generator = { worker, api: Comlink.wrap<GeneratorApi>(worker) };
    const prepared = await generator.api.prepare(count);
    return {
      ...prepared,
      hardware_concurrency: navigator.hardwareConcurrency,
      user_agent: navigator.userAgent,
    };
  },

  /** Stores the first `count` of the repeated base events (in the generator worker). */
  async store(id: string, count: number) {
    if (!generator) throw new Error('prepare first');
    return generator.api.store(id, count);
  },

  /** Everything is stored: the generator worker and its copy of the events go. */
  async dropGenerator() {
    generator?.worker.terminate();
    generator = null;
    return true;
  },

  /**
   * The machine's ceiling for a 2-worker speed-up (spin-worker.ts): one worker does a fixed piece of
   * work alone, then two workers each do it at once; the ceiling is 2 × alone / together.
   */
  async machineCeiling(rounds: number) {
    const start = () => new Worker(new URL('./spin-worker.ts', import.meta.url), { type: 'module' });
    const spin = (worker: Worker, times = rounds) =>
      new Promise<number>((resolve, reject) => {
        worker.onmessage = (message: MessageEvent<{ ms: number }>) => resolve(message.data.ms);
        worker.onerror = (error) => reject(new Error(error.message));
        worker.postMessage({ rounds: times });
      });
    const workers = [start(), start()] as const;
    try {
      await Promise.all(workers.map((worker) => spin(worker, 5))); // both started and compiled
      const alone = Math.min(await spin(workers[0]), await spin(workers[1]));
      const started = performance.now();
      await Promise.all(workers.map((worker) => spin(worker)));
      const together = performance.now() - started;
      return {
        alone_s: +(alone / 1000).toFixed(3),
        together_s: +(together / 1000).toFixed(3),
        ceiling: +((2 * alone) / together).toFixed(2),
      };
    } finally {
      for (const worker of workers) worker.terminate();
    }
  },

  /** One run through the product's startRun; `cold`: the warm pool is closed first. */
  async evaluate(id: string, workers: number, cold = false) {
    const db = await database();
    if (cold) closeIdleWorkers();
    const started = performance.now();
    const summary = await startRun({ packFiles }, id, { workers, db, taskBudgetMs: 10 * 60_000 });
    const wall = seconds(started);
    const alerts = (summary.result.alerts as unknown[] | undefined)?.length ?? 0;
    // The run's alerts are stored; keep the database from growing across repetitions.
    await db.alertChunks.where('runId').equals(summary.runId).delete();
    await db.runs.delete(summary.runId);
    return {
      evaluate_s: wall,
      workers: summary.timing.workers,
      events: summary.timing.events,
      alerts,
      errors: summary.errors.length,
      stopped_rules: summary.stoppedRules,
      phases_s: Object.fromEntries(
        Object.entries(summary.timing.phases ?? {}).map(([k, ms]) => [
          k.replace(/Ms$/, ''),
          +(ms / 1000).toFixed(3),
        ]),
      ),
      worker_cpu_s: Object.fromEntries(
        Object.entries(summary.timing.workerMs ?? {}).map(([k, ms]) => [k, +(ms / 1000).toFixed(3)]),
      ),
      pack_files: packFiles.length,
    };
  },

  /**
   * How long reading every segment of a dataset from IndexedDB takes with nothing else to do: the
   * floor under any run of it on this machine, whatever the workers (a pool worker reads tasks of
   * `DEFAULT_SEGMENTS_PER_TASK` segments with the next one already asked for; as here, two at a
   * time). Nothing is decoded; the rows are dropped as they come.
   */
  async readFloor(id: string) {
    const db = await database();
    const segments = (await getDataset(db, id))?.segments ?? [];
    const ids = segments.map((segment) => segment.id);
    const started = performance.now();
    let rows = 0;
    let next = 0;
    const reader = async () => {
      while (next < ids.length) {
        const batch = ids.slice(next, (next += DEFAULT_SEGMENTS_PER_TASK));
        const read = await readSegments(db, batch);
        rows += read.length;
      }
    };
    await Promise.all([reader(), reader()]);
    const read_s = seconds(started);
    const mb = segments.reduce((sum, segment) => sum + segment.bytes, 0) / 1e6;
    if (rows !== ids.length) throw new Error(`read ${rows} of ${ids.length} segments`);
    return { read_s, segments: rows, stored_mb: +mb.toFixed(1), mb_per_s: Math.round(mb / read_s) };
  },

  /** Where a run's time goes: the worker's steps, one after another on this thread. */
  async profile(id: string) {
    const db = await database();
    const step = <T>(name: string, work: () => T): T => {
      const started = performance.now();
      const value = work();
      times[name] = (times[name] ?? 0) + seconds(started);
      return value;
    };
    const times: Record<string, number> = {};
    const pack = step('compile_s', () => compilePack(packFiles).pack);
    let started = performance.now();
    const ctx = await readDatasetContext(db, id);
    const record = await getDataset(db, id);
    times.context_s = seconds(started);
    const packed: PackedShard[] = [];
    for (const segment of record?.segments ?? []) {
      started = performance.now();
      const [row] = await readSegments(db, [segment.id]);
      times.read_s = (times.read_s ?? 0) + seconds(started);
      const events = step('decode_s', () => decodeSegment(row!));
      const shard = step('evaluate_shard_s', () => evaluateShard(pack, events, ctx));
      packed.push(step('reduce_pack_shard_s', () => packShard(reduceShard(pack, shard))));
    }
    const shards = step('unpack_shard_s', () => packed.map(unpackShard));
    step('merge_s', () => mergeReducedShards(pack, shards, ctx));
    for (const key of Object.keys(times)) times[key] = +times[key]!.toFixed(3);
    return times;
  },

  async drop(id: string) {
    await deleteDatasetRows(await database(), id);
    return true;
  },

  /**
   * One Dexie row per event, read back, cloned to one worker, every rule on every event: its YAML
   * interpreted per event (issue 6's naive design), or `compiled`, the engine's compiled rules.
   */
  async naive(count: number, basis: number, mode: NaiveMode = 'interpreted') {
    const { events, context } = benchEvents(count, basis);
    const naiveDb = new Dexie('naive-bench');
    naiveDb.version(1).stores({ events: '++id' });
    await naiveDb.open();
    const table = naiveDb.table<EngineEvent & { id?: number }, number>('events');
    await table.clear();
    const total = performance.now();
    let started = performance.now();
    for (const chunk of chunks(events)) await table.bulkAdd(chunk.map((e) => ({ ...e })));
    const storeS = seconds(started);
    started = performance.now();
    const rows = await table.toArray();
    const readS = seconds(started);
    started = performance.now();
    const worker = new Worker(new URL('./naive-worker.ts', import.meta.url), { type: 'module' });
    const reply = await new Promise<{ matches: unknown[]; alerts: unknown[] }>((resolve, reject) => {
      worker.onmessage = (message) => resolve(message.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ packFiles, events: rows, context, mode });
    });
    worker.terminate();
    const evaluateS = seconds(started);
    const totalS = seconds(total);
    await table.clear();
    naiveDb.close();
    return {
      mode,
      events: rows.length,
      store_s: storeS,
      read_s: readS,
      clone_evaluate_s: evaluateS,
      total_s: totalS,
      matches: reply.matches.length,
      alerts: reply.alerts.length,
    };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'ready';
