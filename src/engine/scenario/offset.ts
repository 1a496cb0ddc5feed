// Step times are offsets from the scenario's start (midnight UTC of its first day), written either
// as an ISO 8601 duration (`P3DT21H40M`) or as `day` + `time` ("21:40"), whichever reads better.

const DURATION = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Milliseconds of an ISO 8601 duration with days, hours, minutes and seconds; null if malformed. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim().replace('-', '') === 'P' || text.trim().endsWith('T')) return null;
  const [, negative, days, hours, minutes, seconds] = match;
  const ms =
    Number(days ?? 0) * DAY +
    Number(hours ?? 0) * HOUR +
    Number(minutes ?? 0) * MINUTE +
    Number(seconds ?? 0) * SECOND;
  return negative ? -ms : ms;
}

/** Milliseconds since midnight of `HH:MM` or `HH:MM:SS`; null if malformed. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, h, m, s] = match;
  if (Number(h) > 23 || Number(m) > 59 || Number(s ?? 0) > 59) return null;
  return Number(h) * HOUR + Number(m) * MINUTE + Number(s ?? 0) * SECOND;
}

/** Where a step or look-alike sits: `at` wins; otherwise `day` (0-based) and `time`. */
export interface TimedEntry {
  at?: string | undefined;
  day?: number | undefined;
  time?: string | undefined;
}

export function entryOffset(entry: TimedEntry): number {
  if (entry.at !== undefined) return parseDuration(entry.at) ?? 0;
  return (entry.day ?? 0) * DAY + (entry.time === undefined ? 9 * HOUR : (parseTimeOfDay(entry.time) ?? 0));
}
