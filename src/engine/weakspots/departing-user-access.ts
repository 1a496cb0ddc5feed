// Users who resigned (or whose end date is set) and still hold, and use, rights on sensitive resources.
import { calendarTime } from '../access/dates.ts';
import { dayOf, eventId, eventTime, eventUser, text } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

const SENSITIVE = new Set(['confidential', 'restricted']);

export const departingUserAccess: WeakSpotDetector = ({ events, ctx }) => {
  // user → since when, and whether that is a resignation (notice given) or the end of employment.
  const departing = new Map<string, { since: number; resigned: boolean }>();
  for (const user of ctx.directory) {
    // The first of these that is a real date (one that is not, `2026-02-30` or a number, is no date).
    const resignation = calendarTime(user.hr?.resignation_date);
    const time = [
      resignation,
      calendarTime(user.hr?.termination_date),
      calendarTime(user.employment?.end),
    ].find((t) => Number.isFinite(t));
    if (time !== undefined) departing.set(user.name, { since: time, resigned: Number.isFinite(resignation) });
  }
  if (departing.size === 0) return [];
  const sensitivity = new Map(ctx.resources.map((resource) => [resource.id, resource.sensitivity ?? '']));

  const used = new Map<string, { evidence: string[]; count: number }>();
  let lastTime = -Infinity;
  for (const event of events) {
    const time = eventTime(event);
    if (time > lastTime) lastTime = time;
    const user = eventUser(event);
    const since = user === null ? undefined : departing.get(user)?.since;
    if (user === null || since === undefined || time < since) continue;
    const resource = text(event['resource.id']);
    const label = text(event['file.sensitivity']) ?? (resource ? sensitivity.get(resource) : undefined) ?? '';
    if (!SENSITIVE.has(label)) continue;
    const entry = used.get(user) ?? { evidence: [], count: 0 };
    entry.count += 1;
    if (entry.evidence.length < MAX_EVIDENCE) entry.evidence.push(eventId(event));
    used.set(user, entry);
  }

  const findings: WeakSpotFinding[] = [];
  for (const [user, { since, resigned }] of departing) {
    const rights = ctx.entitlements.filter(
      (right) => right.user === user && SENSITIVE.has(sensitivity.get(right.resource) ?? ''),
    );
    const { evidence, count } = used.get(user) ?? { evidence: [], count: 0 };
    if (rights.length === 0 && count === 0) continue;
    const names = [...new Set(rights.map((right) => right.resource))];
    const holding =
      names.length > 0
        ? `still holds rights on ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`
        : '';
    const using = count > 0 ? `touched sensitive data ${count} time(s) since` : '';
    // A resignation is notice given; an end date already past the data's last event is a leaver.
    const status = resigned
      ? `resigned (${dayOf(since)})`
      : since <= lastTime
        ? `left (${dayOf(since)})`
        : `is leaving (${dayOf(since)})`;
    findings.push({
      kind: 'departing_user_access',
      severity: count > 0 ? 'high' : 'medium',
      owner: 'both',
      subject: user,
      evidence,
      text: `${user} ${status} and ${[holding, using].filter(Boolean).join(' and ')}; HR and IT should agree the leaver's access plan now, not on the last day.`,
    });
  }
  return findings;
};
