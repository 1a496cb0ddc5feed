// Dates of the directory and the grants (`employment.start/end`, `hr.resignation_date`,
// `granted`, …) as the access and weak-spots reviews read them: ISO 8601 calendar dates
// (`2026-03-01`, optionally with a time), checked field by field. `Date.parse` alone is not enough:
// it rolls an impossible day over (`2026-02-30` is 2 March), reads a number as a year (12345) and
// throws nothing, so a typo would become a wrong "left on …" finding.

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant of an ISO date (or date and time), in ms; NaN when the value is not text, not in
 * that form, or names a day, hour or minute that does not exist (`2026-02-30`, `2026-13-45`).
 */
export function calendarTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)))
    return Number.NaN;
  // The form is checked: what the rest of the engine reads (`Date.parse`) is what the value means.
  return Date.parse(value.trim().replace(' ', 'T'));
}

/** Whether a value is a date `calendarTime` reads. */
export function isCalendarDate(value: unknown): value is string {
  return Number.isFinite(calendarTime(value));
}
