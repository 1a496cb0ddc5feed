// Node side of dataset reading: finds out what a path holds and hands the text to the pure
// importers in src/engine/import. Accepts an NDJSON file, a JSON list of events, a dataset bundle
// (folder or single JSON file), an Elastic/ECS export, a CSV with one column per field, and a
// CERT insider-threat folder.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DatasetContext, Diagnostic, EngineEvent } from '../engine/types.ts';
import {
  BUNDLE_FILES,
  isBundleListing,
  parseBundleFiles,
  parseBundleObject,
} from '../engine/import/bundle.ts';
import { activityTableOf } from '../engine/import/cert/activity-tables.ts';
import { isAnswerFile } from '../engine/import/cert/answers.ts';
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
import { isZeekTsv } from '../engine/import/zeek-tsv.ts';
import { isAuditdLine } from '../engine/import/auditd.ts';
import { chunkDecoder, sniffEncoding, type DecodedText } from '../engine/import/text-encoding.ts';
import { UsageError } from './args.ts';
import {
  CompressedFileError,
  compressionOf,
  MAX_TEXT_CHARS,
  readText,
  readUtf8,
  whyUnreadable,
} from './read-text.ts';
import { headOf, readNdjsonFile, STREAM_CHUNK } from './read-stream.ts';
import { timeValue } from '../engine/import/event-time.ts';
import { kindOf, listFiles, type PathKind } from './folder-listing.ts';

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

/** One file's import in a folder, and whether the file was read at all (not skipped). */
type FileResult = ImportResult & { skipped?: true; source?: string };

/** A file of a folder that is not read, with a warning saying why. */
function skipped(path: string, message: string, suggestion?: string): FileResult {
  const extra = suggestion === undefined ? {} : { suggestion };
  return {
    ...emptyImportResult(),
    skipped: true,
    errors: [importError(path, 1, message, { severity: 'warning', ...extra })],
  };
}

/** A file of a folder that could not be read (a broken link, no permission, compressed …): an error. */
async function unreadable(path: string, error: unknown): Promise<FileResult> {
  const diagnostic =
    error instanceof CompressedFileError
      ? importError(path, 1, error.message, { suggestion: error.suggestion })
      : importError(
          path,
          1,
          `${basename(path)} cannot be read, so it is skipped: ${await whyUnreadable(path, error)}`,
        );
  return { ...emptyImportResult(), skipped: true, errors: [diagnostic] };
}

/** Reads one file of a folder; a file that cannot be read becomes an error naming it, and the rest is read. */
async function attempt(path: string, read: () => Promise<FileResult>): Promise<FileResult> {
  try {
    const result = await read();
    return result.skipped ? result : { ...result, source: path };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return unreadable(path, error);
  }
}

/** The files of a bundle folder that could be read, and an error for each one that could not. */
async function readFiles(
  folder: string,
  names: readonly string[],
  errors: Diagnostic[],
): Promise<ImportFile[]> {
  const files = await Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      try {
        return { name, text: await readUtf8(path) };
      } catch (error) {
        for (const item of (await unreadable(path, error)).errors) errors.push(item);
        return undefined;
      }
    }),
  );
  return files.filter((f): f is ImportFile => f !== undefined);
}

/**
 * A bundle folder. Its events.ndjson (hundreds of megabytes for a large generated dataset, more
 * than one string holds) is read line by line; the manifest and tables are read whole. Errors come
 * in the order `parseBundleFiles` gives them: manifest, events, tables.
 */
async function importBundleFolder(folder: string, names: readonly string[]): Promise<FileResult> {
  const known = new Set<string>(Object.values(BUNDLE_FILES));
  const files = names.filter((n) => known.has(n));
  // Anything else in a bundle folder (a day of logs added next to events.ndjson) is not read: say so.
  const others = names
    .filter((n) => !known.has(n))
    .flatMap((n) => skipped(join(folder, n), `${n} skipped: ${BUNDLE_NOTE}`, BUNDLE_SUGGESTION).errors);
  const unread: Diagnostic[] = [];
  const finish = (result: ImportResult): FileResult => {
    for (const item of unread) result.errors.push(item);
    for (const item of others) result.errors.push(item);
    // Nothing of the bundle could be read: the folder's files were all unreadable.
    return unread.length === files.length ? { ...result, skipped: true } : { ...result, source: folder };
  };
  if (!files.includes(BUNDLE_FILES.events))
    return finish(parseBundleFiles(await readFiles(folder, files, unread)));
  const head = parseBundleFiles(
    await readFiles(
      folder,
      files.filter((n) => n === BUNDLE_FILES.manifest),
      unread,
    ),
  );
  const eventsPath = join(folder, BUNDLE_FILES.events);
  let events: Awaited<ReturnType<typeof readNdjsonFile>>;
  try {
    events = await readNdjsonFile(eventsPath, BUNDLE_FILES.events);
  } catch (error) {
    for (const item of (await unreadable(eventsPath, error)).errors) unread.push(item);
    events = emptyImportResult();
  }
  const tables = parseBundleFiles(
    await readFiles(
      folder,
      files.filter(
        (n) => n !== BUNDLE_FILES.manifest && n !== BUNDLE_FILES.events && n !== BUNDLE_FILES.eventsJson,
      ),
      unread,
    ),
  );
  const errors = head.errors;
  if (events.note !== undefined)
    errors.push(importError(BUNDLE_FILES.events, 1, events.note, { severity: 'warning' }));
  for (const item of events.errors) errors.push(item);
  for (const item of tables.errors) errors.push(item);
  return finish({ ...head, events: events.events, ...pickTables(tables), errors });
}

/** Why a file in a bundle folder is not read: the files a bundle has. */
const BUNDLE_NOTE = `a dataset bundle folder is read for its own files only (${[
  BUNDLE_FILES.manifest,
  `${BUNDLE_FILES.events} or ${BUNDLE_FILES.eventsJson}`,
  BUNDLE_FILES.directory,
  BUNDLE_FILES.resources,
  BUNDLE_FILES.entitlements,
].join(', ')})`;
const BUNDLE_SUGGESTION =
  'move it to a folder of its own and read that, or import it into a bundle of its own';

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

/** What `importPath` read: the importer result, and the files whose events it holds. */
export type ImportedPath = ImportResult & { sources: string[] };

/** Imports what a path holds, without defaults or sorting: the raw importer result. */
export async function importPath(path: string, options: ReadDatasetOptions = {}): Promise<ImportedPath> {
  const kind = await kindOf(path);
  if (kind === 'folder') return importFolder(path, options);
  try {
    const result = await importFile(path, kind, options);
    return { ...result, sources: result.events.length > 0 ? [path] : [] };
  } catch (error) {
    // A file that cannot be opened (no permission): Node's bare `EACCES: …` said as the user acts on it.
    if ((error as NodeJS.ErrnoException | undefined)?.syscall !== undefined)
      throw new Error(`cannot read "${path}": ${await whyUnreadable(path, error)}`, { cause: error });
    // A compressed file is not a failure of the reader: one error saying what to do.
    if (!(error instanceof CompressedFileError)) throw error;
    return {
      ...emptyImportResult(),
      sources: [],
      errors: [importError(path, 1, error.message, { suggestion: error.suggestion })],
    };
  }
}

async function importFile(path: string, kind: PathKind, options: ReadDatasetOptions): Promise<ImportResult> {
  if (kind === 'stream') {
    // A named pipe or a device: read once, by its name (or --format) and then its text.
    if (options.format === 'ndjson' || (options.format === undefined && isNdjsonName(path)))
      return importNdjson(basename(path), path);
    const read = await readText(path);
    return importText(
      basename(path),
      path,
      read,
      options.format ?? guessFileFormat(path, read.text),
      options,
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

/**
 * A folder: a CERT release, a dataset bundle, or loose log files. Every file that is not read is
 * named in a warning (or an error, when it could not be read); a folder of which no file could be
 * read is an error naming the folder.
 */
async function importFolder(path: string, options: ReadDatasetOptions): Promise<ImportedPath> {
  const { names, notes } = await listFiles(path);
  const results = await folderResults(path, names, options);
  const merged = mergeResults(results);
  merged.errors.unshift(...notes);
  if (!results.some((r) => !r.skipped)) {
    const why =
      names.length === 0
        ? notes.length === 0
          ? 'the folder is empty'
          : 'the folder holds no file (see the warnings above)'
        : `its ${names.length === 1 ? 'only file was' : `${names.length} files were all`} skipped (see above)`;
    merged.errors.push(
      importError(path, 1, `no log file read in "${path}": ${why}`, {
        suggestion: 'check the path: give the folder that holds the logs, or a log file',
      }),
    );
  }
  const sources = results.flatMap((r) => (r.source !== undefined && r.events.length > 0 ? [r.source] : []));
  return { ...merged, sources };
}

async function folderResults(
  path: string,
  names: string[],
  options: ReadDatasetOptions,
): Promise<FileResult[]> {
  if (names.length === 0) return [];
  const format = options.format ?? (isCertListing(names) ? 'cert' : undefined);
  if (format === 'cert') return [await importCertFolder(path, names)];
  if (format !== undefined) {
    return Promise.all(
      names.map((n) => {
        const full = join(path, n);
        if (!IMPORTERS[format].accepts(n))
          return Promise.resolve(
            skipped(
              full,
              `${n} skipped: not read as ${format} (--format ${format}) by its name`,
              `${format} files are named ${IMPORTER_NAMES[format]}`,
            ),
          );
        return attempt(full, async () =>
          format === 'ndjson'
            ? importNdjson(`./${n}`, full)
            : importText(`./${n}`, full, await readText(full), format, options),
        );
      }),
    );
  }
  if (isBundleListing(names)) return [await importBundleFolder(path, names)];
  // A folder holding a CERT release one level down (`cert/r6.2/logon.csv`) is read as that release.
  const releases = certReleaseFolders(names);
  if (releases.length > 1) {
    throw new UsageError(
      `"${path}" holds several CERT releases (${releases.map((r) => `${r}/`).join(', ')}): give one of them`,
    );
  }
  if (releases.length === 1) {
    const folder = releases[0]!;
    const inside = names.filter((n) => n.startsWith(`${folder}/`)).map((n) => n.slice(folder.length + 1));
    const result = await importCertFolder(join(path, folder), inside);
    result.errors.unshift(
      importError(path, 1, `read as the CERT release in ${folder}/ (the folder's only CERT folder)`, {
        severity: 'warning',
      }),
    );
    const others = names
      .filter((n) => !n.startsWith(`${folder}/`))
      .map((n) => skipped(join(path, n), `${n} skipped: only the CERT release in ${folder}/ is read`));
    return [result, ...others];
  }
  // A folder of loose log files: every NDJSON, JSON and CSV file in it, each file's ids named
  // by its path in the folder (`d1/proxy.ndjson:3`). A file of another name is read as a lone
  // file would be when its text starts as JSON does (`app.log` of JSON lines); any other file is
  // skipped, with a warning.
  return Promise.all(
    names.map((name) => {
      const full = join(path, name);
      return attempt(full, async () => {
        if (!LOOSE_IMPORTERS.some((f) => IMPORTERS[f].accepts(name)))
          return readOtherFile(name, full, options);
        if (isNdjsonName(name)) return importNdjson(`./${name}`, full);
        const read = await readText(full);
        return importText(`./${name}`, full, read, guessFileFormat(name, read.text), options);
      });
    }),
  );
}

/** How the files each importer reads are named, for a warning. */
const IMPORTER_NAMES: Record<ImporterFormat, string> = {
  ndjson: '.ndjson or .jsonl',
  json: '.json',
  csv: '.csv or .tsv',
  ecs: '.json, .ndjson or .jsonl',
  cert: '.csv',
};

/**
 * A file of a folder whose name no reader takes (`app.log`, `events.txt`, `syslog.1`): read as a
 * lone file is when its text starts with a JSON object or a list of them; otherwise skipped, with
 * a warning saying how to read it. (Plain text lines would be one error each.)
 */
async function readOtherFile(name: string, path: string, options: ReadDatasetOptions): Promise<FileResult> {
  const [head] = await headOf(path);
  const packed = compressionOf(head);
  if (packed !== undefined) {
    const { message, suggestion } = new CompressedFileError(path, packed);
    return skipped(path, `${name} skipped: it${message.slice(basename(path).length)}`, suggestion);
  }
  const text = chunkDecoder(sniffEncoding(head, false).encoding)
    .decode(head, { stream: true })
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!/^(\{\s*["}]|\[\s*[{\]])/.test(text) && !isZeekTsv(text) && !isAuditdLine(text.slice(0, 4096)))
    return skipped(
      path,
      `${name} skipped: not NDJSON, JSON or CSV`,
      'its name is not .ndjson, .jsonl, .json, .csv or .tsv and its text does not start as JSON (or a Zeek or Linux audit log) does: ' +
        'rename it (a CSV file .csv), or read it alone: import <file> --format csv|ndjson|json --out <folder>',
    );
  const large = await formatOfLargeFile(path);
  if (large === 'ndjson') return importNdjson(`./${name}`, path);
  const read = await readText(path);
  return importText(`./${name}`, path, read, guessFileFormat(name, read.text), options);
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
async function importCertFolder(folder: string, names: readonly string[]): Promise<FileResult> {
  const certImport = new CertImport(undefined, folder);
  const notes: Diagnostic[] = [];
  const after: Diagnostic[] = [];
  const note = (path: string, text: string | undefined) => {
    if (text !== undefined) notes.push(importError(path, 1, text, { severity: 'warning' }));
  };
  let read = 0;
  for (const name of names) {
    const path = join(folder, name);
    const use = certUseOf(name);
    if (use === 'ignored') continue;
    if (use === 'skipped') {
      for (const item of skipped(path, `${name} skipped: ${CERT_NOTE}`, CERT_SUGGESTION).errors)
        after.push(item);
      continue;
    }
    try {
      if (!CertImport.isActivityTable(name)) {
        const text = await readText(path);
        note(path, text.note);
        certImport.addFile({ name, text: text.text });
      } else {
        const [head, whole] = await headOf(path);
        const packed = compressionOf(head);
        if (packed !== undefined) throw new CompressedFileError(path, packed);
        const sniffed = sniffEncoding(head, whole);
        note(path, sniffed.note);
        const decoder = chunkDecoder(sniffed.encoding);
        const table = certImport.openTable(name)!;
        try {
          for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK }))
            table.push(decoder.decode(chunk as Buffer, { stream: true }));
          table.push(decoder.decode());
        } finally {
          table.end();
        }
      }
      read++;
    } catch (error) {
      for (const item of (await unreadable(path, error)).errors) after.push(item);
    }
  }
  const result = certImport.finish();
  result.errors.unshift(...notes);
  for (const item of after) result.errors.push(item);
  return read === 0 ? { ...result, skipped: true } : { ...result, source: folder };
}

/** Why a file in a CERT folder is not read: the files a CERT release has. */
const CERT_NOTE =
  'a CERT folder is read for its activity logs (logon.csv, device.csv, file.csv, email.csv, http.csv), ' +
  'LDAP/*.csv, psychometric.csv and answers/ only';
const CERT_SUGGESTION = 'move it to a folder of its own and read that';

/**
 * What the CERT reader does with a file of its folder: reads it, or not (a file the answer key's
 * folder holds beside its tables, such as a readme, is left alone without a word).
 */
function certUseOf(name: string): 'read' | 'skipped' | 'ignored' {
  const lower = name.toLowerCase();
  const textual = lower.endsWith('.csv') || lower.endsWith('.txt');
  if (isAnswerFile(name)) return textual ? 'read' : 'ignored';
  if (CertImport.isActivityTable(name)) return 'read';
  const parts = lower.split('/');
  if (parts.length >= 2 && parts[parts.length - 2] === 'ldap' && lower.endsWith('.csv')) return 'read';
  if (parts[parts.length - 1] === 'psychometric.csv') return 'read';
  return 'skipped';
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
    // A bundle's or a CERT release's manifest (the files skipped beside it have none).
    if (merged.manifest === undefined && r.manifest !== undefined) merged.manifest = r.manifest;
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
 * One warning when no event has an `@timestamp` (a Splunk export's `_time`, CloudTrail's
 * `eventTime`): events are still read, but nothing can place them in time.
 */
function untimedWarning(events: readonly EngineEvent[], sources: readonly string[], path: string) {
  if (events.length === 0) return undefined;
  if (events.some((e) => e['@timestamp'] !== undefined && e['@timestamp'] !== null && e['@timestamp'] !== ''))
    return undefined;
  const shown =
    sources.slice(0, 5).join(', ') + (sources.length > 5 ? ` and ${sources.length - 5} more` : '');
  return importError(
    sources.length === 1 ? sources[0]! : path,
    1,
    `no event has an @timestamp (${events.length} events${sources.length > 1 ? ` from ${shown}` : ''}): ` +
      'correlations, baselines and time-based rules (off hours, bursts) cannot work on them',
    {
      severity: 'warning',
      path: '@timestamp',
      suggestion:
        "give each event an @timestamp: name the log's time field @timestamp, or map it (CSV: --mapping, docs/importers.md)",
    },
  );
}

/** Whether reading the data gave no event at all and errors: nothing could be evaluated. */
export function nothingRead({ events, errors }: LoadedDataset): boolean {
  return events.length === 0 && errors.some((d) => d.severity === 'error');
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
  const untimed = untimedWarning(events, result.sources, path);
  if (untimed) result.errors.push(untimed);
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
