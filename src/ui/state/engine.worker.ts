// The page's engine worker: it parses the classroom bundle and imported files, and runs packs over
// the datasets it holds, in shards with progress, so the page never blocks on parsing or evaluation.
// Driven by engine-client.ts through Comlink.
import * as Comlink from 'comlink';
import type { CompiledPack } from '../../engine/pack.ts';
import type { ContentSpan, DatasetContext, EngineEvent, PackFile } from '../../engine/types.ts';
import type { NearMiss } from '../../engine/explain/why-not.ts';
import { datasetFromBundle, importTexts, type LoadedDataset, type NamedText } from './dataset-adapter.ts';
import { generateFromKnobs, type GenerateProgress, type GeneratorKnobs } from './dataset-adapter.ts';
import type { RunOutcome } from './run-adapter.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../store/db.ts';
import { collectAbandonedImports, DatasetWriter, deleteDatasetRows } from '../../store/dataset-writer.ts';

/** Events per shard: small enough that progress moves and a cancel is seen within a few ms. */
const SHARD = 2000;

const datasets = new Map<string, { events: EngineEvent[]; context: DatasetContext }>();
let cancelled = 0;

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Events handed to the dataset writer at a time (it cuts its own segments). */
const STORE_CHUNK = 5000;

let database: Promise<SimulatorDatabase> | null = null;

/** Per dataset id: its write to the store (IndexedDB segments); true once it is stored and ready. */
const stored = new Map<string, Promise<boolean>>();

/**
 * Writes a dataset this worker holds to the store, replacing a stored dataset of the same id, so
 * runs can go through the store's worker pool (src/store/run-client.ts). A failure (no IndexedDB,
 * quota) leaves nothing stored and the dataset runnable in memory only.
 */
async function store(id: string, events: readonly EngineEvent[], context: DatasetContext): Promise<boolean> {
  let writer: DatasetWriter | null = null;
  try {
    // Once per page: imports a closed tab left half-written are removed first.
    database ??= openSimulatorDatabase().then(async (db) => {
      await collectAbandonedImports(db).catch(() => undefined);
      return db;
    });
    const db = await database;
    await deleteDatasetRows(db, id);
    writer = await DatasetWriter.begin(db, {
      id,
      title: context.manifest.title || id,
      manifest: { ...context.manifest, id },
      scenarios: context.scenarios,
      source: 'app',
    });
    for (let first = 0; first < events.length; first += STORE_CHUNK) {
      await writer.append(events.slice(first, first + STORE_CHUNK));
      await yieldToMessages();
    }
    await writer.commit({
      directory: context.directory,
      resources: context.resources,
      entitlements: context.entitlements,
    });
    return true;
  } catch (error) {
    console.warn(`Dataset "${id}" could not be stored; it runs in memory only.`, error);
    await writer?.abort().catch(() => undefined);
    return false;
  }
}

function keep(dataset: LoadedDataset): LoadedDataset {
  datasets.set(dataset.id, { events: dataset.events, context: dataset.context });
  // A dataset replaced while its previous version is still being written waits for that write.
  const previous = stored.get(dataset.id) ?? Promise.resolve(false);
  stored.set(
    dataset.id,
    previous.then(() => store(dataset.id, dataset.events, dataset.context)),
  );
  return dataset;
}

/** The last pack compiled for a why-not, by its files: opening several events reuses it. */
let explained: { key: string; pack: CompiledPack } | null = null;

async function compiledFor(packFiles: PackFile[]): Promise<CompiledPack> {
  const key = packFiles.map((f) => `${f.name}\u0000${f.text}`).join('\u0001');
  if (explained?.key !== key) {
    const { compilePack } = await import('../../engine/pack.ts');
    explained = { key, pack: compilePack(packFiles).pack };
  }
  return explained.pack;
}

/** The pack the editor last checked: the classifier tester scans with it. */
let checked: CompiledPack | null = null;

const api = {
  /** The editor's live check: the whole pack compiled, as a run would. */
  async check(packFiles: PackFile[]) {
    const { compilePack } = await import('../../engine/pack.ts');
    const result = compilePack(packFiles);
    checked = result.pack;
    return {
      errors: result.errors,
      warnings: result.warnings,
      counts: result.counts as Record<string, number>,
      classifierIds: result.pack.classifiers.ids,
    };
  },

  /** The classifier tester: matches in pasted text, by the pack last checked. */
  scan(text: string): ContentSpan[] {
    return checked ? checked.classifiers.scan(text, 'content') : [];
  },

  loadBundle(files: PackFile[], fallbackId: string): LoadedDataset {
    return keep(datasetFromBundle(files, fallbackId));
  },

  importTexts(format: string, texts: NamedText[], mappingText: string) {
    return importTexts(format, texts, mappingText);
  },

  /**
   * The Data screen's generator (same events as the CLI `generate`): the dataset is kept here,
   * runnable, and returned; null when `onProgress` answered false (cancelled).
   */
  async generate(
    knobs: GeneratorKnobs,
    scenarioFiles: PackFile[],
    onProgress: (progress: GenerateProgress) => boolean | Promise<boolean>,
    id?: string,
  ) {
    const result = await generateFromKnobs(knobs, scenarioFiles, onProgress, id);
    if (result.dataset) keep(result.dataset);
    return result;
  },

  /** Makes a dataset (an accepted import) runnable. */
  remember(dataset: LoadedDataset): void {
    keep(dataset);
  },

  /** The event and the rules that came closest to catching it (see engine/explain/why-not.ts). */
  async whyNot(
    packFiles: PackFile[],
    datasetId: string,
    eventId: string,
    limit = 5,
  ): Promise<{ event: EngineEvent | null; misses: NearMiss[] }> {
    const dataset = datasets.get(datasetId);
    const event = dataset?.events.find((e) => String(e['event.id'] ?? '') === eventId) ?? null;
    if (!dataset || !event) return { event: null, misses: [] };
    const [{ whyNot }, pack] = await Promise.all([
      import('../../engine/explain/why-not.ts'),
      compiledFor(packFiles),
    ]);
    return { event, misses: whyNot(pack, event, { limit, context: dataset.context }) };
  },

  /**
   * For a false-positive alert (its rule and event ids): the exceptions that would silence it, each
   * checked against the dataset's labels by running the pack again (see engine/explain/exception.ts).
   */
  async exception(packFiles: PackFile[], datasetId: string, rule: string, eventIds: string[]) {
    const dataset = datasets.get(datasetId);
    if (!dataset) return null;
    const [{ narrowestException }, pack] = await Promise.all([
      import('../../engine/explain/exception.ts'),
      compiledFor(packFiles),
    ]);
    return narrowestException(pack, { rule, events: eventIds }, dataset.events, dataset.context);
  },

  /** Waits for the dataset's write to the store: true when runs can read it from there. */
  async isStored(datasetId: string): Promise<boolean> {
    return (await stored.get(datasetId)) ?? false;
  },

  /** Stops the run in progress at its next shard boundary. */
  cancel(): void {
    cancelled++;
  },

  async evaluate(
    packFiles: PackFile[],
    datasetId: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<RunOutcome | null> {
    const dataset = datasets.get(datasetId);
    if (!dataset) throw new Error(`The engine worker does not hold dataset "${datasetId}".`);
    const ticket = cancelled;
    const [{ compilePack }, { evaluateShard, mergeShards }] = await Promise.all([
      import('../../engine/pack.ts'),
      import('../../engine/run/index.ts'),
    ]);
    const { events, context } = dataset;
    onProgress?.(0, events.length);
    const compiled = compilePack(packFiles);
    const shards = [];
    for (let first = 0; first === 0 || first < events.length; first += SHARD) {
      await yieldToMessages();
      if (cancelled !== ticket) return null;
      shards.push(
        evaluateShard(compiled.pack, events.slice(first, first + SHARD), context, { firstIndex: first }),
      );
      onProgress?.(Math.min(first + SHARD, events.length), events.length);
    }
    const result = mergeShards(compiled.pack, shards, context);
    return {
      alerts: result.alerts,
      metrics: result.metrics,
      risk: result.risk,
      // Pack errors first: a rule that did not compile explains a missing alert better than anything.
      errors: [...compiled.errors, ...result.errors],
      unmatchable: result.unmatchable,
    };
  },
};

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
