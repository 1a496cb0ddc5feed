// The bench page's data source, in a worker of its own: generates the base events once and stores
// N of them (repeated) with the product's DatasetWriter, as the app's engine worker stores a
// generated dataset. The page terminates it once everything is stored, so the memory measured
// while evaluating is the product's (pool, merge, page), not the bench's copy of the events.
import * as Comlink from 'comlink';
import type { DatasetContext, EngineEvent } from '../../../src/engine/types.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../../src/store/db.ts';
import { DatasetWriter, deleteDatasetRows } from '../../../src/store/dataset-writer.ts';
import { benchEvents } from './bench-events.ts';

const CHUNK = 5000;
let base: EngineEvent[] = [];
let context: DatasetContext | null = null;
let db: SimulatorDatabase | null = null;

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

const api = {
  prepare(count: number) {
    const started = performance.now();
    ({ events: base, context } = benchEvents(count));
    const withContent = base.filter((e) => typeof e.content === 'string');
    return {
      events: base.length,
      generate_s: seconds(started),
      content_share: +(withContent.length / base.length).toFixed(3),
      content_mb: +(withContent.reduce((n, e) => n + String(e.content).length, 0) / 2 ** 20).toFixed(1),
    };
  },

  async store(id: string, count: number) {
    if (!context) throw new Error('prepare first');
    db ??= await openSimulatorDatabase();
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
};

export type GeneratorApi = typeof api;

Comlink.expose(api);
