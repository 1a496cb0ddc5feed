// Least privilege: rights IAM granted (the dataset's entitlements) that nobody used in the
// dataset's period — per user, and per role when none of the role's holders used them — and
// rights IAM granted that no access policy of the pack entitles.
import type { DatasetContext, Entitlement } from '../types.ts';
import { calendarTime } from './dates.ts';
import { allowsAction, applicableEntitlements, grantsTo, type SubjectFacts } from './decide.ts';
import type { FactIndex } from './directory-facts.ts';
import type { CompiledAccess } from './model.ts';
import type { AccessFinding } from './report-model.ts';

/** One action's use: the first event ids (evidence) and the time of the latest use (NaN: none known). */
export interface Use {
  ids: string[];
  last: number;
}

/** user → resource → action → its use */
export type Usage = Map<string, Map<string, Map<string, Use>>>;

export function recordUse(
  usage: Usage,
  user: string,
  resource: string,
  action: string,
  eventId: string,
  time: number,
): void {
  let resources = usage.get(user);
  if (!resources) usage.set(user, (resources = new Map()));
  let actions = resources.get(resource);
  if (!actions) resources.set(resource, (actions = new Map()));
  const use = actions.get(action);
  if (use) {
    if (use.ids.length < 20) use.ids.push(eventId);
    if (time > use.last || (Number.isNaN(use.last) && Number.isFinite(time))) use.last = time;
  } else actions.set(action, { ids: [eventId], last: time });
}

function roleOf(facts: FactIndex, user: string): string | null {
  const role = facts.users.get(user)?.role;
  return typeof role === 'string' ? role : null;
}

/**
 * `periodEnd`: the end of the period the logs cover (NaN: unknown). A grant dated (`granted`) after
 * it did not exist in the period and is not judged; uses before a grant's date are not uses of it.
 */
export function unusedRights(
  ctx: DatasetContext,
  usage: Usage,
  facts: FactIndex,
  period: string,
  periodEnd = Number.NaN,
): AccessFinding[] {
  const findings: AccessFinding[] = [];
  for (const grant of sortedGrants(ctx.entitlements)) {
    // (A date that is not one, `2026-02-30` or a number, is no date: the grant is judged.)
    const grantedAt = calendarTime(grant.granted);
    if (grantedAt > periodEnd) continue;
    const used = new Map<string, Use>();
    for (const [action, use] of usage.get(grant.user)?.get(grant.resource) ?? [])
      if (!(use.last < grantedAt)) used.set(action, use);
    const unused = grant.actions.filter((a) => (a === '*' ? used.size === 0 : !used.has(a)));
    if (unused.length === 0) continue;
    // What to keep is what of this grant was used: actions outside it (a denied export) are not its.
    const holds = (action: string) => grant.actions.includes('*') || grant.actions.includes(action);
    const usedActions = [...used.keys()].filter(holds).sort();
    const usedOutside = [...used.keys()].filter((action) => !holds(action)).sort();
    const role = roleOf(facts, grant.user);
    const via = grant.source
      ? ` (granted through ${grant.source}${Number.isFinite(grantedAt) ? ` on ${String(grant.granted).slice(0, 10)}` : ''})`
      : '';
    findings.push({
      user: grant.user,
      resource: grant.resource,
      evidence: usedActions.flatMap((a) => used.get(a)?.ids ?? []).slice(0, 20),
      text:
        `Remove ${unused.join(', ')} on ${grant.resource} from ${grant.user}${role ? ` (role ${role})` : ''}${via}: ` +
        `not used ${period}` +
        (usedActions.length
          ? `; keep ${usedActions.join(', ')}, which ${usedActions.length > 1 ? 'were' : 'was'} used.`
          : usedOutside.length
            ? `; none of this grant was used (only ${usedOutside.join(', ')}, which it does not hold).`
            : ctx.resources.length > 0 && !facts.resources.has(grant.resource)
              ? `; the resource was not touched at all, and no resource "${grant.resource}" is in the catalogue: check its id, or remove the grant of a resource that is gone.`
              : '; the resource was not touched at all.'),
      role,
      source: grant.source ?? null,
      unused_actions: unused,
      used_actions: usedActions,
    });
  }
  return findings;
}

export function unusedRoleRights(ctx: DatasetContext, usage: Usage, period: string): AccessFinding[] {
  // role → resource → action → holders, users who used it
  const table = new Map<
    string,
    { role: string; resource: string; action: string; holders: Set<string>; users: Set<string> }
  >();
  for (const grant of ctx.entitlements) {
    if (typeof grant.source !== 'string' || !grant.source.startsWith('role:')) continue;
    const role = grant.source.slice(5);
    for (const action of grant.actions) {
      const key = `${role}\u0000${grant.resource}\u0000${action}`;
      const row = table.get(key) ?? {
        role,
        resource: grant.resource,
        action,
        holders: new Set(),
        users: new Set(),
      };
      row.holders.add(grant.user);
      const used = usage.get(grant.user)?.get(grant.resource);
      if (used && (action === '*' ? used.size > 0 : used.has(action))) row.users.add(grant.user);
      table.set(key, row);
    }
  }
  const findings: AccessFinding[] = [];
  const byRoleResource = new Map<
    string,
    { role: string; resource: string; actions: string[]; holders: Set<string> }
  >();
  for (const row of table.values()) {
    if (row.users.size > 0) continue;
    const key = `${row.role}\u0000${row.resource}`;
    const entry = byRoleResource.get(key) ?? {
      role: row.role,
      resource: row.resource,
      actions: [],
      holders: new Set(),
    };
    entry.actions.push(row.action);
    for (const h of row.holders) entry.holders.add(h);
    byRoleResource.set(key, entry);
  }
  for (const entry of [...byRoleResource.values()].sort(
    (a, b) => cmp(a.role, b.role) || cmp(a.resource, b.resource),
  )) {
    const actions = entry.actions.sort();
    findings.push({
      user: null,
      resource: entry.resource,
      evidence: [],
      text:
        `Take ${actions.join(', ')} on ${entry.resource} out of role ${entry.role}: none of its ` +
        `${entry.holders.size} holder(s) (${[...entry.holders].sort().slice(0, 5).join(', ')}${entry.holders.size > 5 ? ', …' : ''}) used it ${period}.`,
      role: entry.role,
      unused_actions: actions,
      holders: [...entry.holders].sort(),
    });
  }
  return findings;
}

export function excessRights(a: CompiledAccess, ctx: DatasetContext, facts: FactIndex): AccessFinding[] {
  const findings: AccessFinding[] = [];
  for (const grant of sortedGrants(ctx.entitlements)) {
    const catalogued = facts.resources.get(grant.resource);
    const resource = {
      id: grant.resource,
      path: typeof catalogued?.path === 'string' ? catalogued.path : null,
      label: typeof catalogued?.sensitivity === 'string' ? catalogued.sensitivity : null,
    };
    const applicable = applicableEntitlements(a, resource);
    if (applicable.length === 0) continue;
    const user = facts.users.get(grant.user);
    const subject: SubjectFacts = {
      name: grant.user,
      role: typeof user?.role === 'string' ? [user.role] : [],
      groups: Array.isArray(user?.groups) ? user.groups.map(String) : [],
      department: typeof user?.department === 'string' ? [user.department] : [],
    };
    const excess = grant.actions.filter(
      (action) => !applicable.some((e) => grantsTo(e, subject) !== null && allowsAction(e, action)),
    );
    if (excess.length === 0) continue;
    const policies = [...new Set(applicable.map((e) => e.policy))].join(', ');
    const holds =
      `${grant.user}${subject.role.length ? ` (role ${subject.role[0]})` : ''} holds ${excess.join(', ')} on ${grant.resource}` +
      `${grant.source ? ` through ${grant.source}` : ''}`;
    // A user the directory does not know has no role or group to be entitled through: the finding
    // is the missing entry, not a right to revoke.
    findings.push({
      user: grant.user,
      resource: grant.resource,
      evidence: [],
      text: user
        ? `${holds}, but access policy ${policies} entitles no such right: revoke it, or add an entitlement if it is needed.`
        : `${holds}, but ${grant.user} has no entry in the directory, so access policy ${policies} cannot match a role or group of theirs: ` +
          `find out whose account it is and add it to the directory (or disable it) before deciding on the right.`,
      role: subject.role[0] ?? null,
      source: grant.source ?? null,
      excess_actions: excess,
      ...(user ? {} : { not_in_directory: true }),
    });
  }
  return findings;
}

function sortedGrants(grants: readonly Entitlement[]): Entitlement[] {
  return [...grants].sort((a, b) => cmp(a.user, b.user) || cmp(a.resource, b.resource));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
