import type { EngineEvent, EventValue } from '../../types.ts';

/**
 * A cloud audit log whose records keep their vendor's field names (which SigmaHQ's rules for it
 * read) and are given the ECS fields our rules read.
 */
export interface AuditLogFormat {
  /** As a note names the records: "AWS CloudTrail records". */
  name: string;
  recognises(event: EngineEvent): boolean;
  /**
   * A field holding the whole record as JSON text (`aws cloudtrail lookup-events` puts the
   * CloudTrail record in `CloudTrailEvent`): read into the event under the record's own names, and
   * dropped once read, before `fields` is asked.
   */
  embeddedRecord?: string;
  /** Every field the format gives, from the record's own; undefined where the record has no value. */
  fields(event: EngineEvent): Record<string, EventValue | undefined>;
}

/** A field's value when it is non-empty text. */
export function textOf(event: EngineEvent, field: string): string | undefined {
  const value = event[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first non-empty text of a field that holds a list (a projected list of objects) or one value. */
export function firstTextOf(event: EngineEvent, field: string): string | undefined {
  const value = event[field];
  const values = Array.isArray(value) ? value : [value];
  return values.find((one): one is string => typeof one === 'string' && one !== '');
}
