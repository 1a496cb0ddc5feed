// NDJSON: one JSON object per line. Streams: text arrives in chunks of any size (a line may be cut
// anywhere) and every complete line is parsed as soon as it is whole. Elastic's line formats are
// recognised line by line (`ElasticLines`): a search response per line (a scroll dump), one hit per
// line, and `_bulk` bodies (action lines are not events; their `_id` goes to the next document).
import type { Diagnostic, EngineEvent } from '../types.ts';
import { AuditdLines, isAuditdLine } from './auditd.ts';
import { completeLines } from './complete-lines.ts';
import { importError, jsonErrorMessage } from './diagnostic.ts';
import { ElasticLines } from './ecs.ts';
import { ensureEventId, LargeEventIds, rowId } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { describe, FieldProblems, isEventObject } from './flatten.ts';
import { readRecordsLine, recordListKey, type RecordsLineReaders } from './records-line.ts';

export interface NdjsonChunkResult {
  events: EngineEvent[];
  errors: Diagnostic[];
}

export class NdjsonReader {
  private pending = '';
  private lineNumber = 0;
  /** Lines seen so far (blank ones included): the progress measure. */
  get lines(): number {
    return this.lineNumber;
  }

  private readonly times: EventTimes;
  private readonly elastic: ElasticLines;
  private readonly fields: FieldProblems;
  private readonly records: RecordsLineReaders & { noted: boolean };
  /** Made at the first Linux audit record line (auditd's text format). */
  private auditd: AuditdLines | undefined;

  constructor(private readonly file: string) {
    this.times = new EventTimes(file);
    this.fields = new FieldProblems(file);
    this.elastic = new ElasticLines(file);
    this.records = {
      fields: this.fields,
      times: this.times,
      largeIds: new LargeEventIds(file),
      noted: false,
    };
  }

  /** Feeds a chunk; returns the events of the lines it completed. */
  push(chunk: string): NdjsonChunkResult {
    const { lines, rest } = completeLines(this.pending, chunk);
    this.pending = rest;
    return lines === undefined ? { events: [], errors: [] } : this.parseLines(lines);
  }

  /** Flushes the last line (a file need not end with a newline). */
  end(): NdjsonChunkResult {
    const rest = this.pending;
    this.pending = '';
    const last = rest === '' ? { events: [], errors: [] } : this.parseLines(rest);
    if (this.auditd) this.addAuditd(this.auditd.finish(), last.events, last.errors);
    for (const error of this.elastic.finish()) last.errors.push(error);
    const summary = this.times.summary();
    if (summary) last.errors.push(summary);
    const fieldSummary = this.fields.summary();
    if (fieldSummary) last.errors.push(fieldSummary);
    return last;
  }

  private parseLines(block: string): NdjsonChunkResult {
    const events: EngineEvent[] = [];
    const errors: Diagnostic[] = [];
    let start = 0;
    while (start <= block.length) {
      let end = block.indexOf('\n', start);
      if (end < 0) end = block.length;
      this.lineNumber++;
      // Strip a CRLF's CR by index: a regex per line costs more than the JSON parse on big files.
      const line = block.slice(start, end > start && block.charCodeAt(end - 1) === 13 ? end - 1 : end);
      const first = line.charCodeAt(0);
      if ((first === 116 /* t */ || first === 110) /* n */ && isAuditdLine(line)) {
        this.auditd ??= new AuditdLines(this.file);
        this.addAuditd(this.auditd.read(line, this.lineNumber), events, errors);
        start = end + 1;
        continue;
      }
      // An audit event ends where a line of another kind begins.
      if (this.auditd && line.trim() !== '') this.addAuditd(this.auditd.finish(), events, errors);
      const parsed = parseNdjsonLine(
        line,
        this.file,
        this.lineNumber,
        this.elastic,
        this.fields,
        this.records,
      );
      for (const event of parsed.events ?? []) {
        events.push(event);
        if (parsed.timesChecked) continue;
        const problem = this.times.check(event, this.lineNumber);
        if (problem) errors.push(problem);
      }
      if (parsed.errors) for (const error of parsed.errors) errors.push(error);
      start = end + 1;
    }
    return { events, errors };
  }

  /** Audit events read, each located at the line of its first record. */
  private addAuditd(
    read: { events: EngineEvent[]; errors: Diagnostic[]; lines: number[] },
    events: EngineEvent[],
    errors: Diagnostic[],
  ): void {
    for (const error of read.errors) errors.push(error);
    read.events.forEach((event, index) => {
      const line = read.lines[index]!;
      const problem = this.times.check(event, line);
      if (problem) errors.push(problem);
      events.push(ensureEventId(event, rowId(this.file, line)));
    });
  }
}

function parseNdjsonLine(
  line: string,
  file: string,
  lineNumber: number,
  elastic: ElasticLines,
  fields: FieldProblems,
  records: RecordsLineReaders & { noted: boolean },
): { events?: EngineEvent[]; errors?: Diagnostic[]; timesChecked?: true } {
  // A BOM on the first line and blank lines (a trailing newline, spacing) are not rows.
  const trimmed = (lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line).trim();
  if (trimmed === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    // V8 says where on the line ("at position 8"): the column, counted in the line as written.
    const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
    const column = at ? line.length - line.trimStart().length + Number(at[1]) + 1 : 1;
    return {
      errors: [
        importError(file, lineNumber, `line ${lineNumber} is not valid JSON: ${jsonErrorMessage(error)}`, {
          column,
          suggestion: notJsonSuggestion(trimmed),
        }),
      ],
    };
  }
  if (!isEventObject(value)) {
    return {
      errors: [
        importError(file, lineNumber, `line ${lineNumber} holds ${describe(value)}, not an event object`, {
          suggestion: 'each line must be a JSON object such as {"event.category": "file", …}',
        }),
      ],
    };
  }
  const read = elastic.read(value, trimmed, lineNumber);
  if (read.kind !== 'document') return read;
  const listKey = read.bulk ? undefined : recordListKey(read.document);
  if (listKey !== undefined) {
    const indent = line.length - line.trimStart().length;
    const result = readRecordsLine(read.document, listKey, trimmed, indent, file, lineNumber, records);
    result.errors.unshift(...read.errors);
    if (!records.noted) {
      records.noted = true;
      result.errors.unshift(
        importError(
          file,
          lineNumber,
          `each line's "${listKey}" list is read as its events, one per record (as an Azure Event Hub or a CloudTrail file writes them; first at line ${lineNumber})`,
          { path: listKey, severity: 'warning' },
        ),
      );
    }
    return { ...result, timesChecked: true };
  }
  const { event, warnings } = fields.flatten(read.document, lineNumber, trimmed);
  if (read.id !== undefined && event['event.id'] === undefined) event['event.id'] = read.id;
  const made = ensureEventId(event, rowId(file, lineNumber));
  const errors = warnings.length > 0 ? [...read.errors, ...warnings] : read.errors;
  return errors.length > 0 ? { events: [made], errors } : { events: [made] };
}

/** What to do about a line that is not JSON: a line of a text log gets a word on text logs. */
function notJsonSuggestion(line: string): string {
  const first = line.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */)
    return 'each line must hold one complete JSON object, e.g. {"@timestamp": "…", "user.name": "…"}';
  return 'this line is plain text, not JSON: only JSON lines (and CSV, Zeek and Linux audit logs) are read; convert a text log to JSON lines first, e.g. with the shipper that collects it (Filebeat, Elastic Agent, Fluent Bit)';
}

export { describe } from './flatten.ts';

/** Parses a whole NDJSON text at once. */
export function parseNdjson(text: string, file: string): NdjsonChunkResult {
  const reader = new NdjsonReader(file);
  const first = reader.push(text);
  const last = reader.end();
  return { events: [...first.events, ...last.events], errors: [...first.errors, ...last.errors] };
}
