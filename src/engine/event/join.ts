// Joins the directory (as `user.*`) and the resource catalogue (as `resource.*`) into an event so a
// rule can combine IT's logs with corporate security's HR facts. Fields already on the event win.
import type { DatasetContext, EngineEvent } from '../types.ts';
import { flattenRecord } from './flatten.ts';

/**
 * Returns the event itself when nothing joins, otherwise a new object the caller may extend (the
 * run writes the access decision into it rather than copying the event a second time).
 */
export type EventJoiner = (event: EngineEvent) => EngineEvent;

export function makeJoiner(context: Pick<DatasetContext, 'directory' | 'resources'>): EventJoiner {
  const users = new Map<string, EngineEvent>();
  for (const user of context.directory) {
    if (typeof user.name === 'string') users.set(user.name.toLowerCase(), flattenRecord(user, 'user'));
  }
  const resources = new Map<string, EngineEvent>();
  for (const resource of context.resources) {
    if (typeof resource.id === 'string') resources.set(resource.id, flattenRecord(resource, 'resource'));
  }
  if (users.size === 0 && resources.size === 0) return (event) => event;
  return (event) => {
    const userName = event['user.name'];
    const resourceId = event['resource.id'];
    const user = typeof userName === 'string' ? users.get(userName.toLowerCase()) : undefined;
    const resource = typeof resourceId === 'string' ? resources.get(resourceId) : undefined;
    if (!user && !resource) return event;
    return { ...user, ...resource, ...event };
  };
}

/**
 * Every field a join can add to an event (the directory's and the catalogue's flattened names):
 * a field outside this set is on a joined event only when the event itself carries it.
 */
export function joinableFields(context: Pick<DatasetContext, 'directory' | 'resources'>): Set<string> {
  const fields = new Set<string>();
  for (const user of context.directory)
    if (typeof user.name === 'string') for (const key in flattenRecord(user, 'user')) fields.add(key);
  for (const resource of context.resources)
    if (typeof resource.id === 'string')
      for (const key in flattenRecord(resource, 'resource')) fields.add(key);
  return fields;
}
