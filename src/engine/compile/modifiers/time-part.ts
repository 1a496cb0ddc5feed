// minute, hour, day, week, month, year: compare one part of a timestamp (off-hours rules in plain
// Sigma). As the specification warns, no time-zone conversion: the part is read as written.
import type { FieldItemState, TimePart } from './modifier.ts';

const RANGES: Record<TimePart, [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  day: [1, 31],
  week: [1, 53],
  month: [1, 12],
  year: [0, 9999],
};

export function applyTimePart(state: FieldItemState, part: TimePart): string | undefined {
  if (state.applied.length > 0 || state.match !== 'value')
    return `"${part}" must be the first modifier (e.g. "@timestamp|${part}|gte: …")`;
  const [low, high] = RANGES[part];
  for (const group of state.groups) {
    for (let i = 0; i < group.length; i++) {
      const value = group[i];
      const number =
        value?.type === 'number' ? value.value : value?.type === 'string' ? Number(value.raw) : NaN;
      if (!Number.isInteger(number) || number < low || number > high) {
        return `"${part}" needs whole numbers from ${low} to ${high}`;
      }
      group[i] = { type: 'number', value: number };
    }
  }
  state.timePart = part;
  return undefined;
}

function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/** The part of a timestamp as written (ISO 8601 text), or of epoch milliseconds in UTC. */
export function timePartOf(value: unknown, part: TimePart): number | undefined {
  let fields: [number, number, number, number, number] | undefined;
  if (typeof value === 'string') {
    const m = WALL_CLOCK.exec(value);
    if (m) fields = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Date(value);
    fields = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  }
  if (!fields) return undefined;
  const [year, month, day, hour, minute] = fields;
  switch (part) {
    case 'year':
      return year;
    case 'month':
      return month;
    case 'day':
      return day;
    case 'week':
      return isoWeek(year, month, day);
    case 'hour':
      return hour;
    case 'minute':
      return minute;
  }
}
