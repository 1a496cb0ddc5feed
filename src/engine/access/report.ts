// The least-privilege and separation-of-duty report over a dataset: one pass over the events
// (decisions, use of rights, duties done), then the findings.
import { directoryNames, withDirectoryGrants, withDirectoryName } from '../event/identity.ts';
import type { DatasetContext, EngineEvent } from '../types.ts';
import { decide } from './decide.ts';
import { factIndex, withFacts } from './directory-facts.ts';
import type { CompiledAccess } from './model.ts';
import type { AccessFinding, AccessReport } from './report-model.ts';
import { recordDuty, sodConflicts, sodToxicGrants, type DutyLog } from './separation-of-duties.ts';
import { cmp, excessRights, recordUse, unusedRights, unusedRoleRights, type Usage } from './unused-rights.ts';

export function buildAccessReport(
  a: CompiledAccess,
  events: Iterable<EngineEvent>,
  given: DatasetContext,
): AccessReport {
  // Events and grants both count a user under the directory's spelling of the name.
  const names = directoryNames(given.directory);
  const ctx = withDirectoryGrants(given, names);
  const facts = factIndex(ctx);
  const usage: Usage = new Map();
  const duties: DutyLog = new Map();
  type Denials = {
    user: string | null;
    resource: string;
    evidence: string[];
    reasons: Map<string, number>;
    count: number;
    /** Whether any of the events carried the user's role, groups or department. */
    userFacts: boolean;
  };
  const denied = new Map<string, Denials>();
  let first = Infinity;
  let last = -Infinity;
  let counter = 0;
  for (const raw of events) {
    counter += 1;
    // (A user is counted under the directory's spelling of the name, however the log wrote it.)
    const event = withFacts(withDirectoryName(raw, names), facts);
    const eventId = typeof event['event.id'] === 'string' ? event['event.id'] : `#${counter}`;
    const time = Date.parse(String(event['@timestamp'] ?? ''));
    if (Number.isFinite(time)) {
      first = Math.min(first, time);
      last = Math.max(last, time);
    }
    const user = typeof event['user.name'] === 'string' ? event['user.name'] : null;
    const resource = typeof event['resource.id'] === 'string' ? event['resource.id'] : null;
    const action = typeof event['event.action'] === 'string' ? event['event.action'] : null;
    if (user && resource && action && event['event.outcome'] !== 'failure')
      recordUse(usage, user, resource, action, eventId, time);
    // A failed action did nothing: it is neither a use of a right nor a duty done.
    if (event['event.outcome'] !== 'failure') recordDuty(duties, a.separationOfDuties, event, eventId);
    const decision = decide(a, event);
    if (decision?.decision === 'deny' && resource) {
      const key = `${user ?? ''}\u0000${resource}`;
      const entry: Denials = denied.get(key) ?? {
        user,
        resource,
        evidence: [],
        reasons: new Map(),
        count: 0,
        userFacts: false,
      };
      entry.count += 1;
      if ('user.role' in event || 'user.groups' in event || 'user.department' in event)
        entry.userFacts = true;
      if (entry.evidence.length < 50) entry.evidence.push(eventId);
      entry.reasons.set(decision.reason, (entry.reasons.get(decision.reason) ?? 0) + 1);
      denied.set(key, entry);
    }
  }
  const period = describePeriod(ctx, first, last);
  // (A period's end date may be a day: the events of that day are still in it.)
  const periodEnd = Math.max(Date.parse(ctx.manifest.period?.end ?? '') || -Infinity, last);
  const deniedFindings: AccessFinding[] = [...denied.values()]
    .sort((x, y) => cmp(x.user ?? '', y.user ?? '') || cmp(x.resource, y.resource))
    .map((d) => {
      const reasons = [...d.reasons.entries()].sort((x, y) => y[1] - x[1]).map(([r]) => r);
      // A user the directory does not know (and whose events name no role or group) was denied for
      // want of facts: the finding is the missing entry before it is the access.
      const unknown = d.user !== null && !facts.users.has(d.user) && !d.userFacts;
      return {
        user: d.user,
        resource: d.resource,
        evidence: d.evidence,
        text:
          `${d.user ?? 'An unknown user'} made ${d.count} access(es) to ${d.resource} that the policy would have denied ` +
          `(${reasons[0]}${reasons.length > 1 ? `; and ${reasons.length - 1} other reason(s)` : ''}): ` +
          (unknown && ctx.directory.length === 0
            ? `the dataset has no directory, so the policy knew no role or group of ${d.user}'s — load the directory ` +
              `(or name the role in the logs) before reading this as a misuse of rights.`
            : unknown
              ? `${d.user} has no entry in the directory, so the policy knew no role or group of theirs — find out whose account it is ` +
                `and add it to the directory (or disable it) before granting anything.`
              : `confirm with the resource owner whether this access is needed — grant it properly or find out why it happened.`),
        count: d.count,
        reasons,
        ...(unknown ? { not_in_directory: true } : {}),
      };
    });
  return {
    unused_rights: unusedRights(ctx, usage, facts, period, periodEnd),
    unused_role_rights: unusedRoleRights(ctx, usage, period),
    excess_rights: excessRights(a, ctx, facts),
    sod_conflicts: sodConflicts(duties, a.separationOfDuties),
    sod_toxic_grants: sodToxicGrants(ctx, a.separationOfDuties),
    denied_access: deniedFindings,
  };
}

function describePeriod(ctx: DatasetContext, first: number, last: number): string {
  const start = ctx.manifest.period?.start ?? (Number.isFinite(first) ? new Date(first).toISOString() : null);
  const end = ctx.manifest.period?.end ?? (Number.isFinite(last) ? new Date(last).toISOString() : null);
  return start && end ? `between ${start.slice(0, 10)} and ${end.slice(0, 10)}` : 'in the dataset';
}
