// The page's engine worker: it parses the classroom bundle and imported files, generates datasets,
// writes them to the store (IndexedDB segments) and answers the page's questions about their events
// — explorer pages, events by id, why-not, exception search, weak spots — from the store, or from
// memory for a dataset that could not be stored. The page only ever holds summaries
// (dataset-adapter.ts). Driven by engine-client.ts through Comlink.
import * as Comlink from 'comlink';
import type { CompiledPack } from '../../engine/pack.ts';
import type {
  ContentSpan,
  DatasetContext,
  DatasetManifest,
  Diagnostic,
  EngineEvent,
  PackFile,
} from '../../engine/types.ts';
import type { NearMiss } from '../../engine/explain/why-not.ts';
import { importError } from '../../engine/import/diagnostic.ts';
import {
  datasetFromBundle,
  generateFromKnobs,
  importTexts,
  type GenerateProgress,
  type GeneratorKnobs,
  type GeneratorSink,
  type LoadedDataset,
  type NamedText,
} from './dataset-adapter.ts';
import {
  plainManifest,
  storedSummary,
  storedSummaryOf,
  summarise,
  summaryFromRecord,
  STORED_SUMMARY_VERSION,
  type DatasetSummary,
  type StoredSummary,
} from './dataset-summary.ts';
import type { RunOutcome } from './run-adapter.ts';
import { openSimulatorDatabase, type SimulatorDatabase } from '../../store/db.ts';
import { collectAbandonedImports, DatasetWriter, deleteDatasetRows } from '../../store/dataset-writer.ts';
import { getDataset, listDatasets, readDatasetContext } from '../../store/datasets.ts';
import { storedEvents, type EventPage, type StoredEvents } from '../../store/event-query.ts';
import { eventPredicate, filterKey, type EventFilter } from '../../store/event-match.ts';
import type { DatasetRecord } from '../../store/records.ts';

/** Events per shard: small enough that progress moves and a cancel is seen within a few ms. */
const SHARD = 2000;
/** Events handed to the dataset writer at a time (it cuts its own segments). */
const STORE_CHUNK = 5000;

/** Datasets held in memory: until their write to the store finishes, or for good when it failed. */
const memory = new Map<string, { events: EngineEvent[]; context: DatasetContext }>();
/** Per dataset id: its write to the store; true once it is stored and ready. */
const stored = new Map<string, Promise<boolean>>();
/** Contexts of stored datasets (directory, resources…), read once. */
const contexts = new Map<string, Promise<DatasetContext>>();
/** The last import previewed: added only when the user says so. */
let pendingImport: LoadedDataset | null = null;
let cancelled = 0;

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let database: Promise<SimulatorDatabase | null> | null = null;
let reader: StoredEvents | null = null;

/** The store, opened once per page (imports a closed tab left half-written are removed first); null without IndexedDB. */
function openStore(): Promise<SimulatorDatabase | null> {
  database ??= openSimulatorDatabase()
    .then(async (db) => {
      await collectAbandonedImports(db).catch(() => undefined);
      reader = storedEvents(db);
      return db;
    })
    .catch((error: unknown) => {
      console.warn('IndexedDB is not available: datasets are kept in memory only.', error);
      return null;
    });
  return database;
}

async function storedReader(): Promise<StoredEvents> {
  await openStore();
  if (!reader) throw new Error('This browser offers no IndexedDB store.');
  return reader;
}

function forget(id: string): void {
  contexts.delete(id);
  reader?.forget(id);
  memoryHits = null;
}

type AppManifest = DatasetManifest & { app: StoredSummary };

function manifestWithSummary(summary: DatasetSummary, fingerprint?: string): AppManifest {
  return {
    ...plainManifest(summary.context.manifest),
    id: summary.id,
    app: storedSummary(summary, fingerprint),
  };
}

/**
 * Writes a dataset held in memory to the store, replacing a stored dataset of the same id. A failure
 * (no IndexedDB, quota) leaves nothing stored and the dataset in memory.
 */
async function write(
  dataset: LoadedDataset,
  summary: DatasetSummary,
  fingerprint?: string,
): Promise<boolean> {
  let writer: DatasetWriter | null = null;
  try {
    const db = await openStore();
    if (!db) return false;
    await deleteDatasetRows(db, dataset.id);
    forget(dataset.id);
    writer = await DatasetWriter.begin(db, {
      id: dataset.id,
      title: dataset.title,
      manifest: manifestWithSummary(summary, fingerprint),
      scenarios: dataset.context.scenarios,
      source: summary.source,
    });
    const { events, context } = dataset;
    for (let first = 0; first < events.length; first += STORE_CHUNK) {
      await writer.append(events.slice(first, first + STORE_CHUNK));
      await yieldToMessages();
    }
    await writer.commit({
      directory: context.directory,
      resources: context.resources,
      entitlements: context.entitlements,
      importErrors: dataset.errors,
    });
    return true;
  } catch (error) {
    console.warn(`Dataset "${dataset.id}" could not be stored; it is kept in memory only.`, error);
    await writer?.abort().catch(() => undefined);
    return false;
  }
}

/** Holds a dataset in memory until it is stored (then the store answers for it); returns its summary. */
/** `id`, or `id-2`, `id-3`… when a dataset is already held (in memory or in the store) under it. */
function freeDatasetId(id: string, taken: ReadonlySet<string> = new Set()): string {
  let free = id;
  for (let n = 2; memory.has(free) || stored.has(free) || taken.has(free); n++) free = `${id}-${n}`;
  return free;
}

function keep(dataset: LoadedDataset, source: string, fingerprint?: string): DatasetSummary {
  const summary = summarise(dataset, source);
  const held = { events: dataset.events, context: dataset.context };
  memory.set(dataset.id, held);
  forget(dataset.id);
  // A dataset replaced while its previous version is still being written waits for that write.
  const previous = stored.get(dataset.id) ?? Promise.resolve(false);
  const writing = previous.then(async () => {
    const ok = await write(dataset, summary, fingerprint);
    if (ok && memory.get(dataset.id) === held) memory.delete(dataset.id);
    return ok;
  });
  stored.set(dataset.id, writing);
  return summary;
}

async function contextOf(id: string): Promise<DatasetContext> {
  const held = memory.get(id);
  if (held) return held.context;
  let context = contexts.get(id);
  if (!context) {
    const db = await openStore();
    if (!db) throw new Error(`The engine worker does not hold dataset "${id}".`);
    context = readDatasetContext(db, id).then((c) => ({ ...c, manifest: plainManifest(c.manifest) }));
    contexts.set(id, context);
    context.catch(() => contexts.delete(id));
  }
  return context;
}

/** Every event of a dataset (the exception search, weak spots and in-memory runs need them all). */
async function allEvents(id: string): Promise<EngineEvent[]> {
  const held = memory.get(id);
  if (held) return held.events;
  return (await storedReader()).readAll(id);
}

async function summaryOfRecord(record: DatasetRecord): Promise<DatasetSummary> {
  const context = await contextOf(record.id);
  if (storedSummaryOf(record.manifest)) return summaryFromRecord(record, context);
  // Stored by something else (the import worker, an older version): read what the summary needs
  // once, and keep it with the dataset for the next visit.
  const events = await storedReader();
  const [fields, labelled] = await Promise.all([events.fields(record.id), events.labelled(record.id)]);
  const summary = summaryFromRecord(record, context, { fields, labelled });
  const db = await openStore();
  await db?.datasets
    .update(record.id, { manifest: manifestWithSummary(summary) })
    .catch((error: unknown) => console.warn(`The summary of "${record.id}" could not be kept.`, error));
  return summary;
}

async function fingerprintOf(files: readonly PackFile[]): Promise<string> {
  const text = [`v${STORED_SUMMARY_VERSION}`, ...files.flatMap((f) => [f.name, f.text])].join('\u0000');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The matches of the last filter over a dataset held in memory. */
let memoryHits: { key: string; events: EngineEvent[] } | null = null;

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

/** An import's preview: its summary and first events (the rest stay here until it is added). */
export interface ImportPreview {
  summary: DatasetSummary;
  first: EngineEvent[];
}

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

  /**
   * Everything any classifier finds in a text shown on screen (an alert's content), so that values
   * the alert's own rule did not look for are masked too: by the pack last checked, or `packFiles`
   * compiled when none was checked yet.
   */
  async sensitiveSpans(text: string, field: string, packFiles: PackFile[]): Promise<ContentSpan[]> {
    if (!checked) {
      const { compilePack } = await import('../../engine/pack.ts');
      checked = compilePack(packFiles).pack;
    }
    return checked.classifiers.scan(text, field);
  },

  /**
   * What the pack's classifiers find in each of a few values on screen (one event's fields, an import
   * preview's cells), per value in the order given: the Data screen masks them as alerts do. The pack
   * is compiled from `packFiles` (kept while they stay the same), so it is the pack now in use.
   */
  async scanValues(
    values: { field: string; text: string }[],
    packFiles: PackFile[],
  ): Promise<ContentSpan[][]> {
    const compiled = await compiledFor(packFiles);
    return values.map(({ field, text }) => compiled.classifiers.scan(text, field));
  },

  /**
   * The first start: the classroom bundle (written to the store only when the stored copy is missing
   * or its files changed) and every dataset stored on an earlier visit, the classroom first.
   */
  async openDatasets(
    classroom: PackFile[],
    fallbackId: string,
  ): Promise<{ datasets: DatasetSummary[]; classroomId: string }> {
    const fingerprint = await fingerprintOf(classroom);
    const db = await openStore();
    const records = db ? await listDatasets(db) : [];
    const same = records.find(
      (r) => r.source === 'classroom' && storedSummaryOf(r.manifest)?.fingerprint === fingerprint,
    );
    let first: DatasetSummary;
    if (same) {
      first = await summaryOfRecord(same);
      stored.set(same.id, Promise.resolve(true));
    } else {
      const dataset = datasetFromBundle(classroom, fallbackId);
      // An older classroom under another id goes; one under the same id is replaced by the write.
      for (const old of records.filter((r) => r.source === 'classroom' && r.id !== dataset.id))
        await deleteDatasetRows(db!, old.id).catch(() => undefined);
      first = keep(dataset, 'classroom', fingerprint);
    }
    const others: DatasetSummary[] = [];
    for (const record of records) {
      if (record.source === 'classroom' || record.id === first.id) continue;
      try {
        others.push(await summaryOfRecord(record));
        stored.set(record.id, Promise.resolve(true));
      } catch (error) {
        console.warn(`Stored dataset "${record.id}" could not be read; it is not listed.`, error);
      }
    }
    return { datasets: [first, ...others], classroomId: first.id };
  },

  /** Reads the user's files with an importer; the dataset waits here until `addImport`. */
  async importTexts(
    format: string,
    texts: NamedText[],
    mappingText: string,
  ): Promise<{ preview: ImportPreview | null; errors: Diagnostic[] }> {
    const result = await importTexts(format, texts, mappingText);
    const errors = [...result.errors];
    let dataset = result.dataset;
    if (dataset) {
      // A dataset already held under this id (the same file name imported twice, a bundle named
      // "classroom") would be replaced without a word: the new one gets a free id instead.
      const id = freeDatasetId(dataset.id);
      if (id !== dataset.id) {
        errors.push(
          importError(
            texts[0]?.name ?? '',
            1,
            `a dataset "${dataset.id}" is already held: this one is added as "${id}", and the other is kept`,
            { severity: 'warning' },
          ),
        );
        dataset = {
          ...dataset,
          id,
          title: `${dataset.title} (${id})`,
          context: { ...dataset.context, manifest: { ...dataset.context.manifest, id } },
        };
      }
    }
    pendingImport = dataset;
    if (!dataset) return { preview: null, errors };
    return {
      preview: { summary: summarise(dataset, 'import'), first: dataset.events.slice(0, 5) },
      errors,
    };
  },

  /**
   * An id for an import named `base` that no dataset holds: in this worker, or in the store (another
   * tab's datasets and imports still being written included). `base` when it is free.
   */
  async freeImportId(base: string): Promise<string> {
    const db = await openStore();
    return freeDatasetId(base, new Set(db ? await db.datasets.toCollection().primaryKeys() : []));
  },

  /** A dataset the import worker committed to the store: listed from now on, and its summary. */
  async adoptImport(id: string): Promise<DatasetSummary> {
    const db = await openStore();
    const record = await db?.datasets.get(id);
    if (!record || record.status !== 'ready') throw new Error(`The import "${id}" is not in the store.`);
    forget(id);
    stored.set(id, Promise.resolve(true));
    return summaryOfRecord(record);
  },

  /** Adds the import last previewed (stored, or kept in memory when it cannot be). */
  addImport(id: string): DatasetSummary {
    if (!pendingImport || pendingImport.id !== id)
      throw new Error('This preview is no longer current: press Preview again, then add it.');
    const dataset = pendingImport;
    pendingImport = null;
    return keep(dataset, 'import');
  },

  /**
   * The Data screen's generator (same events as the CLI `generate`): events stream into the store
   * as they are made; when the store fails, the dataset is generated again and kept in memory.
   * Null when `onProgress` answered false (cancelled).
   */
  async generate(
    knobs: GeneratorKnobs,
    scenarioFiles: PackFile[],
    onProgress: (progress: GenerateProgress) => boolean | Promise<boolean>,
    id?: string,
  ): Promise<{ dataset: DatasetSummary | null; errors: Diagnostic[] }> {
    const db = await openStore();
    let writer: DatasetWriter | null = null;
    let storeFailed: unknown = null;
    const guarded = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        storeFailed = error;
        throw error;
      }
    };
    const sink: GeneratorSink | undefined = db
      ? {
          begin: (manifest) =>
            guarded(async () => {
              await (stored.get(manifest.id) ?? Promise.resolve(false));
              await deleteDatasetRows(db, manifest.id);
              forget(manifest.id);
              memory.delete(manifest.id);
              writer = await DatasetWriter.begin(db, {
                id: manifest.id,
                title: manifest.title,
                manifest,
                source: 'generator',
              });
            }),
          append: (events) => guarded(() => writer!.append(events)),
        }
      : undefined;
    const inMemory = async () => {
      const again = await generateFromKnobs(knobs, scenarioFiles, onProgress, id);
      if (!again.dataset || !again.summary) return { dataset: null, errors: again.errors };
      memory.set(again.dataset.id, { events: again.dataset.events, context: again.dataset.context });
      forget(again.dataset.id);
      stored.set(again.dataset.id, Promise.resolve(false));
      return { dataset: again.summary, errors: again.errors };
    };
    const abort = async () => {
      const open = writer as DatasetWriter | null;
      await open?.abort().catch(() => undefined);
    };
    let result;
    try {
      result = await generateFromKnobs(knobs, scenarioFiles, onProgress, id, sink);
    } catch (error) {
      await abort();
      if (storeFailed === null) throw error;
      console.warn('The generated dataset could not be stored; it is kept in memory only.', error);
      return inMemory();
    }
    const { dataset, summary } = result;
    if (!dataset || !summary) {
      await abort();
      return { dataset: null, errors: result.errors };
    }
    if (!sink) return inMemory();
    try {
      const open = writer as DatasetWriter | null;
      if (!open) throw new Error('The generator wrote nothing.');
      const { context } = dataset;
      await open.commit({
        directory: context.directory,
        resources: context.resources,
        entitlements: context.entitlements,
        scenarios: context.scenarios,
        manifest: manifestWithSummary(summary),
      });
      stored.set(dataset.id, Promise.resolve(true));
      return { dataset: summary, errors: result.errors };
    } catch (error) {
      await abort();
      console.warn('The generated dataset could not be stored; it is kept in memory only.', error);
      return inMemory();
    }
  },

  /** Deletes a dataset from the store and from memory. */
  async deleteDataset(id: string): Promise<void> {
    // A write in progress finishes first, or it would bring the dataset back.
    await (stored.get(id) ?? Promise.resolve(false));
    memory.delete(id);
    stored.delete(id);
    forget(id);
    const db = await openStore();
    if (db) await deleteDatasetRows(db, id);
  },

  /**
   * One page of the events matching a filter, with the count of all matches. The matches of the
   * last filter are kept, so the next pages cost only their own segments.
   */
  async queryEvents(
    datasetId: string,
    filter: EventFilter,
    offset: number,
    limit: number,
    onProgress?: (done: number, total: number) => void,
  ): Promise<EventPage> {
    const held = memory.get(datasetId);
    if (!held) return (await storedReader()).query(datasetId, filter, offset, limit, { onProgress });
    const key = `${datasetId}\u0000${filterKey(filter)}`;
    if (memoryHits?.key !== key) memoryHits = { key, events: held.events.filter(eventPredicate(filter)) };
    const start = Math.max(0, Math.floor(offset));
    return {
      total: memoryHits.events.length,
      offset: start,
      events: memoryHits.events.slice(start, start + limit),
    };
  },

  /** Events by `event.id`, in the order asked; `near` (a time) says where to look first. */
  async lookupEvents(datasetId: string, ids: string[], near?: string): Promise<EngineEvent[]> {
    const held = memory.get(datasetId);
    if (!held) return (await storedReader()).lookup(datasetId, ids, near);
    const wanted = new Set(ids);
    const found = new Map<string, EngineEvent>();
    for (const e of held.events) {
      const id = String(e['event.id'] ?? '');
      if (wanted.has(id) && !found.has(id)) found.set(id, e);
    }
    return ids.map((id) => found.get(id)).filter((e): e is EngineEvent => e !== undefined);
  },

  /** The event and the rules that came closest to catching it (see engine/explain/why-not.ts). */
  async whyNot(
    packFiles: PackFile[],
    datasetId: string,
    eventId: string,
    limit = 5,
  ): Promise<{ event: EngineEvent | null; misses: NearMiss[] }> {
    const [event] = await api.lookupEvents(datasetId, [eventId]);
    if (!event) return { event: null, misses: [] };
    const [{ whyNot }, pack, context] = await Promise.all([
      import('../../engine/explain/why-not.ts'),
      compiledFor(packFiles),
      contextOf(datasetId),
    ]);
    return { event, misses: whyNot(pack, event, { limit, context }) };
  },

  /**
   * For a false-positive alert (its rule and event ids): the exceptions that would silence it, each
   * checked against the dataset's labels by running the pack again (see engine/explain/exception.ts).
   */
  async exception(packFiles: PackFile[], datasetId: string, rule: string, eventIds: string[]) {
    if (!memory.has(datasetId) && !(await api.isStored(datasetId))) return null;
    const [{ narrowestException }, pack, events, context] = await Promise.all([
      import('../../engine/explain/exception.ts'),
      compiledFor(packFiles),
      allEvents(datasetId),
      contextOf(datasetId),
    ]);
    return narrowestException(pack, { rule, events: eventIds }, events, context);
  },

  /** The weak-spots review of a dataset with a pack (or the default classifiers when null). */
  async weakSpots(datasetId: string, packFiles: PackFile[] | null) {
    const [{ weakSpotsOf }, events, context] = await Promise.all([
      import('../trainer/weak-spots.ts'),
      allEvents(datasetId),
      contextOf(datasetId),
    ]);
    return weakSpotsOf(events, context, packFiles);
  },

  /** Waits for the dataset's write to the store: true when runs can read it from there. */
  async isStored(datasetId: string): Promise<boolean> {
    const writing = stored.get(datasetId);
    if (writing) return writing;
    const db = await openStore();
    const ready = db ? (await getDataset(db, datasetId)) !== undefined : false;
    stored.set(datasetId, Promise.resolve(ready));
    return ready;
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
    const ticket = cancelled;
    const [{ compilePack }, { evaluateShard, mergeShards }, events, context] = await Promise.all([
      import('../../engine/pack.ts'),
      import('../../engine/run/index.ts'),
      allEvents(datasetId),
      contextOf(datasetId),
    ]);
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
