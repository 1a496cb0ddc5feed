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
import { isCalendarDate } from '../access/dates.ts';
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

/** A field of a kept entry that cannot be used: the entry stays, the field is treated as absent. */
type FieldWarning = (field: string, message: string) => void;

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

/** How a JSON value is named in a message (`"soon"`, `2026`, `an object`). */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * A date field (`granted`, `employment.end`, …) that is not an ISO date, or names a day that does
 * not exist (`2026-02-30`: `Date.parse` would roll it over to 2 March), is removed with a warning:
 * every review then treats the date as unknown rather than as a wrong one. `null` is "no date".
 */
function checkDate(holder: Record<string, unknown>, key: string, field: string, warn: FieldWarning): void {
  const value = holder[key];
  if (value === undefined || value === null || isCalendarDate(value)) return;
  warn(
    field,
    `${field} ${shown(value)} is not a valid date (YYYY-MM-DD, e.g. 2026-02-28): treated as absent`,
  );
  delete holder[key];
}

/** A field that must be text (`role`, `department`, `source`, …); anything else is removed. */
function checkText(holder: Record<string, unknown>, key: string, field: string, warn: FieldWarning): void {
  const value = holder[key];
  if (value === undefined || value === null || typeof value === 'string') return;
  warn(field, `${field} must be text, found ${shown(value)}: ignored`);
  delete holder[key];
}

const DIRECTORY_TEXT = ['full_name', 'email', 'department', 'role', 'manager', 'location'] as const;
const HR_DATES = ['resignation_date', 'termination_date'] as const;
const HR_FLAGS = ['performance_plan', 'conflict_report', 'financial_stress', 'anonymous_complaint'] as const;

const FIELD_CHECKS: Readonly<Record<string, (row: Record<string, unknown>, warn: FieldWarning) => void>> = {
  name: (row, warn) => {
    for (const key of DIRECTORY_TEXT) checkText(row, key, key, warn);
    if (typeof row.groups === 'string') {
      // `groups: "admins"` is one group written without its list.
      warn('groups', `groups ${shown(row.groups)} is not a list: read as [${shown(row.groups)}]`);
      row.groups = [row.groups];
    } else if (Array.isArray(row.groups)) {
      const groups = row.groups as unknown[];
      if (!groups.every((group) => typeof group === 'string')) {
        warn('groups', 'groups must be a list of group names: entries that are not text are ignored');
        row.groups = groups.filter((group) => typeof group === 'string');
      }
    } else if (row.groups !== undefined && row.groups !== null) {
      warn('groups', `groups must be a list of group names, found ${shown(row.groups)}: ignored`);
      delete row.groups;
    }
    for (const [key, dates] of [
      ['employment', ['start', 'end']],
      ['hr', HR_DATES],
    ] as const) {
      const holder = row[key];
      if (holder === undefined || holder === null) continue;
      if (!isEventObject(holder)) {
        warn(key, `${key} must be an object, found ${shown(holder)}: ignored`);
        delete row[key];
        continue;
      }
      for (const date of dates) checkDate(holder, date, `${key}.${date}`, warn);
    }
    if (isEventObject(row.hr)) {
      const hr = row.hr;
      for (const flag of HR_FLAGS) {
        if (hr[flag] === undefined || hr[flag] === null || typeof hr[flag] === 'boolean') continue;
        warn(`hr.${flag}`, `hr.${flag} must be true or false, found ${shown(hr[flag])}: ignored`);
        delete hr[flag];
      }
    }
  },
  user: (row, warn) => {
    checkText(row, 'source', 'source', warn);
    checkDate(row, 'granted', 'granted', warn);
    checkDate(row, 'expires', 'expires', warn);
  },
};

/** What makes two grants the same: user (without case, as events are joined), resource, actions, source. */
function grantKey(row: Record<string, unknown>): string {
  const actions = [...new Set(row.actions as string[])].sort();
  return JSON.stringify([(row.user as string).toLowerCase(), row.resource, actions, row.source ?? null]);
}

const TABLE_NAMES: Readonly<Record<string, string>> = {
  name: 'directory entries',
  id: 'resources',
  user: 'grants',
};

/**
 * The tables of a bundle other than events: each must be a list of objects with its key field
 * (`name`, `id`, `user`). An entry that cannot be used is left out with a warning naming its
 * number (from 1), line and field; a field of a kept entry that cannot be used (a date that is
 * not one, `groups` that is not a list) is treated as absent, with a warning. A directory name
 * listed twice (names are compared without case, as events are joined) keeps its first entry, so
 * every report sees one identity; a grant repeated (same user, resource, actions and source) is
 * kept once, with one warning, so no finding is counted twice.
 */
function tableOf<T>(value: unknown, file: string, key: string, errors: Diagnostic[], where?: TableText): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(
      importError(
        file,
        1,
        `expected a list of ${TABLE_NAMES[key] ?? 'entries'} ([{…}, …]), found ${shown(value)}: ` +
          `the whole file is ignored`,
        { path: '' },
      ),
    );
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
  const repeated: { index: number; first: number }[] = [];
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
    FIELD_CHECKS[key]?.(row, (field, message) => warn(index, message, field));
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
    if (key === 'user') {
      const grant = grantKey(row);
      const first = seen.get(grant);
      if (first !== undefined) {
        repeated.push({ index, first });
        return;
      }
      seen.set(grant, index);
    }
    rows.push(row as T);
  });
  const firstRepeat = repeated[0];
  if (firstRepeat) {
    warn(
      firstRepeat.index,
      `repeats entry ${firstRepeat.first + 1} (same user, resource, actions and source)` +
        (repeated.length > 1 ? `, and ${repeated.length - 1} more grant(s) repeat earlier ones` : '') +
        `: each grant is counted once`,
      'user',
    );
  }
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
