// Node side of dataset reading: finds out what a path holds and hands the text to the pure
// importers in src/engine/import. Accepts an NDJSON file, a JSON list of events, a dataset bundle
// (folder or single JSON file), an Elastic/ECS export, a CSV with one column per field, and a
// CERT insider-threat folder.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import type { DatasetContext, Diagnostic, EngineEvent } from '../engine/types.ts';
import {
  BUNDLE_FILES,
  isBundleListing,
  parseBundleFiles,
  parseBundleObject,
} from '../engine/import/bundle.ts';
import { activityTableOf } from '../engine/import/cert/activity-tables.ts';
import { isHeaderRow, REQUIRED_COLUMNS } from '../engine/import/cert/columns.ts';
import { isCertListing } from '../engine/import/cert/detect.ts';
import { CertImport } from '../engine/import/cert/index.ts';
import { columnsForRow } from '../engine/import/cert/table-reader.ts';
import { IMPORTERS, type ImporterFormat } from '../engine/import/importers.ts';
import { NdjsonReader } from '../engine/import/ndjson.ts';
import { sortByTimestamp } from '../engine/import/order.ts';
import { emptyImportResult, type ImportFile, type ImportResult } from '../engine/import/types.ts';
import { importError } from '../engine/import/diagnostic.ts';
import { duplicateIdsWarning } from '../engine/import/duplicate-ids.ts';
import { guessFileFormat } from '../engine/import/guess-format.ts';
import { chunkDecoder, sniffEncoding, type DecodedText } from '../engine/import/text-encoding.ts';
import { UsageError } from './args.ts';
import { MAX_TEXT_CHARS, readText, readUtf8 } from './read-text.ts';
import { headOf, readNdjsonFile, STREAM_CHUNK } from './read-stream.ts';
import { timeValue } from '../engine/import/event-time.ts';

export interface LoadedDataset {
  events: EngineEvent[];
  context: DatasetContext;
  errors: Diagnostic[];
}

export interface ReadDatasetOptions {
  /** Force a format instead of guessing from the path. */
  format?: ImporterFormat;
  /** CSV field mapping (see docs/importers.md), already parsed. */
  mapping?: unknown;
  /** Where the mapping came from, for its diagnostics. */
  mappingFile?: string;
}

type PathKind = 'file' | 'folder';

async function kindOf(path: string): Promise<PathKind> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'folder' : 'file';
  } catch {
    throw new UsageError(`cannot read dataset "${path}": no such file or folder`);
  }
}

/** Every file under `folder`, named relative to it with forward slashes (`LDAP/2010-01.csv`). */
async function listFiles(folder: string, depth = 3): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string, level: number) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (level < depth) await walk(full, level + 1);
      } else out.push(relative(folder, full).split('\\').join('/'));
    }
  }
  await walk(folder, 0);
  return out.sort();
}

async function readFiles(folder: string, names: readonly string[]): Promise<ImportFile[]> {
  return Promise.all(names.map(async (name) => ({ name, text: await readUtf8(join(folder, name)) })));
}

/**
 * A bundle folder. Its events.ndjson (hundreds of megabytes for a large generated dataset, more
 * than one string holds) is read line by line; the manifest and tables are read whole. Errors come
 * in the order `parseBundleFiles` gives them: manifest, events, tables.
 */
async function importBundleFolder(folder: string, names: readonly string[]): Promise<ImportResult> {
  const known = new Set<string>(Object.values(BUNDLE_FILES));
  const files = names.filter((n) => known.has(n));
  if (!files.includes(BUNDLE_FILES.events)) return parseBundleFiles(await readFiles(folder, files));
  const head = parseBundleFiles(
    await readFiles(
      folder,
      files.filter((n) => n === BUNDLE_FILES.manifest),
    ),
  );
  const events = await readNdjsonFile(join(folder, BUNDLE_FILES.events), BUNDLE_FILES.events);
  const tables = parseBundleFiles(
    await readFiles(
      folder,
      files.filter(
        (n) => n !== BUNDLE_FILES.manifest && n !== BUNDLE_FILES.events && n !== BUNDLE_FILES.eventsJson,
      ),
    ),
  );
  const errors = head.errors;
  if (events.note !== undefined)
    errors.push(importError(BUNDLE_FILES.events, 1, events.note, { severity: 'warning' }));
  for (const item of events.errors) errors.push(item);
  for (const item of tables.errors) errors.push(item);
  return { ...head, events: events.events, ...pickTables(tables), errors };
}

function pickTables({ directory, resources, entitlements }: ImportResult) {
  return { directory, resources, entitlements };
}

/** An NDJSON file of a dataset: ids made of `name`, diagnostics naming `path` (as `importText`). */
async function importNdjson(name: string, path: string): Promise<ImportResult> {
  const { note, ...result } = await readNdjsonFile(path, name);
  for (const d of result.errors) if (d.file === name) d.file = path;
  if (note !== undefined) result.errors.unshift(importError(path, 1, note, { severity: 'warning' }));
  return result;
}

/** Whether a lone file's name says NDJSON (as `guessFileFormat` reads names). */
function isNdjsonName(path: string): boolean {
  return IMPORTERS.ndjson.accepts(basename(path));
}

/**
 * The format of a lone file too large to read whole, guessed as `guessFileFormat` does from its
 * first 64 KB: NDJSON is then streamed; anything else is refused by name and size.
 */
async function formatOfLargeFile(path: string): Promise<ImportFormatGuess | undefined> {
  const { size } = await stat(path);
  if (size <= MAX_TEXT_CHARS) return undefined;
  const [head] = await headOf(path);
  const text = chunkDecoder(sniffEncoding(head, false).encoding).decode(head, { stream: true });
  // Whole lines only, unless the head has none (one long line: a JSON document, say).
  const cut = text.lastIndexOf('\n');
  return guessFileFormat(path, cut < 0 ? text : text.slice(0, cut + 1));
}

type ImportFormatGuess = ImporterFormat | 'bundle';

/** Imports what a path holds, without defaults or sorting: the raw importer result. */
export async function importPath(path: string, options: ReadDatasetOptions = {}): Promise<ImportResult> {
  const kind = await kindOf(path);
  if (kind === 'folder') {
    const names = await listFiles(path);
    const format = options.format ?? (isCertListing(names) ? 'cert' : undefined);
    if (format === 'cert') return importCertFolder(path, names.filter(isCertFileName));
    if (format !== undefined) {
      return mergeResults(
        await Promise.all(
          names
            .filter((n) => IMPORTERS[format].accepts(n))
            .map(async (n) =>
              format === 'ndjson'
                ? importNdjson(`./${n}`, join(path, n))
                : importText(`./${n}`, join(path, n), await readText(join(path, n)), format, options),
            ),
        ),
      );
    }
    if (isBundleListing(names)) return importBundleFolder(path, names);
    // A folder holding a CERT release one level down (`cert/r6.2/logon.csv`) is read as that release.
    const releases = certReleaseFolders(names);
    if (releases.length > 1) {
      throw new UsageError(
        `"${path}" holds several CERT releases (${releases.map((r) => `${r}/`).join(', ')}): give one of them`,
      );
    }
    if (releases.length === 1) {
      const release = join(path, releases[0]!);
      const result = await importCertFolder(release, (await listFiles(release)).filter(isCertFileName));
      result.errors.unshift(
        importError(path, 1, `read as the CERT release in ${releases[0]}/ (the folder's only CERT folder)`, {
          severity: 'warning',
        }),
      );
      return result;
    }
    // A folder of loose log files: every NDJSON, JSON and CSV file in it, each file's ids named
    // by its path in the folder (`d1/proxy.ndjson:3`); any other file is skipped, with a warning.
    return mergeResults(
      await Promise.all(
        names.map(async (name) => {
          if (!LOOSE_IMPORTERS.some((f) => IMPORTERS[f].accepts(name))) return skippedFile(join(path, name));
          if (isNdjsonName(name)) return importNdjson(`./${name}`, join(path, name));
          const read = await readText(join(path, name));
          return importText(`./${name}`, join(path, name), read, guessFileFormat(name, read.text), options);
        }),
      ),
    );
  }
  if (options.format === undefined && (await isCertActivityFile(path))) {
    // A lone CERT activity log (`r6/logon.csv`): read by the CERT reader for its table.
    const name = basename(path);
    const result = await importCertFolder(join(path, '..'), [name]);
    for (const d of result.errors) if (d.file === name) d.file = path;
    result.errors.unshift(
      importError(path, 1, `read as a CERT ${activityTableOf(name)} table (its header is CERT's)`, {
        severity: 'warning',
        suggestion: 'give the whole CERT folder to have its LDAP directory and answers too',
      }),
    );
    return result;
  }
  const large = options.format === undefined ? await formatOfLargeFile(path) : undefined;
  if (
    options.format === 'ndjson' ||
    large === 'ndjson' ||
    (options.format === undefined && isNdjsonName(path))
  )
    return importNdjson(basename(path), path);
  const read = await readText(path);
  const format = options.format ?? guessFileFormat(path, read.text);
  return importText(basename(path), path, read, format, options);
}

/** The subfolders (one level down) whose own files make a CERT release, by name. */
function certReleaseFolders(names: readonly string[]): string[] {
  const children = new Map<string, string[]>();
  for (const name of names) {
    const parts = name.split('/');
    if (parts.length !== 2) continue;
    const list = children.get(parts[0]!) ?? [];
    list.push(parts[1]!);
    children.set(parts[0]!, list);
  }
  return [...children].filter(([, files]) => isCertListing(files)).map(([folder]) => folder);
}

/**
 * Whether a lone file is a CERT activity log: named as one (`logon.csv` …) and starting with its
 * table's header (`id,date,user,pc,activity`), or, headerless, with a row CERT's columns read.
 */
async function isCertActivityFile(path: string): Promise<boolean> {
  const kind = activityTableOf(basename(path));
  if (!kind) return false;
  const handle = await open(path, 'r');
  let head: string;
  try {
    const bytes = new Uint8Array(4096);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    head = chunkDecoder(sniffEncoding(bytes.subarray(0, bytesRead), false).encoding).decode(
      bytes.subarray(0, bytesRead),
      { stream: true },
    );
  } finally {
    await handle.close();
  }
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  const cells = firstLine.split(',').map((c) => c.trim());
  if (isHeaderRow(cells)) {
    const header = new Set(cells.map((c) => c.toLowerCase()));
    return REQUIRED_COLUMNS[kind].every((column) => header.has(column));
  }
  return /^\{.+\}$/.test(cells[0] ?? '') && columnsForRow(kind, cells) !== undefined;
}

/** The importers that read the files of a plain folder of logs. */
const LOOSE_IMPORTERS: readonly ImporterFormat[] = ['ndjson', 'json', 'csv'];

function skippedFile(path: string): ImportResult {
  return {
    ...emptyImportResult(),
    errors: [
      importError(path, 1, `${basename(path)} skipped: not NDJSON, JSON or CSV`, {
        severity: 'warning',
        suggestion: 'name it .ndjson, .jsonl, .json or .csv, or read it alone with --format',
      }),
    ],
  };
}

/**
 * Imports one file's text. Generated event ids are made of `name` (`rowId`): a lone file's own
 * name, or `./<path in the folder>` for a file of a folder. Diagnostics name `path`, where the user
 * will find the file.
 */
function importText(
  name: string,
  path: string,
  { text, note }: DecodedText,
  format: ImporterFormat | 'bundle',
  options: ReadDatasetOptions,
): ImportResult {
  const result =
    format === 'bundle' ? parseBundleObject(text, name) : IMPORTERS[format].import([{ name, text }], options);
  for (const d of result.errors) if (d.file === name) d.file = path;
  if (note !== undefined) result.errors.unshift(importError(path, 1, note, { severity: 'warning' }));
  return result;
}

/**
 * A CERT folder: the activity logs (gigabytes in the real releases, more than one string can
 * hold) are streamed through the importer; LDAP, psychometric and answer files are small. Each
 * file's encoding is told as any other file's (`text-encoding.ts`: a streamed table's from its first
 * 64 KB), with a warning naming the file when it is guessed (Latin-1 read as Windows-1252).
 */
async function importCertFolder(folder: string, names: readonly string[]): Promise<ImportResult> {
  const certImport = new CertImport();
  const notes: Diagnostic[] = [];
  const note = (path: string, text: string | undefined) => {
    if (text !== undefined) notes.push(importError(path, 1, text, { severity: 'warning' }));
  };
  for (const name of names) {
    const path = join(folder, name);
    const table = certImport.openTable(name);
    if (!table) {
      const read = await readText(path);
      note(path, read.note);
      certImport.addFile({ name, text: read.text });
      continue;
    }
    const sniffed = sniffEncoding(...(await headOf(path)));
    note(path, sniffed.note);
    const decoder = chunkDecoder(sniffed.encoding);
    for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK }))
      table.push(decoder.decode(chunk as Buffer, { stream: true }));
    table.push(decoder.decode());
    table.end();
  }
  const result = certImport.finish();
  result.errors.unshift(...notes);
  return result;
}

function isCertFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.csv') || name.toLowerCase().endsWith('.txt');
}

function mergeResults(results: ImportResult[]): ImportResult {
  const merged: ImportResult = {
    events: [],
    directory: [],
    resources: [],
    entitlements: [],
    scenarios: [],
    errors: [],
  };
  for (const r of results) {
    for (const e of r.events) merged.events.push(e);
    // One push per item: spreading a list of hundreds of thousands (a file of bad lines) into one
    // call overflows the stack.
    for (const d of r.directory) merged.directory.push(d);
    for (const x of r.resources) merged.resources.push(x);
    for (const x of r.entitlements) merged.entitlements.push(x);
    for (const x of r.scenarios) merged.scenarios.push(x);
    for (const x of r.errors) merged.errors.push(x);
  }
  return merged;
}

/** The dataset's name as a user would say it: the file or folder name without extension. */
export function datasetNameOf(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ''));
  const ext = extname(name);
  return ext === '' || /^\.\d+$/.test(ext) ? name : name.slice(0, -ext.length);
}

/** The latest instant a Date holds, in ms either side of 1970. */
const MAX_TIME = 8.64e15;

function periodOf(events: readonly EngineEvent[]): { start: string; end: string } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const event of events) {
    const t = event['@timestamp'];
    const time = timeValue(t);
    // Only instants a Date holds: a number past them (1e300) has no ISO spelling.
    if (!(Math.abs(time) <= MAX_TIME)) continue;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  if (min === Infinity) return undefined;
  return { start: new Date(min).toISOString(), end: new Date(max).toISOString() };
}

/**
 * Reads any dataset the app accepts. Bad rows come back as diagnostics (file + line) and are
 * skipped; missing tables are empty lists; the manifest defaults to the path's name. Events are in
 * time order.
 */
export async function readDataset(path: string, options: ReadDatasetOptions = {}): Promise<LoadedDataset> {
  const result = await importPath(path, options);
  const events = sortByTimestamp(result.events);
  const name = datasetNameOf(path);
  const manifest = {
    ...result.manifest,
    id: result.manifest?.id ?? name,
    title: result.manifest?.title ?? name,
  };
  const period = manifest.period ?? periodOf(events);
  if (period) manifest.period = period;
  const shared = duplicateIdsWarning(events, path);
  return {
    events,
    context: {
      manifest,
      directory: result.directory,
      resources: result.resources,
      entitlements: result.entitlements,
      scenarios: result.scenarios,
    },
    errors: shared ? [...result.errors, shared] : result.errors,
  };
}

/**
 * Streams the events of an NDJSON file (or a bundle folder's events.ndjson) in batches without
 * holding the file in memory; other formats are read whole and then handed out in batches.
 */
export async function* streamDatasetEvents(
  path: string,
  batchSize = 10_000,
): AsyncGenerator<{ events: EngineEvent[]; errors: Diagnostic[] }> {
  const kind = await kindOf(path);
  let ndjsonPath: string | undefined;
  if (kind === 'file' && ['.ndjson', '.jsonl'].includes(extname(path).toLowerCase())) ndjsonPath = path;
  if (kind === 'folder') {
    const names = await readdir(path);
    if (!isCertListing(names) && names.includes('events.ndjson')) ndjsonPath = join(path, 'events.ndjson');
  }
  if (ndjsonPath === undefined) {
    const { events, errors } = await readDataset(path);
    if (events.length === 0) yield { events: [], errors };
    for (let i = 0; i < events.length; i += batchSize) {
      yield { events: events.slice(i, i + batchSize), errors: i === 0 ? errors : [] };
    }
    return;
  }
  // Ids are made of the file's own name (as `readDataset` makes them); diagnostics name its path.
  const name = basename(ndjsonPath);
  const located = (list: Diagnostic[]) => list.map((d) => (d.file === name ? { ...d, file: ndjsonPath } : d));
  const reader = new NdjsonReader(name);
  let events: EngineEvent[] = [];
  let errors: Diagnostic[] = [];
  for await (const chunk of createReadStream(ndjsonPath, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const part = reader.push(chunk as string);
    for (const e of part.events) events.push(e);
    for (const item of located(part.errors)) errors.push(item);
    if (events.length >= batchSize) {
      yield { events, errors };
      events = [];
      errors = [];
    }
  }
  const last = reader.end();
  for (const item of last.events) events.push(item);
  for (const item of located(last.errors)) errors.push(item);
  if (events.length > 0 || errors.length > 0) yield { events, errors };
}
