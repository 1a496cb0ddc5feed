import type { EngineEvent } from '../../types.ts';
import { actionOf, baseEvent, flagOf } from './activity-event.ts';
import type { CertRow } from './columns.ts';

export const ACTIONS = {
  'file open': 'read',
  'file write': 'write',
  'file copy': 'copy',
  'file delete': 'delete',
};

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * file.csv. In r4.2 every row is a copy to removable media (the release's readme says so and the
 * table has no activity column); r5/r6 name the activity and flag each direction.
 */
export function fileEvent(row: CertRow): EngineEvent | Error {
  const event = baseEvent(row, 'file');
  if (event instanceof Error) return event;
  const r42 = !row.has('activity');
  const action = actionOf(row.get('activity'), ACTIONS, r42 ? 'copy' : undefined);
  if (action instanceof Error) return action;
  event['event.action'] = action;
  const path = (row.get('filename') ?? '').trim();
  if (path === '') return new Error('the row has no filename');
  const name = baseName(path);
  event['file.path'] = path;
  event['file.name'] = name;
  const dot = name.lastIndexOf('.');
  if (dot > 0) event['file.extension'] = name.slice(dot + 1).toLowerCase();
  const toRemovable = r42 ? true : flagOf(row.get('to_removable_media'), 'to_removable_media');
  if (toRemovable instanceof Error) return toRemovable;
  const fromRemovable = r42 ? false : flagOf(row.get('from_removable_media'), 'from_removable_media');
  if (fromRemovable instanceof Error) return fromRemovable;
  event['file.to_removable_media'] = toRemovable;
  event['file.from_removable_media'] = fromRemovable;
  // One field a DLP rule can test for "removable media involved", whichever the direction.
  if (toRemovable || fromRemovable) event['device.type'] = 'usb';
  const content = row.get('content');
  if (content !== undefined && content !== '') event['content'] = content;
  return event;
}
