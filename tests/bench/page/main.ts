// The benchmark page (built by tests/bench/browser-bench.ts, driven through Playwright): generates a
// dataset once, stores N events into IndexedDB segments with the product's DatasetWriter, evaluates
// them with the product's pool (src/store/run-client.ts), and measures the naive design.
import Dexie from 'dexie';
import { generateDataset } from '../../../src/engine/generate/generate-dataset.ts';
import { loadScenario } from '../../../src/engine/scenario/load.ts';
import type { Scenario } from '../../../src/engine/scenario/schema.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../../../src/engine/types.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../../src/store/db.ts';
import { DatasetWriter, deleteDatasetRows } from '../../../src/store/dataset-writer.ts';
import { startRun } from '../../../src/store/run-client.ts';
import { readDatasetContext, readSegments, getDataset } from '../../../src/store/datasets.ts';
import { decodeSegment } from '../../../src/store/segment-codec.ts';
import { compilePack } from '../../../src/engine/pack.ts';
import { evaluateShard, mergeShards } from '../../../src/engine/run/index.ts';
import { packShard, unpackShard, type PackedShard } from '../../../workers/shard-transfer.ts';
import { builtInScenarioFiles, defaultPackFiles } from '../../../src/ui/state/builtins.ts';

// The same scenario library and default pack the app ships (src/ui/state/builtins.ts).
const allPackFiles: PackFile[] = defaultPackFiles();

let base: EngineEvent[] = [];
let context: DatasetContext | null = null;
let db: SimulatorDatabase | null = null;
let packFiles = allPackFiles;
const CHUNK = 5000;

const database = async () => (db ??= await openSimulatorDatabase());
const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(3);

/** The first `count` events of the repeated base dataset, in chunks (no copies are made). */
function* chunks(count: number): Generator<EngineEvent[]> {
  for (let done = 0; done < count;) {
    const at = done % base.length;
    const size = Math.min(CHUNK, count - done, base.length - at);
    yield base.slice(at, at + size);
    done += size;
  }
}

const bench = {
  async prepare(count: number) {
    const started = performance.now();
    const scenarios: Scenario[] = [];
    for (const { name, text } of builtInScenarioFiles()) {
      const loaded = loadScenario(text, name);
      if (loaded.ok) scenarios.push(loaded.value);
    }
    const users = 250;
    const days = Math.max(1, Math.ceil(count / (users * 13)));
    const dataset = generateDataset({ seed: 20260302, users, days, scenarios });
    base = [];
    for (const event of dataset.events) {
      base.push(event);
      if (base.length >= count) break;
    }
    context = {
      manifest: dataset.manifest,
      directory: dataset.directory,
      resources: dataset.resources,
      entitlements: dataset.entitlements,
      scenarios: dataset.scenarios,
    };
    const withContent = base.filter((e) => typeof e.content === 'string');
    return {
      events: base.length,
      generate_s: seconds(started),
      content_share: +(withContent.length / base.length).toFixed(3),
      content_mb: +(withContent.reduce((n, e) => n + String(e.content).length, 0) / 2 ** 20).toFixed(1),
      hardware_concurrency: navigator.hardwareConcurrency,
      user_agent: navigator.userAgent,
    };
  },

  async store(id: string, count: number) {
    if (!context) throw new Error('prepare first');
    const db = await database();
    await deleteDatasetRows(db, id);
    const started = performance.now();
    const writer = await DatasetWriter.begin(db, {
      id,
      title: id,
      manifest: { ...context.manifest, id },
      scenarios: context.scenarios,
      source: 'bench',
    });
    for (const chunk of chunks(count)) await writer.append(chunk);
    const record = await writer.commit({
      directory: context.directory,
      resources: context.resources,
      entitlements: context.entitlements,
    });
    const storeS = seconds(started);
    const bytes = record.segments.reduce((n, s) => n + s.bytes, 0);
    return {
      events: record.eventCount,
      segments: record.segmentCount,
      stored_mb: +(bytes / 2 ** 20).toFixed(1),
      store_s: storeS,
    };
  },

  async evaluate(id: string, workers: number) {
    const db = await database();
    const started = performance.now();
    const run = async () =>
      startRun({ packFiles }, id, { workers, db, taskBudgetMs: 10 * 60_000 }).catch(
        async (error: unknown) => {
          const diagnostics = (error as { diagnostics?: { file: string }[] }).diagnostics;
          if (!diagnostics) throw error;
          // The pack has errors (a module still being finished): run it without the files concerned.
          const broken = new Set(diagnostics.map((d) => d.file));
          packFiles = allPackFiles.filter((f) => !broken.has(f.name));
          return startRun({ packFiles }, id, { workers, db, taskBudgetMs: 10 * 60_000 });
        },
      );
    const summary = await run();
    const wall = seconds(started);
    const alerts = (summary.result.alerts as unknown[] | undefined)?.length ?? 0;
    // The run's alerts are stored; keep the database from growing across repetitions.
    await db.alerts.where('runId').equals(summary.runId).delete();
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
      pack_files_dropped: allPackFiles.filter((f) => !packFiles.includes(f)).map((f) => f.name),
    };
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
      packed.push(step('pack_shard_s', () => packShard(shard)));
    }
    const shards = step('unpack_shard_s', () => packed.map(unpackShard));
    step('merge_s', () => mergeShards(pack, shards, ctx));
    for (const key of Object.keys(times)) times[key] = +times[key]!.toFixed(3);
    return times;
  },

  async drop(id: string) {
    await deleteDatasetRows(await database(), id);
    return true;
  },

  /** One Dexie row per event, read back, cloned to one worker, every rule on every event. */
  async naive(count: number) {
    if (!context) throw new Error('prepare first');
    const naiveDb = new Dexie('naive-bench');
    naiveDb.version(1).stores({ events: '++id' });
    await naiveDb.open();
    const table = naiveDb.table<EngineEvent & { id?: number }, number>('events');
    await table.clear();
    const total = performance.now();
    let started = performance.now();
    for (const chunk of chunks(count)) await table.bulkAdd(chunk.map((e) => ({ ...e })));
    const storeS = seconds(started);
    started = performance.now();
    const rows = await table.toArray();
    const readS = seconds(started);
    started = performance.now();
    const worker = new Worker(new URL('./naive-worker.ts', import.meta.url), { type: 'module' });
    const reply = await new Promise<{ matches: unknown[]; alerts: unknown[] }>((resolve, reject) => {
      worker.onmessage = (message) => resolve(message.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ packFiles, events: rows, context });
    });
    worker.terminate();
    const evaluateS = seconds(started);
    const totalS = seconds(total);
    await table.clear();
    naiveDb.close();
    return {
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
