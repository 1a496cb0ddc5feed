// One import: source files in, one committed dataset out — or nothing at all. Runs inside the
// import worker (workers/import.ts) and, for tests, directly in Node with fake-indexeddb.
//
// NDJSON (a lone file or a bundle's events.ndjson), CSV and one-hit-per-line Elastic exports stream:
// the file is read in chunks, parsed row by row and written segment by segment, so a 1 GB log never
// sits in memory as text. The other formats need their whole text (a JSON document, CERT joins
// across files) and are parsed at once, then written in segments all the same.
import type { DatasetManifest, Diagnostic, EngineEvent } from '../src/engine/types.ts';
import { IMPORTERS, type ImporterFormat } from '../src/engine/import/importers.ts';
import { CsvEventReader } from '../src/engine/import/csv.ts';
import { NdjsonReader } from '../src/engine/import/ndjson.ts';
import { EcsReader } from '../src/engine/import/ecs.ts';
import {
  BUNDLE_FILES,
  isBundleListing,
  parseBundleFiles,
  parseBundleObject,
} from '../src/engine/import/bundle.ts';
import { isCertListing } from '../src/engine/import/cert/detect.ts';
import { guessFileFormat } from '../src/engine/import/guess-format.ts';
import { importError } from '../src/engine/import/diagnostic.ts';
import { chunkDecoder, decodeText, sniffEncoding } from '../src/engine/import/text-encoding.ts';
import type { ImportFile, ImportResult, PieceReader } from '../src/engine/import/types.ts';
import type { SimulatorDatabase } from '../src/store/db.ts';
import { DatasetWriter, DEFAULT_SEGMENT_SIZE } from '../src/store/dataset-writer.ts';
import type { DatasetRecord } from '../src/store/records.ts';
import { explainStorageError, type StorageProblem } from '../src/store/storage-errors.ts';

export type ImportFormat = ImporterFormat | 'bundle' | 'auto';

/** A file as the worker receives it: a `File`/`Blob` from the File API (or any readable source). */
export interface ImportSource {
  name: string;
  blob: Blob;
}

export interface ImportRequest {
  files: ImportSource[];
  format?: ImportFormat;
  datasetId?: string;
  title?: string;
  /** CSV: the parsed mapping document. */
  mapping?: unknown;
  mappingFile?: string;
  segmentSize?: number;
  /** Take `datasetId`, or `datasetId-2`… if the store holds it (decided when the import starts). */
  freeId?: boolean;
}

export interface ImportProgressReport {
  phase: 'reading' | 'writing' | 'committing';
  bytesRead: number;
  bytesTotal: number;
  events: number;
  badRows: number;
}

export type ImportOutcome =
  | { ok: true; dataset: DatasetRecord; errors: Diagnostic[] }
  | { ok: false; problem: StorageProblem; errors: Diagnostic[] };

/** What the user is shown before an import is committed: enough to say "add it" or "discard it". */
export interface ImportPreviewReport {
  /** The id the dataset is staged under (`datasetId`, or `datasetId-2`… with `freeId`). */
  datasetId: string;
  events: number;
  /** Distinct `user.name` values of the events (the directory's people are not counted). */
  users: number;
  /** People in the dataset's directory (a bundle's or CERT's), 0 for plain logs. */
  directoryUsers: number;
  /** Events with no `event.category`: rules select a log source by it, so these meet few rules. */
  withoutCategory: number;
  /** The first few events, as they will be stored. */
  first: EngineEvent[];
  /** Every bad row and warning so far (file, line). */
  errors: Diagnostic[];
}

export interface ImportHooks {
  onProgress?: (report: ImportProgressReport) => void;
  signal?: AbortSignal;
  /**
   * Asked once everything is read and written, before the commit: true commits, false discards
   * (nothing stored). While it waits the dataset is staged, never listed.
   */
  confirm?: (preview: ImportPreviewReport) => boolean | Promise<boolean>;
}

/** Problem rows kept one by one; past this, the rest are counted (a CSV read as NDJSON gives one per line). */
const REPORTED_PROBLEMS = 1000;

/** An import's diagnostics: the first `REPORTED_PROBLEMS` kept, the rest counted, per file. */
class Problems {
  readonly list: Diagnostic[] = [];
  private readonly beyond = new Map<string, number>();
  count = 0;

  push(item: Diagnostic): void {
    this.count++;
    if (this.list.length < REPORTED_PROBLEMS) this.list.push(item);
    else this.beyond.set(item.file, (this.beyond.get(item.file) ?? 0) + 1);
  }

  /** A problem that explains the others (a file that stopped being read): listed first. */
  pushFirst(item: Diagnostic): void {
    this.count++;
    this.list.unshift(item);
    if (this.list.length > REPORTED_PROBLEMS) {
      const dropped = this.list.pop()!;
      this.beyond.set(dropped.file, (this.beyond.get(dropped.file) ?? 0) + 1);
    }
  }

  /** Every kept diagnostic, then one line per file saying how many more there were. */
  all(): Diagnostic[] {
    const more = [...this.beyond].map(([file, n]) =>
      importError(file, 1, `${n.toLocaleString('en')} more problem rows in this file are not listed`, {
        severity: 'warning',
      }),
    );
    return more.length ? [...this.list, ...more] : this.list;
  }
}

const CANCELLED: StorageProblem = { kind: 'cancelled', message: 'Import cancelled: nothing was stored.' };
const DISCARDED: StorageProblem = { kind: 'cancelled', message: 'Import discarded: nothing was stored.' };
/** Events kept for the preview. */
const PREVIEW_EVENTS = 5;
/** Events handed to the writer per call while a parsed result is written out. */
const WRITE_BATCH = 20_000;

export async function runImport(
  db: SimulatorDatabase,
  request: ImportRequest,
  hooks: ImportHooks = {},
): Promise<ImportOutcome> {
  const errors = new Problems();
  const bytesTotal = request.files.reduce((sum, f) => sum + f.blob.size, 0);
  const progress: ImportProgressReport = {
    phase: 'reading',
    bytesRead: 0,
    bytesTotal,
    events: 0,
    badRows: 0,
  };
  const report = (phase: ImportProgressReport['phase']) =>
    hooks.onProgress?.({ ...progress, phase, badRows: errors.count });
  const format =
    request.format && request.format !== 'auto' ? request.format : await formatOfFiles(request.files);
  const first = request.files[0];
  if (!first)
    return {
      ok: false,
      problem: { kind: 'other', message: 'Choose at least one file to import.' },
      errors: errors.all(),
    };
  const title = request.title ?? stripExtension(baseName(first.name));
  const id = request.datasetId ?? `import-${crypto.randomUUID()}`;
  const manifest: DatasetManifest = { id, title };

  let writer: DatasetWriter | undefined;
  const firstEvents: EngineEvent[] = [];
  const users = new Set<string>();
  let withoutCategory = 0;
  try {
    writer = await DatasetWriter.begin(
      db,
      {
        id,
        title,
        manifest,
        source: request.files.map((f) => f.name).join(', '),
        ...(request.freeId ? { freeId: true } : {}),
      },
      request.segmentSize ?? DEFAULT_SEGMENT_SIZE,
    );
    if (writer.datasetId !== id) {
      // Another import took the id meanwhile (another tab): the title says which one this is.
      const said = ` (${id})`;
      manifest.title = `${title.endsWith(said) ? title.slice(0, -said.length) : title} (${writer.datasetId})`;
    }
    const append = async (events: EngineEvent[]) => {
      throwIfCancelled(hooks.signal);
      for (let i = 0; i < events.length && firstEvents.length < PREVIEW_EVENTS; i++)
        firstEvents.push(events[i]!);
      for (const event of events) {
        const user = event['user.name'];
        if (typeof user === 'string' && user !== '') users.add(user);
        const category = event['event.category'];
        if (category === undefined || category === null || category === '') withoutCategory++;
      }
      await writer!.append(events);
      progress.events += events.length;
      report('writing');
    };

    let extras: ImportResult | undefined;
    const onBytes = (bytes: number) => {
      progress.bytesRead += bytes;
    };
    const streamed = streamedReader(format, request);
    const bundleEvents =
      format === 'bundle' ? request.files.find((f) => baseName(f.name) === BUNDLE_FILES.events) : undefined;
    if (streamed) {
      for (const file of request.files)
        await streamFile(file, streamed(file.name), errors, append, onBytes, hooks.signal);
    } else if (bundleEvents) {
      await streamFile(
        bundleEvents,
        new NdjsonReader(bundleEvents.name),
        errors,
        append,
        onBytes,
        hooks.signal,
      );
      const others = await readTexts(
        request.files.filter((f) => f !== bundleEvents),
        errors,
        hooks.signal,
      );
      extras = parseBundleFiles(others);
    } else {
      const texts = await readTexts(request.files, errors, hooks.signal);
      progress.bytesRead = bytesTotal;
      report('reading');
      extras = parseWhole(format, texts, request);
      for (let i = 0; i < extras.events.length; i += WRITE_BATCH)
        await append(extras.events.slice(i, i + WRITE_BATCH));
      extras.events = [];
    }
    for (const error of extras?.errors ?? []) errors.push(error);
    throwIfCancelled(hooks.signal);
    if (hooks.confirm) {
      await writer.settle();
      const preview: ImportPreviewReport = {
        datasetId: writer.datasetId,
        events: progress.events,
        users: users.size,
        directoryUsers: extras?.directory?.length ?? 0,
        withoutCategory,
        first: firstEvents,
        errors: errors.all(),
      };
      if (!(await hooks.confirm(preview))) {
        await writer.abort().catch(() => undefined);
        return { ok: false, problem: DISCARDED, errors: errors.all() };
      }
      throwIfCancelled(hooks.signal);
    }
    report('committing');
    const dataset = await writer.commit({
      directory: extras?.directory,
      resources: extras?.resources,
      entitlements: extras?.entitlements,
      scenarios: extras?.scenarios,
      manifest: { ...manifest, ...extras?.manifest, id: writer.datasetId },
      importErrors: errors.all(),
    });
    return { ok: true, dataset, errors: errors.all() };
  } catch (error) {
    await writer?.abort().catch(() => undefined);
    const problem = hooks.signal?.aborted ? CANCELLED : explainStorageError(error);
    return { ok: false, problem, errors: errors.all() };
  }
}

/** Picks the importer from file names; `.json` files are looked at again once their text is read. */
export function detectFormat(names: readonly string[]): Exclude<ImportFormat, 'auto'> {
  const bases = names.map(baseName);
  if (bases.length > 1 && isBundleListing(bases)) return 'bundle';
  if (isCertListing(bases)) return 'cert';
  const lower = bases.map((n) => n.toLowerCase());
  if (lower.every((n) => n.endsWith('.ndjson') || n.endsWith('.jsonl'))) return 'ndjson';
  if (lower.every((n) => n.endsWith('.csv') || n.endsWith('.tsv'))) return 'csv';
  return 'json';
}

/**
 * `detectFormat`, and for a lone file its names do not decide (`conn.log`, `audit.log`, an export
 * without an extension) a look at its first characters, as the command line takes: a Zeek log is
 * read by the CSV reader, a Linux audit log or a JSON-lines file by the NDJSON reader.
 */
async function formatOfFiles(files: readonly ImportSource[]): Promise<Exclude<ImportFormat, 'auto'>> {
  const byName = detectFormat(files.map((f) => f.name));
  const only = files.length === 1 ? files[0] : undefined;
  if (byName !== 'json' || only === undefined || /\.json$/i.test(only.name)) return byName;
  const head = new Uint8Array(await only.blob.slice(0, SNIFFED_BYTES).arrayBuffer());
  const sniffed = sniffEncoding(head, only.blob.size <= SNIFFED_BYTES);
  const text = chunkDecoder(sniffed.encoding).decode(head, { stream: true });
  return guessFileFormat(only.name, text);
}

/**
 * NDJSON, CSV and one-hit-per-line Elastic exports stream (a file is never held whole); the other
 * formats are read whole (an Elastic search response is gathered by its reader, then read whole).
 */
function streamedReader(
  format: ImportFormat,
  request: ImportRequest,
): ((name: string) => PieceReader) | undefined {
  if (format === 'ndjson') return (name) => new NdjsonReader(name);
  if (format === 'csv') return (name) => new CsvEventReader(name, request.mapping, request.mappingFile);
  if (format === 'ecs') return (name) => new EcsReader(name);
  return undefined;
}

/** How much of a streamed file is read first to tell its encoding. */
const SNIFFED_BYTES = 64 * 1024;

async function streamFile(
  source: ImportSource,
  reader: PieceReader,
  errors: Problems,
  append: (events: EngineEvent[]) => Promise<void>,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  // The encoding is told by the file's first bytes (a byte-order mark, UTF-16's zero bytes, or
  // bytes that are not UTF-8), as the command line tells it from the whole file.
  const head = new Uint8Array(await source.blob.slice(0, SNIFFED_BYTES).arrayBuffer());
  const sniffed = sniffEncoding(head, source.blob.size <= SNIFFED_BYTES);
  if (sniffed.note !== undefined)
    errors.push(importError(source.name, 1, sniffed.note, { severity: 'warning' }));
  const decoder = chunkDecoder(sniffed.encoding);
  const stream = source.blob.stream().getReader();
  const errorsBefore = errors.count;
  let events = 0;
  const appendCounted = async (list: EngineEvent[]) => {
    events += list.length;
    await append(list);
  };
  // A file of another layout can drive a reader into a row that never ends (JSON lines read as
  // CSV: one quoted field for the whole file), which overflows a worker's stack. That file stops,
  // named, and the import goes on with the others.
  const read = (text?: string) => {
    try {
      return text === undefined ? reader.end() : reader.push(text);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      errors.pushFirst(
        importError(
          source.name,
          1,
          'reading stopped: a row or a nesting that never ends (a quote never closed?); is the layout chosen for this file the right one?',
        ),
      );
      return null;
    }
  };
  try {
    for (;;) {
      throwIfCancelled(signal);
      const { done, value } = await stream.read();
      if (done) break;
      onBytes(value.byteLength);
      const part = read(decoder.decode(value, { stream: true }));
      if (!part) return;
      for (const item of part.errors) errors.push(item);
      if (part.events.length) await appendCounted(part.events);
    }
    const last = read(decoder.decode());
    const end = last && read();
    if (!last || !end) return;
    for (const error of [last.errors, end.errors].flat()) errors.push(error);
    await appendCounted([...last.events, ...end.events]);
    if (events === 0 && errors.count === errorsBefore) errors.push(noEventsWarning(source));
  } finally {
    stream.releaseLock();
  }
}

function parseWhole(
  format: Exclude<ImportFormat, 'auto'>,
  files: ImportFile[],
  request: ImportRequest,
): ImportResult {
  if (format === 'bundle') return parseBundleFiles(files);
  if (format === 'json' && files.length === 1 && request.format !== 'json') {
    // A lone file the user did not name the format of is read as its text shows, as the command
    // line reads it: a one-file bundle, an Elastic search response, one object per line, or JSON.
    const only = files[0]!;
    const guessed = guessFileFormat(only.name, only.text);
    if (guessed === 'bundle') return parseBundleObject(only.text, only.name);
    return IMPORTERS[guessed].import(files, { mapping: request.mapping, mappingFile: request.mappingFile });
  }
  return IMPORTERS[format].import(files, { mapping: request.mapping, mappingFile: request.mappingFile });
}

/** Whole texts (a JSON document, a CERT folder); a guessed encoding is a warning naming the file. */
async function readTexts(
  files: readonly ImportSource[],
  errors: Problems,
  signal?: AbortSignal,
): Promise<ImportFile[]> {
  const texts: ImportFile[] = [];
  for (const file of files) {
    throwIfCancelled(signal);
    const { text, note } = decodeText(new Uint8Array(await file.blob.arrayBuffer()));
    if (note !== undefined) errors.push(importError(file.name, 1, note, { severity: 'warning' }));
    else if (text.trim() === '') errors.push(noEventsWarning(file));
    texts.push({ name: file.name, text });
  }
  return texts;
}

/** A file that gave no event and no error: said, so an empty export is not mistaken for a clean one. */
function noEventsWarning(source: ImportSource): Diagnostic {
  const message = source.blob.size === 0 ? 'the file is empty: no events in it' : 'no events in this file';
  return importError(source.name, 1, message, { severity: 'warning' });
}

function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
