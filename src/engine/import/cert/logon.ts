import type { EngineEvent } from '../../types.ts';
import { actionOf, baseEvent } from './activity-event.ts';
import type { CertRow } from './columns.ts';

export const ACTIONS = { logon: 'logon', logoff: 'logoff' };

/** logon.csv: `Logon` (CERT also records screen unlocks as logons) / `Logoff`. */
export function logonEvent(row: CertRow): EngineEvent | Error {
  const event = baseEvent(row, 'authentication');
  if (event instanceof Error) return event;
  const action = actionOf(row.get('activity'), ACTIONS, undefined);
  if (action instanceof Error) return action;
  event['event.action'] = action;
  event['event.outcome'] = 'success';
  return event;
}
