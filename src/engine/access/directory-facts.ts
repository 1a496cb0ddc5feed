// Access decisions need the directory (`user.role`, `user.groups`, …) and the catalogue
// (`resource.path`, `resource.sensitivity`) on each event. Events joined by the run already carry
// them; for any that do not, the same facts are added here (fields already on the event win).
import type { CatalogResource, DatasetContext, DirectoryUser, EngineEvent, EventValue } from '../types.ts';

export interface FactIndex {
  users: Map<string, DirectoryUser>;
  resources: Map<string, CatalogResource>;
}

export function factIndex(ctx: DatasetContext): FactIndex {
  return {
    users: new Map(ctx.directory.map((u) => [u.name, u])),
    resources: new Map(ctx.resources.map((r) => [r.id, r])),
  };
}

export function withFacts(event: EngineEvent, facts: FactIndex): EngineEvent {
  // Already joined by the run: nothing to add.
  const userJoined = 'user.role' in event || 'user.department' in event || 'user.groups' in event;
  const resourceJoined =
    'resource.sensitivity' in event || 'resource.path' in event || 'resource.name' in event;
  const user =
    !userJoined && typeof event['user.name'] === 'string' ? facts.users.get(event['user.name']) : undefined;
  const resource =
    !resourceJoined && typeof event['resource.id'] === 'string'
      ? facts.resources.get(event['resource.id'])
      : undefined;
  if (!user && !resource) return event;
  const joined: EngineEvent = {};
  if (user) flatten('user', user, joined);
  if (resource) flatten('resource', resource, joined);
  return Object.assign(joined, event);
}

function flatten(prefix: string, value: unknown, out: EngineEvent): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    out[prefix] = value.filter(
      (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
    ) as EventValue;
    return;
  }
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (prefix === 'user' && key === 'name') continue;
      if (prefix === 'resource' && key === 'id') continue;
      flatten(`${prefix}.${key}`, inner, out);
    }
    return;
  }
  if (['string', 'number', 'boolean'].includes(typeof value)) out[prefix] = value as EventValue;
}
