// The CERT insider-threat dataset layout (r4.2 and r5/r6 column sets) → events, a directory with
// employment periods and psychometric scores, and ground truth from the answer files.
import type { Diagnostic, DirectoryUser, EngineEvent, ScenarioTruth } from '../../types.ts';
import { importError } from '../diagnostic.ts';
import { sortByTimestamp } from '../order.ts';
import { emptyImportResult, type ImportFile, type ImportProgress, type ImportResult } from '../types.ts';
import { ACTIVITY_TABLES, activityTableOf } from './activity-tables.ts';
import { isAnswerFile, parseAnswers } from './answers.ts';
import {
  CERT_COLUMNS,
  CertRow,
  columnIndex,
  columnsByCount,
  isHeaderRow,
  releaseOf,
  REQUIRED_COLUMNS,
  type CertRelease,
  type CertTableKind,
} from './columns.ts';
import { domainOf, markExternalRecipients } from './email.ts';
import { directoryFromLdap, parseLdapMonth, type LdapSnapshot } from './ldap.ts';
import { parsePsychometric } from './psychometric.ts';
import { readCertCsv } from './read-csv.ts';
import { certScenarioTruth } from './scenarios.ts';

function normalisePath(name: string): string {
  return name.split('\\').join('/');
}

function isLdapFile(path: string): boolean {
  const parts = path.toLowerCase().split('/');
  return parts.length >= 2 && parts[parts.length - 2] === 'ldap' && path.toLowerCase().endsWith('.csv');
}

/** One activity log → events. Returns the release its header shows (undefined for no header). */
export function readActivityTable(
  kind: CertTableKind,
  file: string,
  text: string,
  events: EngineEvent[],
  errors: Diagnostic[],
  onRow?: () => void,
): CertRelease | undefined {
  const mapRow = ACTIVITY_TABLES[kind];
  let index: Map<string, number> | undefined;
  let release: CertRelease | undefined;
  let usable = true;
  errors.push(
    ...readCertCsv(text, file, (cells, line) => {
      if (!usable) return;
      if (!index) {
        if (isHeaderRow(cells)) {
          const header = cells.map((c) => c.trim().toLowerCase());
          index = columnIndex(header);
          release = releaseOf(kind, header);
          const missing = REQUIRED_COLUMNS[kind].filter((c) => !index!.has(c));
          if (missing.length > 0) {
            usable = false;
            errors.push(
              importError(
                file,
                line,
                `${kind}.csv lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
                {
                  suggestion: `CERT ${kind}.csv starts with ${CERT_COLUMNS[kind]['r4.2'].join(',')} (r4.2) or ${CERT_COLUMNS[kind]['r5/r6'].join(',')} (r5/r6)`,
                },
              ),
            );
          }
          return;
        }
        // No header: take the release whose column count fits the first row.
        const columns = columnsByCount(kind, cells.length);
        if (!columns) {
          usable = false;
          errors.push(
            importError(
              file,
              line,
              `${kind}.csv has no header and ${cells.length} columns, which fits no CERT release`,
              {
                suggestion: `add the header line ${CERT_COLUMNS[kind]['r4.2'].join(',')}`,
              },
            ),
          );
          return;
        }
        index = columnIndex(columns);
        errors.push(
          importError(file, line, `${kind}.csv has no header; read as ${columns.join(',')}`, {
            severity: 'warning',
          }),
        );
      }
      onRow?.();
      // Only a trailing `content` may hold stray commas (CERT does not quote it); see CertRow.
      const spillable = index.get('content') === index.size - 1;
      if (cells.length < index.size || (cells.length > index.size && !spillable)) {
        errors.push(importError(file, line, `row has ${cells.length} cells, the header has ${index.size}`));
        return;
      }
      const event = mapRow(new CertRow(index, cells, file, line));
      if (event instanceof Error) {
        errors.push(importError(file, line, event.message));
        return;
      }
      events.push(event);
    }),
  );
  return release;
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

/** Imports the files of one CERT folder, named by their path inside it (`LDAP/2010-01.csv`). */
export function importCert(files: readonly ImportFile[], onProgress?: ImportProgress): ImportResult {
  const result = emptyImportResult();
  const errors = result.errors;
  const snapshots: LdapSnapshot[] = [];
  const answerFiles: ImportFile[] = [];
  const releases = new Set<CertRelease>();
  let rows = 0;
  const countRow = onProgress
    ? () => {
        if (++rows % 10_000 === 0) onProgress(rows);
      }
    : undefined;
  let psychometric: ReturnType<typeof parsePsychometric> | undefined;

  for (const original of files) {
    const name = normalisePath(original.name);
    const file = { name, text: original.text };
    if (isAnswerFile(name)) answerFiles.push(file);
    else if (isLdapFile(name)) {
      const month = parseLdapMonth(name, file.text);
      errors.push(...month.errors);
      if (month.snapshot) snapshots.push(month.snapshot);
    } else if ((name.split('/').pop() ?? '').toLowerCase() === 'psychometric.csv') {
      psychometric = parsePsychometric(name, file.text);
      errors.push(...psychometric.errors);
    } else {
      const kind = activityTableOf(name);
      if (!kind) continue;
      const release = readActivityTable(kind, name, file.text, result.events, errors, countRow);
      if (release && kind !== 'logon') releases.add(release);
    }
  }

  result.directory = directoryFromLdap(snapshots);
  if (psychometric) {
    const byName = new Map(result.directory.map((u) => [u.name, u]));
    for (const [user, scores] of psychometric.scores) {
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

  if (answerFiles.length > 0) result.scenarios = applyAnswers(answerFiles, result.events, errors);

  sortByTimestamp(result.events);
  const columnSets = [...releases].sort().join(' and ');
  result.manifest = {
    description: `CERT insider-threat dataset${columnSets ? ` (${columnSets} column set)` : ''}`,
  };
  onProgress?.(rows, rows);
  return result;
}

/** Labels the listed events with `labels.scenario`/`labels.step`; returns the scenarios that occur. */
function applyAnswers(
  files: readonly ImportFile[],
  events: EngineEvent[],
  errors: Diagnostic[],
): ScenarioTruth[] {
  const key = parseAnswers(files);
  errors.push(...key.errors);
  const found = new Map<string, number>();
  const unmatched = new Map<string, number>();
  const seen = new Set<string>();
  for (const event of events) {
    const id = event['event.id'];
    const label = typeof id === 'string' ? key.labels.get(id) : undefined;
    if (!label) continue;
    event['labels.scenario'] = label.scenario;
    event['labels.step'] = label.step;
    seen.add(id as string);
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
