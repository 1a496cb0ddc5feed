// The CERT insider-threat dataset layout (r4.2 and r5/r6 column sets) → events, a directory with
// employment periods and psychometric scores, and ground truth from the answer files.
import type { Diagnostic, DirectoryUser, EngineEvent, ScenarioTruth } from '../../types.ts';
import { importError } from '../diagnostic.ts';
import { sortByTimestamp } from '../order.ts';
import { emptyImportResult, type ImportFile, type ImportProgress, type ImportResult } from '../types.ts';
import { activityTableOf, CATEGORY_OF_TABLE } from './activity-tables.ts';
import { answerKey, isAnswerFile, parseAnswers } from './answers.ts';
import type { CertRelease } from './columns.ts';
import { domainOf, markExternalRecipients, markMailToSelf, surnamesOf } from './email.ts';
import { directoryFromLdap, parseLdapMonth, type LdapSnapshot } from './ldap.ts';
import { parsePsychometric } from './psychometric.ts';
import { certScenarioTruth } from './scenarios.ts';
import { ActivityTableReader } from './table-reader.ts';

function normalisePath(name: string): string {
  return name.split('\\').join('/');
}

function isLdapFile(path: string): boolean {
  const parts = path.toLowerCase().split('/');
  return parts.length >= 2 && parts[parts.length - 2] === 'ldap' && path.toLowerCase().endsWith('.csv');
}

/** The organisation's mail domains: those of the directory, else the commonest sender domain. */
function organisationDomains(
  directory: readonly DirectoryUser[],
  events: readonly EngineEvent[],
): Set<string> {
  const fromDirectory = new Set(
    directory
      .map((u) => (typeof u.email === 'string' ? domainOf(u.email) : undefined))
      .filter((d): d is string => !!d),
  );
  if (fromDirectory.size > 0) return fromDirectory;
  const counts = new Map<string, number>();
  for (const event of events) {
    const from = event['email.from'];
    const domain = typeof from === 'string' ? domainOf(from) : undefined;
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return new Set(top ? [top[0]] : []);
}

/**
 * One CERT folder being imported. Small files (LDAP, psychometric, answers) come whole through
 * `addFile`; the activity logs, which run to gigabytes, may instead come in chunks through
 * `openTable` so no file is ever held as one string. `finish` builds the result.
 */
export class CertImport {
  private readonly result = emptyImportResult();
  private readonly snapshots: LdapSnapshot[] = [];
  private readonly answerFiles: ImportFile[] = [];
  private readonly releases = new Set<CertRelease>();
  private readonly readers: ActivityTableReader[] = [];
  private psychometric: ReturnType<typeof parsePsychometric> | undefined;
  private rows = 0;
  private readonly countRow: (() => void) | undefined;

  /**
   * `folder`: the path the folder was read from; diagnostics then name each file by its path
   * (`data/r6/logon.csv`), as other importers' do, not by its name inside the folder.
   */
  constructor(
    private readonly onProgress?: ImportProgress,
    private readonly folder?: string,
  ) {
    this.countRow = onProgress
      ? () => {
          if (++this.rows % 10_000 === 0) onProgress(this.rows);
        }
      : undefined;
  }

  /** Whether a file, by its path inside the folder, is one of the activity logs. */
  static isActivityTable(name: string): boolean {
    const path = normalisePath(name);
    return !isAnswerFile(path) && !isLdapFile(path) && activityTableOf(path) !== undefined;
  }

  /** An activity log to be read in chunks: push its text, then end it. Undefined for other files. */
  openTable(name: string): { push(chunk: string): void; end(): void } | undefined {
    const path = normalisePath(name);
    const kind = CertImport.isActivityTable(path) ? activityTableOf(path) : undefined;
    if (!kind) return undefined;
    const reader = new ActivityTableReader(kind, path, this.result.events, this.result.errors, this.countRow);
    this.readers.push(reader);
    return reader;
  }

  /** A whole file of the folder, whatever it is; files CERT does not have are ignored. */
  addFile(original: ImportFile): void {
    const name = normalisePath(original.name);
    const file = { name, text: original.text };
    const errors = this.result.errors;
    if (isAnswerFile(name)) this.answerFiles.push(file);
    else if (isLdapFile(name)) {
      const month = parseLdapMonth(name, file.text);
      for (const item of month.errors) errors.push(item);
      if (month.snapshot) this.snapshots.push(month.snapshot);
    } else if ((name.split('/').pop() ?? '').toLowerCase() === 'psychometric.csv') {
      this.psychometric = parsePsychometric(name, file.text);
      for (const item of this.psychometric.errors) errors.push(item);
    } else {
      const table = this.openTable(name);
      if (!table) return;
      table.push(file.text);
      table.end();
    }
  }

  finish(): ImportResult {
    const { result } = this;
    const errors = result.errors;
    for (const reader of this.readers)
      if (reader.release && reader.kind !== 'logon') this.releases.add(reader.release);
    result.directory = directoryFromLdap(this.snapshots, errors);
    if (this.psychometric) {
      const byName = new Map(result.directory.map((u) => [u.name, u]));
      for (const [user, scores] of this.psychometric.scores) {
        let entry = byName.get(user);
        if (!entry) {
          entry = { name: user };
          byName.set(user, entry);
          result.directory.push(entry);
        }
        entry.hr = { ...entry.hr, psychometric: scores };
      }
    }

    const organisation = organisationDomains(result.directory, result.events);
    for (const event of result.events)
      if (event['event.category'] === 'email') markExternalRecipients(event, organisation);
    markMailToSelf(result.events, organisation, surnamesOf(result.directory));

    if (this.answerFiles.length > 0) result.scenarios = applyAnswers(this.answerFiles, result.events, errors);

    sortByTimestamp(result.events);
    const columnSets = [...this.releases].sort().join(' and ');
    result.manifest = {
      description: `CERT insider-threat dataset${columnSets ? ` (${columnSets} column set)` : ''}`,
    };
    if (this.folder !== undefined) {
      const prefix = /[\\/]$/.test(this.folder) ? this.folder : `${this.folder}/`;
      for (const error of errors) error.file = `${prefix}${error.file}`;
    }
    this.onProgress?.(this.rows, this.rows);
    return result;
  }
}

/** Imports the files of one CERT folder, named by their path inside it (`LDAP/2010-01.csv`). */
export function importCert(
  files: readonly ImportFile[],
  onProgress?: ImportProgress,
  folder?: string,
): ImportResult {
  const certImport = new CertImport(onProgress, folder);
  for (const file of files) certImport.addFile(file);
  return certImport.finish();
}

const TABLE_OF_CATEGORY = new Map(
  Object.entries(CATEGORY_OF_TABLE).map(([table, category]) => [category, table]),
);

/** Labels the listed events with `labels.scenario`/`labels.step`; returns the scenarios that occur. */
function applyAnswers(
  files: readonly ImportFile[],
  events: EngineEvent[],
  errors: Diagnostic[],
): ScenarioTruth[] {
  const key = parseAnswers(files);
  for (const item of key.errors) errors.push(item);
  const found = new Map<string, number>();
  const unmatched = new Map<string, number>();
  const seen = new Set<string>();
  for (const event of events) {
    const id = event['event.id'];
    const table = TABLE_OF_CATEGORY.get(event['event.category'] as string);
    const labelKey = typeof id === 'string' && table ? answerKey(table, id) : undefined;
    const label = labelKey === undefined ? undefined : key.labels.get(labelKey);
    if (!label) continue;
    event['labels.scenario'] = label.scenario;
    event['labels.step'] = label.step;
    seen.add(labelKey!);
    found.set(label.scenario, label.number);
  }
  for (const [id, label] of key.labels) {
    if (!seen.has(id) && found.has(label.scenario))
      unmatched.set(label.file, (unmatched.get(label.file) ?? 0) + 1);
  }
  for (const [file, count] of unmatched) {
    errors.push(
      importError(
        file,
        1,
        `${count} answer row${count > 1 ? 's' : ''} name events that are not in the activity logs`,
        {
          severity: 'warning',
        },
      ),
    );
  }
  return [...found]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([id, number]) => certScenarioTruth(id, number));
}
