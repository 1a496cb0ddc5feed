import type { EngineEvent } from '../../types.ts';
import { actionOf, baseEvent, splitList } from './activity-event.ts';
import type { CertRow } from './columns.ts';

export const ACTIONS = { connect: 'connect', disconnect: 'disconnect' };

/** device.csv: a thumb drive connected or disconnected; r5/r6 add the drive's folder list. */
export function deviceEvent(row: CertRow): EngineEvent | Error {
  const event = baseEvent(row, 'device');
  if (event instanceof Error) return event;
  const action = actionOf(row.get('activity'), ACTIONS, undefined);
  if (action instanceof Error) return action;
  event['event.action'] = action;
  event['device.type'] = 'usb';
  if (row.has('file_tree')) event['device.file_tree'] = splitList(row.get('file_tree'));
  return event;
}
