// Cloud audit logs read by the JSON, NDJSON and CSV importers, registered in one table: a record
// one of them recognises keeps its own fields and is given the ECS fields it lacks.
import type { Diagnostic, EngineEvent } from '../../types.ts';
import { importError } from '../diagnostic.ts';
import { CLOUDTRAIL } from './cloudtrail.ts';
import type { AuditLogFormat } from './format.ts';
import { M365_AUDIT } from './m365.ts';

export const AUDIT_LOG_FORMATS: readonly AuditLogFormat[] = [CLOUDTRAIL, M365_AUDIT];

/** One file's audit-log records: each given its ECS fields, each format said once per file. */
export class AuditLogFields {
  private readonly noted = new Set<AuditLogFormat>();

  constructor(private readonly file: string) {}

  /** Adds to `event` (of line `line`) the fields its format gives that it lacks. */
  add(event: EngineEvent, line: number): Diagnostic | undefined {
    const format = AUDIT_LOG_FORMATS.find((candidate) => candidate.recognises(event));
    if (format === undefined) return undefined;
    const fields = format.fields(event);
    for (const [field, value] of Object.entries(fields))
      if (value !== undefined && event[field] === undefined) event[field] = value;
    if (this.noted.has(format)) return undefined;
    this.noted.add(format);
    const names = Object.keys(fields);
    return importError(
      this.file,
      line,
      `read as ${format.name} (first at line ${line}): each keeps its own fields and is given ${names.join(', ')} where it lacks them`,
      { path: names.join(', '), severity: 'warning' },
    );
  }
}
