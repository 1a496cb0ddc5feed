// Corporate security's red flags (HR facts) together with IT's view of a change in behaviour:
// neither alone is a finding, both together are what an insider-risk review must look at.
import { isCalendarDate } from '../access/dates.ts';
import type { DirectoryUser } from '../types.ts';
import { dayOf, eventId, eventTime, eventUser, isCategory } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

/** A day is a change when the user's activity exceeds their own mean by this many standard deviations. */
export const DEVIATION_K = 3;
const OFF_HOURS = (hour: number) => hour < 7 || hour >= 20;

function redFlags(user: DirectoryUser): string[] {
  const hr = user.hr ?? {};
  const flags: string[] = [];
  // (A resignation date that is not a real date, `soon` or `2026-02-30`, is no resignation fact.)
  if (isCalendarDate(hr.resignation_date)) flags.push('resignation');
  if (hr.performance_plan === true) flags.push('performance plan');
  if (hr.conflict_report === true) flags.push('conflict report');
  if (hr.financial_stress === true) flags.push('financial stress');
  if (hr.anonymous_complaint === true) flags.push('anonymous complaint');
  return flags;
}

export const hrRedFlagBehaviourChange: WeakSpotDetector = ({ events, ctx }) => {
  const flagged = new Map<string, string[]>();
  for (const user of ctx.directory) {
    const flags = redFlags(user);
    if (flags.length > 0) flagged.set(user.name, flags);
  }
  if (flagged.size === 0) return [];
  // Per flagged user, per day: events and off-hours events, with evidence ids.
  const days = new Map<string, Map<string, { count: number; offHours: number; ids: string[] }>>();
  for (const event of events) {
    const user = eventUser(event);
    if (user === null || !flagged.has(user) || isCategory(event, 'hr')) continue;
    const time = eventTime(event);
    if (!Number.isFinite(time)) continue;
    const perDay = days.get(user) ?? new Map<string, { count: number; offHours: number; ids: string[] }>();
    days.set(user, perDay);
    const day = dayOf(time);
    const tally = perDay.get(day) ?? { count: 0, offHours: 0, ids: [] };
    tally.count += 1;
    if (OFF_HOURS(new Date(time).getUTCHours())) {
      tally.offHours += 1;
      tally.ids.push(eventId(event));
    }
    perDay.set(day, tally);
  }

  const findings: WeakSpotFinding[] = [];
  for (const [user, perDay] of days) {
    const tallies = [...perDay.entries()];
    if (tallies.length < 3) continue;
    const spikes: string[] = [];
    const evidence: string[] = [];
    for (const measure of ['count', 'offHours'] as const) {
      const values = tallies.map(([, t]) => t[measure]);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      for (const [day, tally] of tallies) {
        // The day is compared with the user's other days, so one big day cannot hide itself.
        const others = values.length - 1;
        const otherMean = (mean * values.length - tally[measure]) / others;
        const limit = otherMean + DEVIATION_K * Math.max(sd, 1);
        if (tally[measure] > limit) {
          spikes.push(`${day} (${tally[measure]} ${measure === 'count' ? 'events' : 'off-hours events'})`);
          for (const item of tally.ids.slice(0, 5)) evidence.push(item);
        }
      }
    }
    if (spikes.length === 0) continue;
    const flags = flagged.get(user) ?? [];
    findings.push({
      kind: 'hr_red_flag_behaviour_change',
      severity: flags.length > 1 ? 'high' : 'medium',
      owner: 'both',
      subject: user,
      evidence: [...new Set(evidence)].slice(0, MAX_EVIDENCE),
      text: `${user} has HR red flags (${flags.join(', ')}) and a change in behaviour on ${spikes.slice(0, 3).join(', ')}; Security and the manager should review together before acting.`,
    });
  }
  return findings;
};
