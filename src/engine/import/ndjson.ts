// NDJSON: one JSON object per line. Streams: text arrives in chunks of any size (a line may be cut
// anywhere) and every complete line is parsed as soon as it is whole. Elastic's line formats are
// recognised line by line (`ElasticLines`): a search response per line (a scroll dump), one hit per
// line, and `_bulk` bodies (action lines are not events; their `_id` goes to the next document).
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError, jsonErrorMessage } from './diagnostic.ts';
import { ElasticLines } from './ecs.ts';
import { ensureEventId, rowId } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { describe, FieldProblems, isEventObject } from './flatten.ts';

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

  constructor(private readonly file: string) {
    this.times = new EventTimes(file);
    this.fields = new FieldProblems(file);
    this.elastic = new ElasticLines(file);
  }

  /** Feeds a chunk; returns the events of the lines it completed. */
  push(chunk: string): NdjsonChunkResult {
    const text = this.pending + chunk;
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      this.pending = text;
      return { events: [], errors: [] };
    }
    this.pending = text.slice(lastBreak + 1);
    return this.parseLines(text.slice(0, lastBreak));
  }

  /** Flushes the last line (a file need not end with a newline). */
  end(): NdjsonChunkResult {
    const rest = this.pending;
    this.pending = '';
    const last = rest === '' ? { events: [], errors: [] } : this.parseLines(rest);
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
      const parsed = parseNdjsonLine(line, this.file, this.lineNumber, this.elastic, this.fields);
      for (const event of parsed.events ?? []) {
        events.push(event);
        const problem = this.times.check(event, this.lineNumber);
        if (problem) errors.push(problem);
      }
      if (parsed.errors) for (const error of parsed.errors) errors.push(error);
      start = end + 1;
    }
    return { events, errors };
  }
}

function parseNdjsonLine(
  line: string,
  file: string,
  lineNumber: number,
  elastic: ElasticLines,
  fields: FieldProblems,
): { events?: EngineEvent[]; errors?: Diagnostic[] } {
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
          suggestion:
            'each line must hold one complete JSON object, e.g. {"@timestamp": "…", "user.name": "…"}',
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
  const { event, warnings } = fields.flatten(read.document, lineNumber, trimmed);
  if (read.id !== undefined && event['event.id'] === undefined) event['event.id'] = read.id;
  const made = ensureEventId(event, rowId(file, lineNumber));
  const errors = warnings.length > 0 ? [...read.errors, ...warnings] : read.errors;
  return errors.length > 0 ? { events: [made], errors } : { events: [made] };
}

export { describe } from './flatten.ts';

/** Parses a whole NDJSON text at once. */
export function parseNdjson(text: string, file: string): NdjsonChunkResult {
  const reader = new NdjsonReader(file);
  const first = reader.push(text);
  const last = reader.end();
  return { events: [...first.events, ...last.events], errors: [...first.errors, ...last.errors] };
}
