// Microsoft 365 unified audit log records: the Management Activity API's JSON (objects with
// `CreationTime`, `Id`, `Operation`, `UserId`, `Workload`, `ClientIP`, …), and the rows of a
// Purview "Export results" CSV once their `AuditData` cell is read (`auditDataFields`). The
// record's own names stay; the ECS fields our rules read are added.
import type { EngineEvent } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { addressWithoutPort } from './ip-address.ts';

/** `ResultStatus` words (they differ by workload); other values (`PartiallySucceeded`) say no outcome. */
const OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = {
  Succeeded: 'success',
  Success: 'success',
  Failed: 'failure',
  Failure: 'failure',
};

/** A record of the API, or a CSV row whose `AuditData` could not be read (its columns only). */
function recognises(event: EngineEvent): boolean {
  if (typeof event.CreationTime === 'string' && typeof event.Operation === 'string')
    return event.Workload !== undefined || event.RecordType !== undefined;
  // The export's columns: CreationDate, UserIds, Operations (older), or UserId, Operation (newer).
  return (
    typeof event.CreationDate === 'string' &&
    (typeof event.Operations === 'string' || typeof event.Operation === 'string') &&
    (typeof event.UserIds === 'string' || typeof event.UserId === 'string')
  );
}

export const M365_AUDIT: AuditLogFormat = {
  name: 'Microsoft 365 audit records',
  recognises,
  fields: (event) => {
    const client = textOf(event, 'ClientIP') ?? textOf(event, 'ClientIPAddress');
    const status = textOf(event, 'ResultStatus');
    return {
      // UTC, written without a zone: the time reader reads such text as UTC.
      '@timestamp': textOf(event, 'CreationTime') ?? textOf(event, 'CreationDate'),
      'event.id': textOf(event, 'Id') ?? textOf(event, 'RecordId'),
      'event.action': textOf(event, 'Operation') ?? textOf(event, 'Operations'),
      'event.outcome': status === undefined ? undefined : OUTCOMES[status],
      'user.name': textOf(event, 'UserId') ?? textOf(event, 'UserIds'),
      'source.ip': client === undefined ? undefined : addressWithoutPort(client),
      'user_agent.original': textOf(event, 'UserAgent'),
    };
  },
};
