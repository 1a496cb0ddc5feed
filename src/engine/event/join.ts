// Joins the directory (as `user.*`) and the resource catalogue (as `resource.*`) into an event so a
// rule can combine IT's logs with corporate security's HR facts. Fields already on the event win.
import type { DatasetContext, EngineEvent, EventValue } from '../types.ts';
import { flattenRecord } from './flatten.ts';
import { setField } from './set-field.ts';

export { setField };

/**
 * Returns the event itself when nothing joins, otherwise a new object the caller may extend (the
 * run writes the access decision into it rather than copying the event a second time).
 */
export type EventJoiner = (event: EngineEvent) => EngineEvent;

/**
 * Whether the event's user has a directory entry: `true` on every event of a listed user, `false` on
 * the events of a user the directory does not list, absent when there is no directory at all (or
 * no `user.name`). A rule about unknown accounts reads `user.in_directory: false`, so data imported
 * without a directory does not make every account "unknown" (the run names such a rule unmatchable).
 */
export const IN_DIRECTORY = 'user.in_directory';

interface JoinTables {
  users: Map<string, EngineEvent>;
  resources: Map<string, EngineEvent>;
  /** What an unlisted user's events get when there is a directory; undefined when there is none. */
  unlisted: EngineEvent | undefined;
  /** Every field a join may add. */
  fields: Set<string>;
}

/** Per directory, per catalogue: their tables (a pool worker starts a shard per task, on one context). */
const tablesOf = new WeakMap<object, WeakMap<object, JoinTables>>();

/**
 * Directory users (by lower-cased name) and catalogue resources (by id), flattened for joining: made
 * once per directory and catalogue, which nobody changes once loaded (they are read, never written).
 */
function joinTables(context: Pick<DatasetContext, 'directory' | 'resources'>): JoinTables {
  let byResources = tablesOf.get(context.directory);
  if (!byResources) tablesOf.set(context.directory, (byResources = new WeakMap()));
  let tables = byResources.get(context.resources);
  if (!tables) byResources.set(context.resources, (tables = makeJoinTables(context)));
  return tables;
}

function makeJoinTables(context: Pick<DatasetContext, 'directory' | 'resources'>): JoinTables {
  const users = new Map<string, EngineEvent>();
  for (const user of context.directory) {
    if (typeof user.name === 'string')
      users.set(user.name.toLowerCase(), { ...flattenRecord(user, 'user'), [IN_DIRECTORY]: true });
  }
  const unlisted = users.size > 0 ? { [IN_DIRECTORY]: false } : undefined;
  const resources = new Map<string, EngineEvent>();
  for (const resource of context.resources) {
    if (typeof resource.id === 'string') resources.set(resource.id, flattenRecord(resource, 'resource'));
  }
  const fields = new Set<string>(unlisted ? [IN_DIRECTORY] : []);
  for (const user of users.values()) for (const key in user) fields.add(key);
  for (const resource of resources.values()) for (const key in resource) fields.add(key);
  return { users, resources, unlisted, fields };
}

export function makeJoiner(context: Pick<DatasetContext, 'directory' | 'resources'>): EventJoiner {
  const { users, resources, unlisted } = joinTables(context);
  if (users.size === 0 && resources.size === 0) return (event) => event;
  return (event) => {
    const userName = event['user.name'];
    const resourceId = event['resource.id'];
    const user = typeof userName === 'string' ? (users.get(userName.toLowerCase()) ?? unlisted) : undefined;
    const resource = typeof resourceId === 'string' ? resources.get(resourceId) : undefined;
    if (!user && !resource) return event;
    return { ...user, ...resource, ...event };
  };
}

/**
 * Every field a join can add to an event (the directory's and the catalogue's flattened names):
 * a field outside this set is on a joined event only when the event itself carries it.
 */
export function joinableFields(
  context: Pick<DatasetContext, 'directory' | 'resources'>,
): ReadonlySet<string> {
  return joinTables(context).fields;
}

/**
 * What a join would put before an event's own fields, without copying it into the event: for a
 * user name and a resource id, `{ ...user, ...resource }` of the directory and catalogue (one
 * shared object per pair), or undefined when neither is known. `{ ...head, ...event }` is
 * `join(event)`; its fields are all `user.*` or `resource.*`.
 */
export function makeHeads(
  context: Pick<DatasetContext, 'directory' | 'resources'>,
): (userName: unknown, resourceId: unknown) => EngineEvent | undefined {
  const { users, resources, unlisted } = joinTables(context);
  if (users.size === 0 && resources.size === 0) return () => undefined;
  // User names as written in the events (most repeat) → the directory entry (or `unlisted`), or
  // null for none.
  const byName = new Map<string, EngineEvent | null>();
  const userOf = (name: string) => {
    let user = byName.get(name);
    if (user === undefined) {
      if (byName.size >= 100_000) byName.clear();
      byName.set(name, (user = users.get(name.toLowerCase()) ?? unlisted ?? null));
    }
    return user ?? undefined;
  };
  const NO_USER = {};
  const heads = new Map<EngineEvent, Map<EngineEvent | undefined, EngineEvent>>();
  return (userName, resourceId) => {
    const user = typeof userName === 'string' ? userOf(userName) : undefined;
    const resource = typeof resourceId === 'string' ? resources.get(resourceId) : undefined;
    if (!user && !resource) return undefined;
    let byResource = heads.get(user ?? NO_USER);
    if (!byResource) heads.set(user ?? NO_USER, (byResource = new Map()));
    let head = byResource.get(resource);
    if (!head) byResource.set(resource, (head = { ...user, ...resource }));
    return head;
  };
}

/**
 * Whether a field name is also a property every object inherits (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__`…): `event[name]` would read the inherited one on an event that lacks
 * the field. A field is only an event's own property, so such a name is read with `ownValue`.
 */
export function isInheritedName(field: string): boolean {
  return field in Object.prototype;
}

/** The event's own value of `field` (undefined when it has none), whatever the name. */
export function ownValue(event: EngineEvent, field: string): EventValue | undefined {
  return Object.hasOwn(event, field) ? event[field] : undefined;
}

/**
 * A reader of `field`, chosen once (when a rule is compiled): the plain `event[field]`, or for a
 * name objects inherit, the own-property read. Normal fields cost nothing more per event.
 */
export function fieldReader(field: string): (event: EngineEvent) => EventValue | undefined {
  if (isInheritedName(field)) return (event) => ownValue(event, field);
  return (event) => event[field];
}

/** `joinedValue` of one field, chosen once (see `fieldReader`). */
export function joinedReader(
  field: string,
): (event: EngineEvent, head: EngineEvent | undefined) => EventValue | undefined {
  if (isInheritedName(field))
    return (event, head) => {
      const value = ownValue(event, field);
      return value !== undefined || head === undefined ? value : ownValue(head, field);
    };
  return (event, head) => {
    const value = event[field];
    return value !== undefined || head === undefined ? value : head[field];
  };
}

/**
 * `event[field]` of the joined event `{ ...head, ...event }`, without joining, for an event none of
 * whose own fields holds `undefined` (decoded events never do; see `EventSource.definedValues`).
 * Only own properties are fields (see `isInheritedName`); hot paths use `joinedReader`.
 */
export function joinedValue(
  event: EngineEvent,
  head: EngineEvent | undefined,
  field: string,
): EventValue | undefined {
  if (isInheritedName(field)) {
    const own = ownValue(event, field);
    return own !== undefined || head === undefined ? own : ownValue(head, field);
  }
  const value = event[field];
  return value !== undefined || head === undefined ? value : head[field];
}
