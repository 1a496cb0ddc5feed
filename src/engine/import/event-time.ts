// `@timestamp` as logs write it → what an event carries (docs/data-model.md: ISO 8601 with a zone).
// Read by the NDJSON and JSON importers. A time written with a zone is kept exactly as written; an
// epoch number and an ISO time without a zone (read as UTC, never as the reader's local time) become
// ISO; anything else is kept as written and reported (file, line, field), since rules that read no
// time still apply to the event, while correlations and baselines would place it on 1970-01-01.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';

/** Below this, an epoch number counts seconds (1e11 ms is 1973; 1e11 s is the year 5138). */
const EPOCH_SECONDS_BELOW = 1e11;
const EPOCH_TEXT = /^-?\d{9,16}(?:\.\d+)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:?\d\d)$/;
const ISO_WITHOUT_ZONE = /^(\d{4}-\d\d-\d\d)(?:[Tt ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?$/;
const KIBANA = /^([A-Za-z]{3,9})\s+(\d{1,2}),\s+(\d{4})\s+@\s+(\d\d:\d\d:\d\d(?:\.\d+)?)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Problems reported one by one per file; past this, one line says how many more. */
const REPORTED_PER_FILE = 20;

function iso(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function fromEpoch(value: number): string | undefined {
  return iso(Math.abs(value) < EPOCH_SECONDS_BELOW ? value * 1000 : value);
}

/** The event's time as it should be written, or a problem (`{ problem }`), or nothing to change. */
export function normaliseTime(value: unknown): { time?: string; problem?: string } {
  // An event without a time is not an error of the file (test logs often have none); a run says
  // when a correlation counted such events.
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'number') {
    const time = fromEpoch(value);
    return time ? { time } : { problem: `@timestamp ${value} is not a time` };
  }
  if (typeof value !== 'string')
    return { problem: `@timestamp is ${Array.isArray(value) ? 'a list' : typeof value}, not a time` };
  const text = value.trim();
  if (ISO_WITH_ZONE.test(text) && Number.isFinite(Date.parse(text))) return {};
  if (EPOCH_TEXT.test(text)) {
    const time = fromEpoch(Number(text));
    if (time) return { time };
  }
  const local = ISO_WITHOUT_ZONE.exec(text);
  if (local) {
    const time = iso(Date.parse(`${local[1]}T${local[2] ?? '00:00:00'}Z`));
    if (time) return { time };
  }
  // Kibana's CSV export writes "Mar 2, 2026 @ 09:14:05.000" (no zone: read as UTC, as above).
  const kibana = KIBANA.exec(text);
  if (kibana) {
    const [, month, day, year, clock] = kibana;
    const index = MONTHS.indexOf((month as string).slice(0, 3).toLowerCase());
    const time =
      index < 0
        ? undefined
        : iso(
            Date.parse(
              `${year}-${String(index + 1).padStart(2, '0')}-${(day as string).padStart(2, '0')}T${clock}Z`,
            ),
          );
    if (time) return { time };
  }
  // Other spellings with an explicit zone are unambiguous (RFC 2822 "Mon, 02 Mar 2026 09:14:05 GMT").
  if (/(?:\bGMT|\bUTC|[+-]\d\d:?\d\d)$/i.test(text)) {
    const time = iso(Date.parse(text));
    if (time) return { time };
  }
  return { problem: `@timestamp ${JSON.stringify(value)} is not an ISO 8601 time` };
}

/** One file's events checked as they are read: times normalised, problems reported (capped). */
export class EventTimes {
  private problems = 0;

  constructor(private readonly file: string) {}

  /** Normalises `event['@timestamp']` in place; returns a warning for the file's first problems. */
  check(event: EngineEvent, line: number): Diagnostic | undefined {
    const { time, problem } = normaliseTime(event['@timestamp']);
    if (time !== undefined) event['@timestamp'] = time;
    if (problem === undefined || ++this.problems > REPORTED_PER_FILE) return undefined;
    return importError(
      this.file,
      line,
      `line ${line} ${problem}: the event is kept, but correlations and baselines date it 1970-01-01`,
      {
        path: '@timestamp',
        severity: 'warning',
        suggestion:
          'write @timestamp as ISO 8601 with a zone, e.g. "2026-03-02T09:14:05Z" (epoch seconds or milliseconds are read too)',
      },
    );
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
