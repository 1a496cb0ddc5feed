// What an evaluation worker does for one task: compile the pack (once per pack text), read its own
// segments from IndexedDB, evaluate them. The main thread sends ids, never events.
import type { DatasetContext, Diagnostic, PackFile } from '../src/engine/types.ts';
import type { SimulatorDatabase } from '../src/store/db.ts';
import { readDatasetContext, readSegments } from '../src/store/datasets.ts';
import { segmentEvents } from '../src/store/segment-codec.ts';
import type { EngineBinding } from './engine-binding.ts';
import type { ShardReply, ShardRequest } from './pool.ts';

export interface PackDescription {
  ruleIds: string[];
  errors: Diagnostic[];
}

/** FNV-1a over names and texts: a cache key, not a security measure. */
export function packHash(files: readonly PackFile[]): string {
  let hash = 0x811c9dc5;
  for (const file of files)
    for (const text of [file.name, '\u0000', file.text, '\u0001'])
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16)}-${files.length}`;
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

  const compiled = (files: PackFile[]) => {
    const key = packHash(files);
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
  const usable = (files: PackFile[]) => {
    const entry = compiled(files);
    if (!entry.pack)
      throw new Error(
        `The pack does not compile: ${entry.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ')}`,
      );
    return entry.pack;
  };

  return {
    describe(files: PackFile[]): PackDescription {
      const { ruleIds, errors } = compiled(files);
      return { ruleIds, errors };
    },
    async evaluate(request: ShardRequest): Promise<ShardReply<Shard>> {
      // The pool queues a task while the previous one evaluates: `read` is only the time this
      // worker sat idle waiting for the segments, not the time the read overlapped other work.
      const db = await database();
      let mark = performance.now();
      const pack = engine().restrict(usable(request.packFiles), {
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
      mark = performance.now();
      const readMs = mark - Math.max(readStarted, busyUntil);
      // Each event is decoded just before it is evaluated (see `segmentEvents`).
      const events = segmentEvents(rows);
      const decoded = performance.now();
      const firstIndex = positions.get(request.segmentIds[0] ?? '') ?? 0;
      const shard = engine().evaluateShard(pack, events, ctx, { firstIndex });
      busyUntil = performance.now();
      return {
        shard,
        events: events.length,
        timing: {
          compile: compileMs,
          read: Math.max(0, readMs),
          decode: decoded - mark,
          evaluate: busyUntil - decoded,
        },
      };
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
