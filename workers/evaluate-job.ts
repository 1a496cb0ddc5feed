// What an evaluation worker does for one task: compile the pack (once per pack text), read its own
// segments from IndexedDB, evaluate them. The main thread sends ids, never events.
import { packHash } from '../src/engine/pack-hash.ts';
import type { DatasetContext, Diagnostic, PackFile } from '../src/engine/types.ts';
import type { SimulatorDatabase } from '../src/store/db.ts';
import { readDatasetContext, readSegments } from '../src/store/datasets.ts';
import { releaseSegment } from '../src/store/segment-codec.ts';
import { segmentEvents } from '../src/store/segment-events.ts';
import type { EngineBinding } from './engine-binding.ts';
import type { ShardReply, ShardRequest } from './pool.ts';

export interface PackDescription {
  ruleIds: string[];
  errors: Diagnostic[];
}

/**
 * Lets the worker's event loop run (a message from the page, an IndexedDB result) and resumes right
 * after: a message-channel task, not `setTimeout`, whose nested calls are held back 4 ms each.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createEvaluator<Pack, Shard, Run>(
  database: () => Promise<SimulatorDatabase>,
  engine: () => EngineBinding<Pack, Shard, Run>,
) {
  const packs = new Map<string, { pack: Pack | null; ruleIds: string[]; errors: Diagnostic[] }>();
  const contexts = new Map<string, Promise<DatasetContext>>();
  const offsets = new Map<string, Promise<Map<string, number>>>();
  /** When this worker last finished synchronous work (decode, evaluate). */
  let busyUntil = 0;
  /** Settles when the task evaluating now is done: tasks read at once but evaluate one at a time. */
  let turn: Promise<void> = Promise.resolve();

  const compiled = (files: PackFile[], key = packHash(files)) => {
    let entry = packs.get(key);
    if (!entry) {
      entry = engine().compile(files);
      packs.clear(); // one pack per run; keeping old ones only costs memory
      packs.set(key, entry);
    }
    return entry;
  };
  const context = async (datasetId: string) => {
    let entry = contexts.get(datasetId);
    if (!entry) {
      entry = database().then((db) => readDatasetContext(db, datasetId));
      contexts.set(datasetId, entry);
    }
    return entry;
  };
  /** Segment id → position of its first event in the dataset (for events without `event.id`). */
  const firstIndexes = async (datasetId: string) => {
    let entry = offsets.get(datasetId);
    if (!entry) {
      entry = database().then(async (db) => {
        const record = await db.datasets.get(datasetId);
        const positions = new Map<string, number>();
        let position = 0;
        for (const segment of [...(record?.segments ?? [])].sort((a, b) => a.index - b.index)) {
          positions.set(segment.id, position);
          position += segment.count;
        }
        return positions;
      });
      offsets.set(datasetId, entry);
    }
    return entry;
  };
  /** The compiled pack of an entry, or why there is none. */
  const packIn = (entry: ReturnType<typeof compiled>) => {
    if (!entry.pack)
      throw new Error(
        `The pack does not compile: ${entry.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ')}`,
      );
    return entry.pack;
  };
  /** The pack a task names: its files (compiled unless known), or the key of files sent earlier. */
  const packOf = (request: ShardRequest) => {
    if (request.packFiles) return packIn(compiled(request.packFiles, request.packKey));
    const entry = request.packKey === undefined ? undefined : packs.get(request.packKey);
    if (!entry) throw new Error('The evaluation worker was sent a task before its pack: run again.');
    return packIn(entry);
  };
  const usable = (files: PackFile[]) => packIn(compiled(files));

  return {
    describe(files: PackFile[]): PackDescription {
      const { ruleIds, errors } = compiled(files);
      return { ruleIds, errors };
    },
    async evaluate(request: ShardRequest): Promise<ShardReply<Shard>> {
      // The pool sends a worker its next task while the current one evaluates. The current one lets
      // the event loop run after each segment, so that message is received and its segments are
      // read from IndexedDB meanwhile; it then waits for its turn. `read` is only the time this
      // worker sat idle waiting for segments, not the time a read overlapped other work.
      const db = await database();
      let mark = performance.now();
      const pack = engine().restrict(packOf(request), {
        only: request.onlyRules,
        exclude: request.excludeRules,
      });
      const compileMs = performance.now() - mark;
      const readStarted = performance.now();
      const [ctx, rows, positions] = await Promise.all([
        context(request.datasetId),
        readSegments(db, request.segmentIds),
        firstIndexes(request.datasetId),
      ]);
      const arrived = performance.now();
      const previous = turn;
      let done = () => {};
      turn = new Promise<void>((resolve) => (done = resolve));
      try {
        await previous;
        const readMs = arrived - Math.max(readStarted, busyUntil);
        const firstIndex = positions.get(request.segmentIds[0] ?? '') ?? 0;
        const shard = engine().startShard(pack, ctx, { firstIndex });
        let decodeMs = 0;
        let evaluateMs = 0;
        let events = 0;
        for (const [at, row] of rows.entries()) {
          if (at > 0) await yieldToEventLoop();
          mark = performance.now();
          // Each event is decoded just before it is evaluated (see `segmentEvents`).
          const source = segmentEvents([row]);
          const decoded = performance.now();
          shard.add(source);
          events += source.length;
          // Nothing of the segment is read after its events are evaluated (see `releaseSegment`).
          releaseSegment(row);
          busyUntil = performance.now();
          decodeMs += decoded - mark;
          evaluateMs += busyUntil - decoded;
        }
        mark = performance.now();
        const finished = shard.finish();
        busyUntil = performance.now();
        evaluateMs += busyUntil - mark;
        return {
          shard: finished,
          events,
          timing: { compile: compileMs, read: Math.max(0, readMs), decode: decodeMs, evaluate: evaluateMs },
        };
      } finally {
        done();
      }
    },
    async merge(files: PackFile[], datasetId: string, shards: Shard[], excludeRules: string[]): Promise<Run> {
      const pack = engine().restrict(usable(files), { exclude: excludeRules });
      return engine().mergeShards(pack, shards, await context(datasetId));
    },
    /** The dataset may change between runs (deleted, re-imported under the same id). */
    forgetDataset(datasetId: string): void {
      contexts.delete(datasetId);
      offsets.delete(datasetId);
    },
  };
}

export type Evaluator<Pack = unknown, Shard = unknown, Run = unknown> = ReturnType<
  typeof createEvaluator<Pack, Shard, Run>
>;
