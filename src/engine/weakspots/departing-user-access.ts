// Users who resigned (or whose end date is set) and still hold, and use, rights on sensitive resources.
import { dayOf, eventId, eventTime, eventUser, text } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

const SENSITIVE = new Set(['confidential', 'restricted']);

export const departingUserAccess: WeakSpotDetector = ({ events, ctx }) => {
  const departing = new Map<string, number>();
  for (const user of ctx.directory) {
    const date = user.hr?.resignation_date ?? user.hr?.termination_date ?? user.employment?.end ?? undefined;
    const time = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    if (Number.isFinite(time)) departing.set(user.name, time);
  }
  if (departing.size === 0) return [];
  const sensitivity = new Map(ctx.resources.map((resource) => [resource.id, resource.sensitivity ?? '']));

  const used = new Map<string, string[]>();
  for (const event of events) {
    const user = eventUser(event);
    const since = user === null ? undefined : departing.get(user);
    if (user === null || since === undefined || eventTime(event) < since) continue;
    const resource = text(event['resource.id']);
    const label = text(event['file.sensitivity']) ?? (resource ? sensitivity.get(resource) : undefined) ?? '';
    if (!SENSITIVE.has(label)) continue;
    const list = used.get(user) ?? [];
    if (list.length < MAX_EVIDENCE) list.push(eventId(event));
    used.set(user, list);
  }

  const findings: WeakSpotFinding[] = [];
  for (const [user, since] of departing) {
    const rights = ctx.entitlements.filter(
      (right) => right.user === user && SENSITIVE.has(sensitivity.get(right.resource) ?? ''),
    );
    const evidence = used.get(user) ?? [];
    if (rights.length === 0 && evidence.length === 0) continue;
    const names = rights.map((right) => right.resource);
    const holding =
      names.length > 0
        ? `still holds rights on ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`
        : '';
    const using = evidence.length > 0 ? `touched sensitive data ${evidence.length} time(s) since` : '';
    findings.push({
      kind: 'departing_user_access',
      severity: evidence.length > 0 ? 'high' : 'medium',
      owner: 'both',
      subject: user,
      evidence,
      text: `${user} is leaving (${dayOf(since)}) and ${[holding, using].filter(Boolean).join(' and ')}; HR and IT should agree the leaver's access plan now, not on the last day.`,
    });
  }
  return findings;
};
