// Nested JSON → the flat, dotted event the engine speaks. The flattening itself is the event
// module's (one behaviour for imported events and joined directory facts alike); this file adds
// what importers need around it.
import { flattenRecord, type FlattenProblem } from '../event/flatten.ts';
import type { Diagnostic, EngineEvent } from '../types.ts';
import { AuditLogFields } from './audit-log/index.ts';
import { importError } from './diagnostic.ts';
import { LargeNumbers } from './large-numbers.ts';

/** Flattens one event; `onProblem` hears of fields given twice and values nested too deep. */
export function flattenEvent(
  object: Record<string, unknown>,
  onProblem?: (problem: FlattenProblem) => void,
): EngineEvent {
  return flattenRecord(object, '', {}, onProblem ? { onProblem } : {});
}

/** Problems reported one by one per file; past this, one line says how many more. */
const REPORTED_PER_FILE = 20;

/**
 * Where common log formats keep what our vocabulary calls `@timestamp` and `content`: an event
 * lacking the field (the first of its column) is given the value of the source field it has.
 */
const SOURCE_FIELDS: readonly (readonly [target: string, source: string, format: string])[] = [
  ['@timestamp', 'eventTime', "CloudTrail's time"],
  ['@timestamp', '_time', "Splunk's time"],
  ['@timestamp', 'Event.System.TimeCreated.#attributes.SystemTime', "evtx_dump's time"],
  ['@timestamp', 'winlog.time_created', "winlogbeat's time"],
  ['content', '_raw', "Splunk's raw event text"],
];

/** A field name as a message quotes it: a path 100 levels deep is cut short. */
function quoted(field: string): string {
  return JSON.stringify(field.length > 80 ? `${field.slice(0, 80)}…` : field);
}

/**
 * One file's flattening problems, located: each event is flattened with `flatten(object, line)`,
 * which returns the event and the warnings for its line (the file's first 20; `summary` counts the
 * rest). The same pass gives a cloud audit record (CloudTrail, Microsoft 365) its ECS fields and
 * puts back numbers past 2^53 − 1 as the digits `text`, the JSON the object was parsed from, wrote.
 */
export class FieldProblems {
  private problems = 0;
  /** The well-known fields (`SOURCE_FIELDS`) this file's events were given a field from. */
  private readonly borrowed = new Set<string>();
  private readonly largeNumbers: LargeNumbers;
  private readonly auditLogs: AuditLogFields;

  constructor(private readonly file: string) {
    this.largeNumbers = new LargeNumbers(file);
    this.auditLogs = new AuditLogFields(file);
  }

  flatten(
    object: Record<string, unknown>,
    line: number,
    text?: string,
  ): { event: EngineEvent; warnings: Diagnostic[] } {
    const warnings: Diagnostic[] = [];
    const event = flattenEvent(object, (problem) => {
      if (++this.problems > REPORTED_PER_FILE) return;
      warnings.push(this.warning(problem, line));
    });
    const large = this.largeNumbers.check(event, text, line);
    if (large) warnings.push(large);
    const borrowed = this.borrow(event, line);
    if (borrowed) warnings.push(borrowed);
    for (const audit of this.auditLogs.add(event, line)) warnings.push(audit);
    return { event, warnings };
  }

  /**
   * Gives an event without `@timestamp` (or `content`) the value of the field its log format keeps
   * it in (`SOURCE_FIELDS`); the source field stays. Said once per file and source field.
   */
  private borrow(event: EngineEvent, line: number): Diagnostic | undefined {
    const firsts: string[] = [];
    const targets = new Set<string>();
    for (const [target, source, format] of SOURCE_FIELDS) {
      if (event[target] !== undefined) continue;
      const value = event[source];
      if (value === undefined || value === null || value === '') continue;
      event[target] = value;
      if (this.borrowed.has(source)) continue;
      this.borrowed.add(source);
      firsts.push(`${target} from "${source}" (${format})`);
      targets.add(target);
    }
    if (firsts.length === 0) return undefined;
    return importError(
      this.file,
      line,
      `events take ${firsts.join(' and ')} where they lack it (first at line ${line})`,
      { path: [...targets].join(', '), severity: 'warning' },
    );
  }

  private warning(problem: FlattenProblem, line: number): Diagnostic {
    if (problem.kind === 'duplicate') {
      return importError(
        this.file,
        line,
        `line ${line} gives field ${quoted(problem.field)} twice (written both dotted and nested): the last one written is kept, the other dropped`,
        {
          path: problem.field,
          severity: 'warning',
          suggestion: 'write each field once, either dotted or nested',
        },
      );
    }
    return importError(
      this.file,
      line,
      `line ${line} nests field ${quoted(problem.field)} more than ${problem.limit} levels deep: that value is dropped, the rest of the event is kept`,
      { path: problem.field, severity: 'warning' },
    );
  }

  /** After the file: how many problems were not reported one by one. */
  summary(): Diagnostic | undefined {
    const unreported = this.problems - REPORTED_PER_FILE;
    if (unreported <= 0) return undefined;
    return importError(
      this.file,
      1,
      `${unreported} more fields of this file were given twice or nested too deep`,
      { severity: 'warning' },
    );
  }
}

/** Whether a parsed JSON value can be an event at all (arrays and scalars cannot). */
export function isEventObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value that is not an event is named in a diagnostic. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** Names of a wrapper's lists that usually hold the events, when a document has several lists. */
const USUAL_LIST_KEYS = ['records', 'Records', 'results', 'events', 'logs', 'items', 'data'];

/**
 * The key of a top-level object holding its events under one key (`{"records": […]}`, CloudTrail's
 * `Records`, Splunk's `results`): the one property whose value is a non-empty list of objects (or,
 * when several are, the one of those with a usual name), provided the object itself does not look
 * like an event (no `@timestamp`, no `event`/`event.*`). Undefined otherwise.
 */
export function wrappedListKey(value: Record<string, unknown>): string | undefined {
  if ('@timestamp' in value || 'event' in value) return undefined;
  if (Object.keys(value).some((key) => key.startsWith('event.'))) return undefined;
  const lists = Object.keys(value).filter((key) => {
    const list = value[key];
    return Array.isArray(list) && list.length > 0 && list.every(isEventObject);
  });
  if (lists.length === 1) return lists[0];
  const usual = lists.filter((key) => USUAL_LIST_KEYS.includes(key));
  return usual.length === 1 ? usual[0] : undefined;
}
