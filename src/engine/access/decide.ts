// The decision an access policy would have made for one event. An event is an access when it
// touches a catalogued resource (`resource.id`); a policy applies when one of its entitlements
// covers that resource. Then: allowed if an entitlement for this user (by role, group, name or
// department) lists the action and its conditions hold; otherwise denied, least privilege's
// default — and the reason says which entitlement came closest and what was missing.
import type { EngineEvent, EventValue } from '../types.ts';
import { globMatches } from './glob.ts';
import type { CompiledAccess, CompiledEntitlement, ResourceSelector } from './model.ts';

export interface AccessDecision {
  decision: 'allow' | 'deny';
  reason: string;
  /** The entitlement that allowed it, or that came closest. */
  entitlement?: string;
}

export function texts(value: EventValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(String);
  return [String(value)];
}

/** The first non-empty text of `fields` (one name or several, in order) on the event, or null. */
function firstText(event: EngineEvent, fields: string | readonly string[]): string | null {
  if (typeof fields === 'string') {
    const v = event[fields];
    return typeof v === 'string' && v !== '' ? v : null;
  }
  for (const field of fields) {
    const v = event[field];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

/**
 * The fields a decision reads of an event, named once: `resourceFacts`, `subjectFacts` and `decide`
 * read them by these names, and `decisionFields` lists them for the column prefilter, which decides
 * on an event made of these fields alone.
 */
const RESOURCE_ID = 'resource.id';
const RESOURCE_PATHS = ['resource.path', 'file.path'];
const RESOURCE_LABELS = ['resource.sensitivity', 'file.sensitivity'];
const USER_NAME = 'user.name';
const USER_ROLE = 'user.role';
const USER_GROUPS = 'user.groups';
const USER_DEPARTMENT = 'user.department';
const ACTION = 'event.action';

export interface ResourceFacts {
  id: string;
  path: string | null;
  label: string | null;
}

export function resourceFacts(event: EngineEvent): ResourceFacts | null {
  const id = firstText(event, RESOURCE_ID);
  if (id === null) return null;
  return {
    id,
    path: firstText(event, RESOURCE_PATHS),
    label: firstText(event, RESOURCE_LABELS),
  };
}

export function selects(selector: ResourceSelector, resource: ResourceFacts): boolean {
  if (selector.ids.some((p) => globMatches(p, resource.id))) return true;
  if (resource.path !== null && selector.paths.some((p) => globMatches(p, resource.path!))) return true;
  const label = resource.label?.toLowerCase();
  return label !== undefined && selector.labels.some((l) => l.toLowerCase() === label);
}

/** The fields a decision reads besides its conditions' (`decisionFields`). */
const DECISION_READS = [
  RESOURCE_ID,
  ...RESOURCE_PATHS,
  ...RESOURCE_LABELS,
  USER_NAME,
  USER_ROLE,
  USER_GROUPS,
  USER_DEPARTMENT,
  ACTION,
];

/**
 * Every field `decide` reads of an event (`resourceFacts`, `subjectFacts`, the action, each
 * entitlement condition's `reads`): an event of just these fields gets the same decision.
 */
export function decisionFields(a: CompiledAccess): string[] {
  const fields = new Set(DECISION_READS);
  for (const e of a.entitlements)
    for (const condition of e.conditions) for (const f of condition.reads) fields.add(f);
  return [...fields];
}

export interface SubjectFacts {
  name: string | null;
  role: string[];
  groups: string[];
  department: string[];
}

export function subjectFacts(event: EngineEvent): SubjectFacts {
  return {
    name: firstText(event, USER_NAME),
    role: texts(event[USER_ROLE]),
    groups: texts(event[USER_GROUPS]),
    department: texts(event[USER_DEPARTMENT]),
  };
}

/** Which part of the subject the entitlement names ("role accounts-payable"), or null. */
export function grantsTo(e: CompiledEntitlement, s: SubjectFacts): string | null {
  const hit = (list: string[], values: string[]) => list.find((x) => x === '*' || values.includes(x));
  const user = s.name === null ? undefined : hit(e.users, [s.name]);
  if (user !== undefined) return user === '*' ? 'anyone' : `user ${s.name}`;
  const role = hit(e.roles, s.role);
  if (role !== undefined) return role === '*' ? 'any role' : `role ${role}`;
  const group = hit(e.groups, s.groups);
  if (group !== undefined) return group === '*' ? 'any group' : `group ${group}`;
  const department = hit(e.departments, s.department);
  if (department !== undefined) return department === '*' ? 'any department' : `department ${department}`;
  return null;
}

export function allowsAction(e: CompiledEntitlement, action: string): boolean {
  return e.actions.includes('*') || e.actions.includes(action);
}

/** Entitlements covering a resource, memoised per resource: a dataset touches few resources. */
export function applicableEntitlements(a: CompiledAccess, resource: ResourceFacts): CompiledEntitlement[] {
  const key = `${resource.id}\u0000${resource.path ?? ''}\u0000${resource.label ?? ''}`;
  let list = a.cache.get(key);
  if (!list) {
    list = a.entitlements.filter((e) => selects(e.resources, resource));
    a.cache.set(key, list);
  }
  return list;
}

/**
 * The subject facts of the last event per user name, reused while the event's role, groups and
 * department are the very same values (a joined event shares them with the directory's record).
 */
const subjects = new WeakMap<CompiledAccess, Map<string | null, { from: unknown[]; facts: SubjectFacts }>>();

function cachedSubjectFacts(a: CompiledAccess, event: EngineEvent): SubjectFacts {
  let byName = subjects.get(a);
  if (!byName) subjects.set(a, (byName = new Map()));
  const name = firstText(event, USER_NAME);
  const role = event[USER_ROLE];
  const groups = event[USER_GROUPS];
  const department = event[USER_DEPARTMENT];
  const entry = byName.get(name);
  if (entry && entry.from[0] === role && entry.from[1] === groups && entry.from[2] === department)
    return entry.facts;
  const facts = subjectFacts(event);
  // Lists are kept by reference: only a list that is not rebuilt per event can be reused.
  byName.set(name, { from: [role, groups, department], facts });
  return facts;
}

export function decide(a: CompiledAccess, event: EngineEvent): AccessDecision | null {
  const resource = resourceFacts(event);
  if (resource === null) return null;
  const applicable = applicableEntitlements(a, resource);
  if (applicable.length === 0) return null;
  const subject = cachedSubjectFacts(a, event);
  const action = firstText(event, ACTION) ?? 'access';
  let closest: { e: CompiledEntitlement; who: string; violations: string[] } | null = null;
  for (const e of applicable) {
    const who = grantsTo(e, subject);
    if (who === null || !allowsAction(e, action)) continue;
    let violations: string[] | undefined;
    for (const condition of e.conditions) {
      const broken = condition.violation(event);
      if (broken !== null) (violations ??= []).push(`${condition.requirement}, but ${broken}`);
    }
    if (violations === undefined) {
      return {
        decision: 'allow',
        reason: `entitlement "${e.id}" lets ${who} ${action} ${resource.id}`,
        entitlement: e.id,
      };
    }
    if (!closest || violations.length < closest.violations.length) closest = { e, who, violations };
  }
  if (closest) {
    return {
      decision: 'deny',
      reason: `entitlement "${closest.e.id}" lets ${closest.who} ${action} ${resource.id} only ${closest.violations.join('; and ')}`,
      entitlement: closest.e.id,
    };
  }
  const who = [
    subject.name ?? 'an unknown user',
    subject.role.length ? `role ${subject.role.join('/')}` : null,
    subject.groups.length ? `groups ${subject.groups.join(', ')}` : null,
  ].filter(Boolean);
  const policies = [...new Set(applicable.map((e) => e.policy))].join(', ');
  const label = resource.label ? ` (${resource.label})` : '';
  return {
    decision: 'deny',
    reason: `no entitlement lets ${who[0]}${who.length > 1 ? ` (${who.slice(1).join('; ')})` : ''} ${action} ${resource.id}${label}, which ${policies} covers`,
  };
}
