import type { EngineEvent, EventValue } from '../../types.ts';

/**
 * A cloud audit log whose records keep their vendor's field names (which SigmaHQ's rules for it
 * read) and are given the ECS fields our rules read.
 */
export interface AuditLogFormat {
  /** As a note names the records: "AWS CloudTrail records". */
  name: string;
  recognises(event: EngineEvent): boolean;
  /** Every field the format gives, from the record's own; undefined where the record has no value. */
  fields(event: EngineEvent): Record<string, EventValue | undefined>;
}

/** A field's value when it is non-empty text. */
export function textOf(event: EngineEvent, field: string): string | undefined {
  const value = event[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
