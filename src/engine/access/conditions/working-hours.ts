// working-hours: { days: [mon, …], from: "07:00", to: "19:00", utc-offset: "+01:00" }. Times are
// the event's `@timestamp` shifted by the offset (UTC by default). `from` is inclusive and `to`
// exclusive (07:00–19:00 allows 07:00 and 18:59, not 19:00); `to: '24:00'` is the end of the day,
// and `from` after `to` spans midnight (22:00–06:00). The reason says so: "from 07:00 to before 19:00".
import type { Diagnostic, LoadedDocument } from '../../types.ts';
import { documentError } from '../../correlate/diagnostic.ts';
import type { AccessCondition } from '../model.ts';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "mon", "Mon" or "Monday" → "mon"; anything else → undefined. */
function dayOf(written: string): string | undefined {
  const word = written.trim().toLowerCase();
  const index = DAYS.includes(word) ? DAYS.indexOf(word) : DAY_NAMES.indexOf(word);
  return index < 0 ? undefined : DAYS[index];
}

export function compileWorkingHours(
  value: unknown,
  doc: LoadedDocument,
  path: (string | number)[],
  errors: Diagnostic[],
): AccessCondition | null {
  const spec = value === true ? {} : value;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    errors.push(documentError(doc, path, '`working-hours` must be true or { days, from, to, utc-offset }'));
    return null;
  }
  const s = spec as Record<string, unknown>;
  // A day is its three-letter name or its whole English name ("mon", "Monday"); "funday" is not
  // "fun", and is said as written.
  const written = Array.isArray(s.days) ? s.days.map((d) => String(d)) : WEEKDAYS;
  const days = written.map((d) => dayOf(d) ?? '');
  const bad = written.filter((d, i) => days[i] === '');
  if (bad.length > 0)
    errors.push(
      documentError(
        doc,
        [...path, 'days'],
        `unknown day(s) ${bad.map((d) => JSON.stringify(d)).join(', ')}`,
        'use mon, tue, wed, thu, fri, sat, sun',
      ),
    );
  const from = minutes(s.from ?? '08:00');
  const to = minutes(s.to ?? '18:00');
  if (from === null)
    errors.push(documentError(doc, [...path, 'from'], '`from` must be a time such as "07:30"'));
  if (to === null) errors.push(documentError(doc, [...path, 'to'], '`to` must be a time such as "19:00"'));
  const offset = offsetMinutes(s['utc-offset'] ?? '+00:00');
  if (offset === null)
    errors.push(documentError(doc, [...path, 'utc-offset'], '`utc-offset` must look like "+01:00"'));
  if (from === null || to === null || offset === null || bad.length > 0) return null;
  const zone = offset === 0 ? 'UTC' : `UTC${String(s['utc-offset'])}`;
  const requirement = `on ${days.join('/')} ${span(from, to)} ${zone}`;
  return {
    kind: 'working-hours',
    reads: ['@timestamp'],
    requirement,
    violation(event) {
      const time = Date.parse(String(event['@timestamp'] ?? ''));
      if (!Number.isFinite(time)) return null;
      const local = new Date(time + offset * 60_000);
      const day = DAYS[local.getUTCDay()]!;
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
      const inside =
        days.includes(day) && (from <= to ? minute >= from && minute < to : minute >= from || minute < to);
      return inside ? null : `the event was at ${clock(minute)} ${zone} on ${day}`;
    },
  };
}

function minutes(value: unknown): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(value));
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  // 24:00 is the end of the day; 24:30 is no time.
  return (h < 24 && min < 60) || (h === 24 && min === 0) ? h * 60 + min : null;
}

function offsetMinutes(value: unknown): number | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(String(value));
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The allowed hours in words that leave no doubt that `to` itself is outside. */
function span(from: number, to: number): string {
  if (from === 0 && to === 24 * 60) return 'all day';
  const end = to === 24 * 60 ? 'the end of the day' : `before ${clock(to)}`;
  return `from ${clock(from)} to ${end}${from > to ? ' (across midnight)' : ''}`;
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
