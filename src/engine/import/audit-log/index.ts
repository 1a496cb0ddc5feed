// Cloud audit logs read by the JSON, NDJSON and CSV importers, registered in one table: a record
// one of them recognises keeps its own fields and is given the ECS fields it lacks.
import { flattenRecord } from '../../event/flatten.ts';
import type { Diagnostic, EngineEvent } from '../../types.ts';
import { importError, jsonErrorMessage } from '../diagnostic.ts';
import { CLOUDTRAIL } from './cloudtrail.ts';
import { CLOUDTRAIL_LOOKUP } from './cloudtrail-lookup.ts';
import { ENTRA_AUDIT } from './entra-audit.ts';
import { ENTRA_SIGN_IN } from './entra-sign-in.ts';
import { AZURE_RESOURCE_LOG } from './azure-resource-log.ts';
import type { AuditLogFormat } from './format.ts';
import { GITHUB_AUDIT } from './github.ts';
import { GOOGLE_WORKSPACE } from './google-workspace.ts';
import { M365_AUDIT } from './m365.ts';
import { OKTA_SYSTEM_LOG } from './okta.ts';
import { SURICATA_EVE } from './suricata.ts';
import { WINDOWS_EVENT } from './windows-event.ts';
import { ZEEK_LOG } from './zeek.ts';

/** Each recogniser is strict enough that no record is two formats' (checked by the tests). */
export const AUDIT_LOG_FORMATS: readonly AuditLogFormat[] = [
  CLOUDTRAIL,
  CLOUDTRAIL_LOOKUP,
  M365_AUDIT,
  ENTRA_SIGN_IN,
  ENTRA_AUDIT,
  AZURE_RESOURCE_LOG,
  OKTA_SYSTEM_LOG,
  GOOGLE_WORKSPACE,
  GITHUB_AUDIT,
  ZEEK_LOG,
  SURICATA_EVE,
  WINDOWS_EVENT,
];

/** One file's audit-log records: each given its ECS fields, each format said once per file. */
export class AuditLogFields {
  private readonly noted = new Set<AuditLogFormat>();

  constructor(private readonly file: string) {}

  /**
   * Adds to `event` (of line `line`) the fields its format gives that it lacks. Returns the note
   * of the file's first record of a format, and the error of a record held as text that does not read.
   */
  add(event: EngineEvent, line: number): Diagnostic[] {
    const format = AUDIT_LOG_FORMATS.find((candidate) => candidate.recognises(event));
    if (format === undefined) return [];
    const diagnostics: Diagnostic[] = [];
    if (format.embeddedRecord !== undefined) {
      const problem = this.readEmbedded(event, format.embeddedRecord, line);
      if (problem) diagnostics.push(problem);
    }
    const fields = format.fields(event);
    for (const [field, value] of Object.entries(fields))
      if (value !== undefined && event[field] === undefined) event[field] = value;
    if (this.noted.has(format)) return diagnostics;
    this.noted.add(format);
    const names = Object.keys(fields);
    const embedded =
      format.embeddedRecord === undefined
        ? ''
        : `; each one's "${format.embeddedRecord}" is read as its record`;
    diagnostics.unshift(
      importError(
        this.file,
        line,
        `read as ${format.name} (first at line ${line}${embedded}): each keeps its own fields and is given ${names.join(', ')} where it lacks them`,
        { path: names.join(', '), severity: 'warning' },
      ),
    );
    return diagnostics;
  }

  /**
   * Reads the record `event[field]` holds as JSON text into `event` under the record's own names
   * (a field the event has already keeps its value), and drops the text. Text that is no JSON
   * object is reported at the record's line, and the event is kept with the text as written.
   */
  private readEmbedded(event: EngineEvent, field: string, line: number): Diagnostic | undefined {
    const text = event[field] as string;
    let problem: string;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const record = flattenRecord(value as Record<string, unknown>);
        for (const [name, read] of Object.entries(record)) if (event[name] === undefined) event[name] = read;
        delete event[field];
        return undefined;
      }
      problem = 'is not a JSON object';
    } catch (error) {
      problem = `is not valid JSON (${jsonErrorMessage(error)})`;
    }
    return importError(
      this.file,
      line,
      `field "${field}" ${problem}: the event is kept with its other fields and this text as written`,
      { path: field },
    );
  }
}
