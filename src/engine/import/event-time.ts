// `@timestamp` as logs write it → what an event carries (docs/data-model.md: ISO 8601 with a zone).
// Read by the NDJSON and JSON importers. A time written with a zone is kept exactly as written; an
// epoch number and an ISO time without a zone (read as UTC, never as the reader's local time) become
// ISO; other text JavaScript reads is read by its clock as UTC and reported; anything else is kept as
// written and reported (file, line, field), since rules that read no time still apply to the event,
// while correlations and baselines leave it out (it has no place in a time window).
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';

/**
 * An epoch number's unit, by its size: seconds below 1e11 (1e11 ms is 1973; 1e11 s is the year
 * 5138), milliseconds below 1e14, microseconds (Zeek, Elastic's `date_nanos` exports) below 1e17,
 * nanoseconds beyond. Each unit's range starts where the one before becomes implausible (after
 * 1973) and ends past the year 5000, so the size alone tells the unit of any time a log holds.
 */
const EPOCH_UNITS: readonly (readonly [below: number, msPerUnit: number])[] = [
  [1e11, 1000],
  [1e14, 1],
  [1e17, 1e-3],
  [Number.POSITIVE_INFINITY, 1e-6],
];
const EPOCH_TEXT = /^-?\d{9,19}(?:\.\d+)?$/;
/** A date written as a number or digits, `YYYYMMDD` (20260301), between 1900 and 2100. */
const YYYYMMDD = /^(19\d\d|20\d\d|2100)(\d\d)(\d\d)$/;
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:?\d\d)$/;
const ISO_WITHOUT_ZONE = /^(\d{4}-\d\d-\d\d)(?:[Tt ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?$/;
const KIBANA = /^([A-Za-z]{3,9})\s+(\d{1,2}),\s+(\d{4})\s+@\s+(\d\d:\d\d:\d\d(?:\.\d+)?)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Problems reported one by one per file; past this, one line says how many more. */
const REPORTED_PER_FILE = 20;

/** The latest instant a Date holds, in ms either side of 1970 (years -271821 to 275760). */
const MAX_TIME = 8.64e15;
/** ISO 8601 with a six-digit signed year (`+275760-09-13T00:00:00Z`), as `toISOString` writes far dates. */
const ISO_EXPANDED_WITH_ZONE =
  /^[+-]\d{6}-\d\d-\d\d[Tt]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:?\d\d)$/;

/**
 * An instant as every time the app writes is written: ISO 8601 in UTC, milliseconds only when there
 * are some (`2026-03-02T09:14:05Z`, `…05.250Z`); undefined outside what a Date holds.
 */
export function isoTime(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_TIME) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function fromEpoch(value: number): string | undefined {
  const unit = EPOCH_UNITS.find(([below]) => Math.abs(value) < below);
  if (!unit) return undefined; // (Infinity, NaN)
  return isoTime(unit[1] === 1 ? value : value * unit[1]);
}

/**
 * An 8-digit integer that is a date of the calendar (`20260301`): read as that day (UTC midnight),
 * which is what a log writing it means (as epoch seconds it would be a moment of 1970), and said.
 */
function fromDateDigits(value: number | string): ReturnType<typeof normaliseTime> | undefined {
  const match = YYYYMMDD.exec(String(value));
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || notARealDate(year, month, day) !== undefined) return undefined;
  const time = `${match[1]}-${match[2]}-${match[3]}T00:00:00Z`;
  return {
    time,
    readAs: time,
    problem: `@timestamp ${JSON.stringify(value)} is read as the date ${time.slice(0, 10)} (YYYYMMDD), not as ${isoTime(Number(value) * 1000)} (epoch seconds)`,
    suggestion: `write it as ISO 8601 with a zone, e.g. "${time}"`,
  };
}

/**
 * Why a year, month (1–12) and day do not make a date of the calendar (`2026-02-30`), or nothing.
 * `Date.parse` reads such a day on into the next month rather than refusing it.
 */
function notARealDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day <= days) return undefined;
  return `${year}-${String(month).padStart(2, '0')} has ${days} days`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A problem with the date of a text starting `YYYY-MM-DD`, read by `Date.parse` as `time`. */
function realDateProblem(text: string, value: string, time: string | undefined) {
  const why = notARealDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
  if (why === undefined) return undefined;
  return {
    problem: `@timestamp ${JSON.stringify(value)} is not a real date (${why})`,
    ...(time === undefined ? {} : { readAs: time }),
  };
}

/**
 * The event's time as it should be written (`time`), or a problem (`problem`), or nothing to change.
 * With a problem, `readAs` is the instant the engine reads all the same (a 30 February is read as
 * 2 March); without it the time is unreadable, and the engine dates the event 1970-01-01.
 */
export function normaliseTime(value: unknown): {
  time?: string;
  problem?: string;
  readAs?: string;
  suggestion?: string;
} {
  // An event without a time is not an error of the file (test logs often have none); a run says
  // when a correlation counted such events.
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'number') {
    const date = fromDateDigits(value);
    if (date) return date;
    const time = fromEpoch(value);
    if (time) return { time };
    // A number no Date holds (1e300) is kept as its text, as an unreadable string would be: read
    // as a number, every later use of the time would fail.
    return {
      time: String(value),
      problem: Number.isFinite(value)
        ? `@timestamp ${value} is outside the range of dates (epoch seconds, milliseconds, microseconds or nanoseconds up to the year 275760)`
        : `@timestamp ${value} is not a time`,
    };
  }
  if (typeof value !== 'string')
    return { problem: `@timestamp is ${Array.isArray(value) ? 'a list' : typeof value}, not a time` };
  const text = value.trim();
  if (ISO_WITH_ZONE.test(text)) {
    const parsed = Date.parse(text);
    if (Number.isFinite(parsed)) return realDateProblem(text, value, isoTime(parsed)) ?? {};
  }
  if (ISO_EXPANDED_WITH_ZONE.test(text)) {
    if (Number.isFinite(Date.parse(text))) return {};
    return {
      problem: `@timestamp ${JSON.stringify(value)} is outside the range of dates (the years -271821 to 275760)`,
    };
  }
  const date = fromDateDigits(text);
  if (date) return date;
  if (EPOCH_TEXT.test(text)) {
    const time = fromEpoch(Number(text));
    if (time) return { time };
  }
  const local = ISO_WITHOUT_ZONE.exec(text);
  if (local) {
    const time = isoTime(Date.parse(`${local[1]}T${local[2] ?? '00:00:00'}Z`));
    if (time) {
      const unreal = realDateProblem(text, value, time);
      return unreal ? { time, ...unreal } : { time };
    }
  }
  // Kibana's CSV export writes "Mar 2, 2026 @ 09:14:05.000" (no zone: read as UTC, as above).
  const kibana = KIBANA.exec(text);
  if (kibana) {
    const [, month, day, year, clock] = kibana;
    const index = MONTHS.indexOf((month as string).slice(0, 3).toLowerCase());
    const date = `${year}-${String(index + 1).padStart(2, '0')}-${(day as string).padStart(2, '0')}`;
    const time = index < 0 ? undefined : isoTime(Date.parse(`${date}T${clock}Z`));
    if (time) {
      const unreal = realDateProblem(date, value, time);
      return unreal ? { time, ...unreal } : { time };
    }
  }
  // Other spellings with an explicit zone are unambiguous (RFC 2822 "Mon, 02 Mar 2026 09:14:05 GMT").
  if (EXPLICIT_ZONE.test(text)) {
    const time = isoTime(Date.parse(text));
    if (time) return { time };
  }
  if (ISO_YEAR_OR_MONTH.test(text)) {
    const time = isoTime(Date.parse(text));
    if (time)
      return {
        time,
        readAs: time,
        problem: `@timestamp ${JSON.stringify(value)} names no day`,
        suggestion: `write the whole time, e.g. "${time}"`,
      };
  }
  // Any other spelling JavaScript reads ("Mon 2 Mar 2026 09:00", "03/02/2026 09:00"): its clock read
  // as UTC, as a zone-less ISO time is, never as the reader's local time (the same file must mean
  // the same instants on every machine), and said, since the reading of such text is a guess.
  const time = isoTime(wallClockAsUtc(text));
  if (time)
    return {
      time,
      readAs: time,
      problem: `@timestamp ${JSON.stringify(value)} is not ISO 8601`,
      suggestion: `check the time was meant as UTC, and write it as ISO 8601 with a zone, e.g. "${time}"`,
    };
  return { problem: `@timestamp ${JSON.stringify(value)} is not an ISO 8601 time` };
}

/** A zone at the end of a time written otherwise than ISO 8601 ("… GMT", "… +01:00", "… EST"). */
/**
 * A zone anywhere in a time written otherwise than ISO 8601 ("… GMT", "… +01:00", "… EST", or
 * JavaScript's own "Mon Mar 02 2026 09:00:00 GMT+0100 (CET)"): the text names its instant.
 */
const EXPLICIT_ZONE = /\b(?:GMT|UTC?|Z|[ECMP][SD]T)\b|(?:GMT|UTC)[+-]\d\d:?\d\d|[+-]\d\d:?\d\d$/i;
/** ISO 8601's year or year and month alone (`2026`, `2026-03`), which JavaScript reads as UTC. */
const ISO_YEAR_OR_MONTH = /^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/;

/** The clock and calendar of a zone-less text JavaScript reads, as a UTC instant. */
function wallClockAsUtc(text: string): number {
  // (JavaScript's lenient reader makes 1 January 2001 of "step 1": a year must be written.)
  if (!/(?:^|\D)(?:1[89]|2\d)\d\d(?:\D|$)/.test(text)) return Number.NaN;
  // Read with a zone named, never through the machine's local time (whose daylight-saving gaps
  // would move 02:30 on the night clocks change).
  return Date.parse(`${text} GMT`);
}

const ENDS_WITH_ZONE = /(?:[Zz]|[+-]\d\d:?\d\d)$/;

/**
 * The instant an event's `@timestamp` means, in epoch ms (NaN when it has none): what the
 * importers make of it (`normaliseTime`), for events that did not come through one (a pack's test
 * documents, events handed to the engine): a zone-less time is UTC on every machine.
 */
export function timeValue(value: unknown): number {
  // (A number is read by its size, as the importers read it: epoch seconds, ms, µs, ns, YYYYMMDD.)
  if (typeof value !== 'string' && typeof value !== 'number') return Number.NaN;
  if (typeof value === 'number') {
    const { time, readAs } = normaliseTime(value);
    const read = readAs ?? time;
    return read === undefined ? Number.NaN : Date.parse(read);
  }
  // (Most events: ISO 8601 with a zone, read as written.)
  if (ENDS_WITH_ZONE.test(value)) {
    const time = Date.parse(value);
    if (Number.isFinite(time)) return time;
  }
  const { time, readAs } = normaliseTime(value);
  const read = readAs ?? time;
  return read === undefined ? Number.NaN : Date.parse(read);
}

/** One file's events checked as they are read: times normalised, problems reported (capped). */
export class EventTimes {
  private problems = 0;

  constructor(private readonly file: string) {}

  /** Normalises `event['@timestamp']` in place; returns a warning for the file's first problems. */
  check(event: EngineEvent, line: number): Diagnostic | undefined {
    const stamp = event['@timestamp'];
    const { time, problem, readAs, suggestion } = normaliseTime(stamp);
    if (time !== undefined) event['@timestamp'] = time;
    if (problem === undefined || ++this.problems > REPORTED_PER_FILE) return undefined;
    // What the run makes of it: alerts show @timestamp as the event holds it; correlations and
    // baselines use `readAs`, or leave an event with an unreadable time out.
    const held =
      typeof stamp === 'number' && time !== undefined ? `as the text ${JSON.stringify(time)}` : 'as written';
    const outcome =
      readAs !== undefined
        ? `the event is kept, its @timestamp read as ${readAs}`
        : `the event is kept with @timestamp ${held} (so alerts show it), but correlations and baselines leave it out`;
    return importError(this.file, line, `line ${line} ${problem}: ${outcome}`, {
      path: '@timestamp',
      severity: 'warning',
      suggestion:
        suggestion ??
        (readAs !== undefined
          ? 'check the date: its day is past the end of its month'
          : 'write @timestamp as ISO 8601 with a zone, e.g. "2026-03-02T09:14:05Z" (epoch seconds, milliseconds, microseconds or nanoseconds are read too)'),
    });
  }

  /** After the file: how many problems were not reported one by one. */
  summary(): Diagnostic | undefined {
    const unreported = this.problems - REPORTED_PER_FILE;
    if (unreported <= 0) return undefined;
    return importError(this.file, 1, `${unreported} more events of this file have no readable @timestamp`, {
      path: '@timestamp',
      severity: 'warning',
    });
  }
}
