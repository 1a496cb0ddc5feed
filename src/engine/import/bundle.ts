// The dataset bundle (docs/data-model.md): a folder of dataset.json, events.ndjson,
// directory.json, resources.json, entitlements.json — or one JSON file holding the same keys.
import type {
  CatalogResource,
  DatasetManifest,
  Diagnostic,
  DirectoryUser,
  Entitlement,
  ScenarioTruth,
} from '../types.ts';
import { importError, lineAndColumn } from './diagnostic.ts';
import { isEventObject } from './flatten.ts';
import { eventsFromList, parseJsonEvents, parseJsonText } from './json.ts';
import { listElementOffsets, topLevelKeyListOffset } from './json-offsets.ts';
import { parseNdjson } from './ndjson.ts';
import { emptyImportResult, type ImportFile, type ImportResult } from './types.ts';

export const BUNDLE_FILES = {
  manifest: 'dataset.json',
  events: 'events.ndjson',
  eventsJson: 'events.json',
  directory: 'directory.json',
  resources: 'resources.json',
  entitlements: 'entitlements.json',
} as const;

/** Whether a folder listing looks like a bundle (any of its well-known files is present). */
export function isBundleListing(names: readonly string[]): boolean {
  const known = new Set<string>(Object.values(BUNDLE_FILES));
  return names.some((name) => known.has(name));
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Where a table's list sits in its file's text (for the line of each entry), when known. */
interface TableText {
  text: string;
  /** Offset of the list's `[`. */
  listOffset: number;
}

/** What each table needs of an entry beyond its key field; a problem names the field. */
type EntryProblem = { field: string; message: string } | undefined;

const ENTRY_CHECKS: Readonly<Record<string, (row: Record<string, unknown>) => EntryProblem>> = {
  user: (row) => {
    // `actions: "read"` is one action written without its list.
    if (typeof row.actions === 'string') row.actions = [row.actions];
    if (!Array.isArray(row.actions) || !row.actions.every((action) => typeof action === 'string'))
      return { field: 'actions', message: '"actions" must be a list of actions, e.g. ["read"]' };
    if (typeof row.resource !== 'string')
      return { field: 'resource', message: 'has no "resource" text (the resource id it grants)' };
    return undefined;
  },
};

/**
 * The tables of a bundle other than events: each must be a list of objects with its key field
 * (`name`, `id`, `user`). An entry that cannot be used is left out with a warning naming its
 * number (from 1), line and field; a directory name listed twice (names are compared without case,
 * as events are joined) keeps its first entry, so every report sees one identity.
 */
function tableOf<T>(value: unknown, file: string, key: string, errors: Diagnostic[], where?: TableText): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(importError(file, 1, `expected a list, found ${typeof value}`, { path: '' }));
    return [];
  }
  const offsets = where && where.listOffset >= 0 ? listElementOffsets(where.text, where.listOffset) : [];
  const lineOf = (index: number) =>
    where && offsets[index] !== undefined
      ? lineAndColumn(where.text, offsets[index]!)
      : { line: 1, column: 1 };
  const warn = (index: number, message: string, field: string) => {
    const at = lineOf(index);
    errors.push(
      importError(file, at.line, `entry ${index + 1} ${message}`, {
        column: at.column,
        path: `[${index}]${field ? `.${field}` : ''}`,
        severity: 'warning',
      }),
    );
  };
  const rows: T[] = [];
  const seen = new Map<string, number>();
  value.forEach((row, index) => {
    if (!isEventObject(row) || typeof row[key] !== 'string') {
      warn(index, `has no "${key}" text`, key);
      return;
    }
    const problem = ENTRY_CHECKS[key]?.(row);
    if (problem) {
      warn(index, `${problem.message}: left out`, problem.field);
      return;
    }
    if (key === 'name') {
      const folded = (row[key] as string).toLowerCase();
      const first = seen.get(folded);
      if (first !== undefined) {
        warn(
          index,
          `names "${row[key] as string}", already entry ${first + 1}: names are compared without case, so the first is kept`,
          key,
        );
        return;
      }
      seen.set(folded, index);
    }
    rows.push(row as T);
  });
  return rows;
}

function manifestOf(
  value: unknown,
  file: string,
  errors: Diagnostic[],
): Partial<DatasetManifest> & {
  scenarios?: ScenarioTruth[];
} {
  if (value === undefined) return {};
  if (!isEventObject(value)) {
    errors.push(importError(file, 1, 'the manifest must be a JSON object'));
    return {};
  }
  const manifest: Partial<DatasetManifest> & { scenarios?: ScenarioTruth[] } = {};
  if (typeof value.id === 'string') manifest.id = value.id;
  if (typeof value.title === 'string') manifest.title = value.title;
  if (typeof value.description === 'string') manifest.description = value.description;
  if (
    isEventObject(value.period) &&
    typeof value.period.start === 'string' &&
    typeof value.period.end === 'string'
  ) {
    manifest.period = { start: value.period.start, end: value.period.end };
  }
  if (isEventObject(value.generator)) manifest.generator = value.generator;
  if (Array.isArray(value.scenarios)) manifest.scenarios = value.scenarios as ScenarioTruth[];
  return manifest;
}

function finish(
  result: ImportResult,
  manifest: Partial<DatasetManifest> & { scenarios?: ScenarioTruth[] },
): ImportResult {
  const { scenarios, ...rest } = manifest;
  result.scenarios = scenarios ?? [];
  result.manifest = rest;
  return result;
}

/** A bundle folder's files (only the names matter, not their directory). */
export function parseBundleFiles(files: readonly ImportFile[]): ImportResult {
  const result = emptyImportResult();
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const json = (name: string): unknown => {
    const file = byName.get(name);
    if (!file) return undefined;
    const parsed = parseJsonText(file.text, file.name);
    if (parsed.error) result.errors.push(parsed.error);
    return parsed.value;
  };
  const manifestFile = byName.get(BUNDLE_FILES.manifest);
  const manifest = manifestOf(
    json(BUNDLE_FILES.manifest),
    manifestFile?.name ?? BUNDLE_FILES.manifest,
    result.errors,
  );

  const ndjson = byName.get(BUNDLE_FILES.events);
  const jsonEvents = byName.get(BUNDLE_FILES.eventsJson);
  const events = ndjson
    ? parseNdjson(ndjson.text, ndjson.name)
    : jsonEvents
      ? parseJsonEvents(jsonEvents.text, jsonEvents.name)
      : { events: [], errors: [] };
  result.events = events.events;
  for (const item of events.errors) result.errors.push(item);

  const table = <T>(name: string, key: string): T[] => {
    const file = byName.get(name);
    const text = file?.text ?? '';
    return tableOf<T>(json(name), file?.name ?? name, key, result.errors, {
      text,
      listOffset: text.indexOf('['),
    });
  };
  result.directory = table<DirectoryUser>(BUNDLE_FILES.directory, 'name');
  result.resources = table<CatalogResource>(BUNDLE_FILES.resources, 'id');
  result.entitlements = table<Entitlement>(BUNDLE_FILES.entitlements, 'user');
  return finish(result, manifest);
}

/** Whether a parsed JSON value is the single-file bundle form rather than a bare event list. */
export function isBundleObject(value: unknown): value is Record<string, unknown> {
  return (
    isEventObject(value) &&
    Array.isArray(value.events) &&
    ('dataset' in value || 'directory' in value || 'resources' in value || 'entitlements' in value)
  );
}

/** The single-file form: `{ "dataset": {…}, "events": [...], "directory": [...], … }`. */
export function parseBundleObject(text: string, file: string): ImportResult {
  const result = emptyImportResult();
  const parsed = parseJsonText(text, file);
  if (parsed.error) {
    result.errors.push(parsed.error);
    return result;
  }
  const value = parsed.value;
  if (!isEventObject(value)) {
    result.errors.push(importError(file, 1, 'a dataset file must be a JSON object or a list of events'));
    return result;
  }
  const manifest = manifestOf(value.dataset, file, result.errors);
  if (Array.isArray(value.events)) {
    const events = eventsFromList(value.events, text, topLevelKeyListOffset(text, 'events'), file, 'events');
    result.events = events.events;
    for (const item of events.errors) result.errors.push(item);
  }
  const at = (key: string): TableText => ({ text, listOffset: topLevelKeyListOffset(text, key) });
  result.directory = tableOf<DirectoryUser>(value.directory, file, 'name', result.errors, at('directory'));
  result.resources = tableOf<CatalogResource>(value.resources, file, 'id', result.errors, at('resources'));
  result.entitlements = tableOf<Entitlement>(
    value.entitlements,
    file,
    'user',
    result.errors,
    at('entitlements'),
  );
  return finish(result, manifest);
}
