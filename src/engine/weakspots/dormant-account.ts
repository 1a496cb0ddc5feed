// Dormant accounts (rights held, no use) and orphaned ones (used after the person left, or unknown).
import { calendarTime } from '../access/dates.ts';
import { dayOf, eventId, eventTime, eventUser, isCategory } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

/** An account silent for this many of the period's last days, while it still holds rights, is dormant. */
export const DORMANT_DAYS = 21;

export const dormantAccount: WeakSpotDetector = ({ events, ctx }) => {
  const lastSeen = new Map<string, number>();
  const orphanEvidence = new Map<string, string[]>();
  const known = new Map(ctx.directory.map((user) => [user.name, user]));
  let periodEnd = Number.NEGATIVE_INFINITY;

  for (const event of events) {
    const user = eventUser(event);
    const time = eventTime(event);
    if (Number.isFinite(time)) periodEnd = Math.max(periodEnd, time);
    if (user === null) continue;
    lastSeen.set(user, Math.max(lastSeen.get(user) ?? Number.NEGATIVE_INFINITY, time));
    const entry = known.get(user);
    // (An end that is not a real date, `2026-02-30`, is no end: it is not rolled over to March.)
    const ended = calendarTime(entry?.employment?.end);
    const leftBefore = Number.isFinite(ended) && time > ended + 24 * 60 * 60 * 1000;
    if (leftBefore || (ctx.directory.length > 0 && entry === undefined && !isCategory(event, 'hr'))) {
      const list = orphanEvidence.get(user) ?? [];
      if (list.length < MAX_EVIDENCE) list.push(eventId(event));
      orphanEvidence.set(user, list);
    }
  }

  const findings: WeakSpotFinding[] = [];
  // Without a directory no account can be told known or unknown, nor a leaver from a colleague:
  // say so, rather than let an empty list read as "no orphaned accounts".
  if (ctx.directory.length === 0) {
    const users = [...lastSeen.keys()].sort();
    if (users.length > 0)
      findings.push({
        kind: 'dormant_account',
        severity: 'informational',
        owner: 'it',
        subject: '(no directory)',
        evidence: [],
        text:
          `The dataset has no directory (directory.json is missing, empty or unreadable): ${users.length} account(s) ` +
          `act in the events (${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}) and none can be checked ` +
          `for leavers or accounts nobody owns; add the directory to review them.`,
      });
  }
  for (const [user, evidence] of orphanEvidence) {
    const entry = known.get(user);
    const reason = entry
      ? `${user} left on ${dayOf(calendarTime(entry.employment?.end))} but the account is still used`
      : `${user} is used but is not in the directory`;
    findings.push({
      kind: 'dormant_account',
      severity: 'critical',
      owner: 'both',
      subject: user,
      evidence,
      text: `${reason}: disable it now, find out who is using it, and tie account removal to the leaver process.`,
    });
  }

  if (!Number.isFinite(periodEnd)) return findings;
  const holders = new Map<string, string[]>();
  for (const right of ctx.entitlements) {
    const list = holders.get(right.user) ?? [];
    list.push(right.resource);
    holders.set(right.user, list);
  }
  const threshold = periodEnd - DORMANT_DAYS * 24 * 60 * 60 * 1000;
  for (const [user, resources] of holders) {
    if (orphanEvidence.has(user)) continue;
    const seen = lastSeen.get(user);
    if (seen !== undefined && seen >= threshold) continue;
    const since =
      seen === undefined ? 'has no activity in the whole period' : `has been silent since ${dayOf(seen)}`;
    findings.push({
      kind: 'dormant_account',
      severity: 'medium',
      owner: 'it',
      subject: user,
      evidence: [],
      text: `${user} ${since} yet holds rights on ${resources.length} resource(s) (${resources.slice(0, 3).join(', ')}${resources.length > 3 ? ', …' : ''}); confirm with the manager and disable or remove the rights.`,
    });
  }
  return findings;
};
