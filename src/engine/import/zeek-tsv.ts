// Zeek's own log format (`conn.log`, `http.log`, `files.log` as Zeek writes them by default): tab-
// separated rows under header lines that say how to read them — `#separator \x09`, `#set_separator`,
// `#empty_field`, `#unset_field`, `#path`, `#fields` (the column names, dotted: `id.orig_h`) and
// `#types` (`time`, `count`, `addr`, `set[string]`…). A cell equal to the unset mark (`-`) is an
// absent field, the empty mark (`(empty)`) an empty text or list; `time` and number types are
// numbers, `bool` is true/false (`T`/`F`), sets and vectors are lists. Zeek writes a separator or a
// byte that is not printable inside a value as `\xHH`. Rows are located by line like CSV rows.
// Concatenated logs repeat the header: each `#fields` line starts a new table.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { completeLines } from './complete-lines.ts';
import { importError } from './diagnostic.ts';
import { ensureEventId, rowId } from './event-id.ts';
import { EventTimes } from './event-time.ts';
import { FieldProblems } from './flatten.ts';
import type { PieceReader } from './types.ts';

/** The line every Zeek log of this format starts with: the separator, written escaped. */
export const ZEEK_FIRST_LINE = '#separator ';

/** Whether a text starts as a Zeek log does (after a byte-order mark). */
export function isZeekTsv(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return text.startsWith(ZEEK_FIRST_LINE, start);
}

const ESCAPE = /\\x([0-9a-fA-F]{2})/g;

function unescape(text: string): string {
  return text.includes('\\x')
    ? text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** How many errors of one kind a file lists before it only counts the rest. */
const LISTED_PER_KIND = 10;

type CellKind = 'number' | 'bool' | 'list' | 'text';

function kindOf(type: string | undefined): CellKind {
  switch (type) {
    case 'time':
    case 'interval':
    case 'double':
    case 'count':
    case 'int':
    case 'port':
      return 'number';
    case 'bool':
      return 'bool';
    default:
      return type !== undefined && /^(?:set|vector|table)\[/.test(type) ? 'list' : 'text';
  }
}

export class ZeekTsvReader implements PieceReader {
  private pending = '';
  private lineNumber = 0;
  private separator = '\t';
  private setSeparator = ',';
  private emptyField = '(empty)';
  private unsetField = '-';
  private path: string | undefined;
  private fields: string[] | undefined;
  private kinds: CellKind[] = [];
  private fieldsLine = 0;
  private rows = 0;
  private skipped = 0;
  private readonly times: EventTimes;
  private readonly flattening: FieldProblems;
  /** Errors listed so far, by kind; past the cap they are counted (with the first line). */
  private readonly listed = new Map<
    string,
    { listed: number; more: number; firstMore: number; message: string }
  >();

  constructor(private readonly file: string) {
    this.times = new EventTimes(file);
    this.flattening = new FieldProblems(file);
  }

  /** Data rows not imported (wrong width, before any `#fields`). */
  get rowsSkipped(): number {
    return this.skipped;
  }

  push(chunk: string): { events: EngineEvent[]; errors: Diagnostic[] } {
    const { lines, rest } = completeLines(this.pending, chunk);
    this.pending = rest;
    return lines === undefined ? { events: [], errors: [] } : this.readLines(lines);
  }

  end(): { events: EngineEvent[]; errors: Diagnostic[] } {
    const rest = this.pending;
    this.pending = '';
    const last = rest === '' ? { events: [], errors: [] } : this.readLines(rest);
    const { file } = this;
    if (this.fields === undefined) {
      last.errors.push(
        importError(
          file,
          1,
          'this Zeek log has no "#fields" header line, so its rows cannot be named: nothing in it was imported',
          {
            suggestion:
              'keep the header lines Zeek writes (#separator … #fields … #types …) at the top of the file',
          },
        ),
      );
    } else if (this.rows === 0) {
      last.errors.push(
        importError(file, this.fieldsLine, 'this Zeek log has a header but no rows, so no events', {
          severity: 'warning',
        }),
      );
    }
    for (const [, kind] of this.listed) {
      if (kind.more === 0) continue;
      last.errors.push(
        importError(
          file,
          kind.firstMore,
          `${kind.more} more row${kind.more === 1 ? '' : 's'} from this line on with the same problem as above (${kind.message}) not listed`,
        ),
      );
    }
    const summary = this.times.summary();
    if (summary) last.errors.push(summary);
    const fieldSummary = this.flattening.summary();
    if (fieldSummary) last.errors.push(fieldSummary);
    return last;
  }

  private report(errors: Diagnostic[], key: string, error: Diagnostic): void {
    const kind = this.listed.get(key) ?? { listed: 0, more: 0, firstMore: 0, message: error.message };
    this.listed.set(key, kind);
    if (kind.listed < LISTED_PER_KIND) {
      kind.listed++;
      errors.push(error);
    } else if (kind.more++ === 0) kind.firstMore = error.line;
  }

  private readLines(block: string): { events: EngineEvent[]; errors: Diagnostic[] } {
    const events: EngineEvent[] = [];
    const errors: Diagnostic[] = [];
    let start = 0;
    while (start <= block.length) {
      let end = block.indexOf('\n', start);
      if (end < 0) end = block.length;
      this.lineNumber++;
      let line = block.slice(start, end > start && block.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (this.lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      start = end + 1;
      if (line === '') continue;
      if (line.charCodeAt(0) === 35 /* # */) this.readHeader(line, errors);
      else this.readRow(line, events, errors);
    }
    return { events, errors };
  }

  private readHeader(line: string, errors: Diagnostic[]): void {
    if (line.startsWith(ZEEK_FIRST_LINE)) {
      this.separator = unescape(line.slice(ZEEK_FIRST_LINE.length)) || '\t';
      return;
    }
    const parts = line.split(this.separator);
    const values = parts.slice(1);
    const first = values[0] ?? '';
    switch (parts[0]) {
      case '#set_separator':
        this.setSeparator = unescape(first);
        return;
      case '#empty_field':
        this.emptyField = first;
        return;
      case '#unset_field':
        this.unsetField = first;
        return;
      case '#path':
        this.path = first;
        return;
      case '#fields':
        this.fields = values;
        this.kinds = values.map(() => 'text');
        this.fieldsLine = this.lineNumber;
        return;
      case '#types':
        if (this.fields !== undefined && values.length !== this.fields.length) {
          errors.push(
            importError(
              this.file,
              this.lineNumber,
              `"#types" lists ${values.length} types for ${this.fields.length} fields: every value is read as text`,
              { path: '#types', severity: 'warning' },
            ),
          );
          return;
        }
        this.kinds = values.map(kindOf);
        return;
      default:
        // `#open`, `#close` and any other comment line say nothing about the rows.
        return;
    }
  }

  private readRow(line: string, events: EngineEvent[], errors: Diagnostic[]): void {
    const { file, lineNumber } = this;
    const fields = this.fields;
    if (fields === undefined) {
      this.skipped++;
      this.report(
        errors,
        'no-fields',
        importError(
          file,
          lineNumber,
          `line ${lineNumber} is a row before any "#fields" header line: skipped`,
          {
            suggestion: 'keep the header lines Zeek writes (#fields, #types) above the rows',
          },
        ),
      );
      return;
    }
    const cells = line.split(this.separator);
    if (cells.length !== fields.length) {
      this.skipped++;
      this.report(
        errors,
        'width',
        importError(
          file,
          lineNumber,
          `line ${lineNumber} has ${cells.length} cells, the "#fields" line (line ${this.fieldsLine}) names ${fields.length}: skipped`,
          { suggestion: 'check that the row is not cut short and that its values are tab-separated' },
        ),
      );
      return;
    }
    this.rows++;
    const row: Record<string, EventValue> = {};
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]!;
      if (cell === this.unsetField) continue;
      const field = fields[index]!;
      const kind = this.kinds[index]!;
      if (cell === this.emptyField) {
        row[field] = kind === 'list' ? [] : '';
        continue;
      }
      const value = this.valueOf(cell, kind);
      if (value === undefined) {
        row[field] = unescape(cell);
        this.report(
          errors,
          `type:${field}`,
          importError(
            file,
            lineNumber,
            `field "${field}" is "${cell}", not a ${kind === 'bool' ? 'T or F' : 'number'}: kept as text`,
            {
              column: index + 1,
              path: field,
              severity: 'warning',
            },
          ),
        );
        continue;
      }
      row[field] = value;
    }
    if (this.path !== undefined && row['event.dataset'] === undefined)
      row['event.dataset'] = `zeek.${this.path}`;
    const { event, warnings } = this.flattening.flatten(row, lineNumber);
    for (const warning of warnings) errors.push(warning);
    const problem = this.times.check(event, lineNumber);
    if (problem) errors.push(problem);
    events.push(ensureEventId(event, rowId(file, lineNumber)));
  }

  private valueOf(cell: string, kind: CellKind): EventValue | undefined {
    switch (kind) {
      case 'number': {
        const number = Number(cell);
        return cell.trim() === '' || Number.isNaN(number) ? undefined : number;
      }
      case 'bool':
        return cell === 'T' ? true : cell === 'F' ? false : undefined;
      case 'list':
        return cell.split(this.setSeparator).map(unescape);
      default:
        return unescape(cell);
    }
  }
}

/** Reads a whole Zeek log at once. */
export function parseZeekTsv(
  text: string,
  file: string,
): { events: EngineEvent[]; errors: Diagnostic[]; rowsSkipped: number } {
  const reader = new ZeekTsvReader(file);
  const first = reader.push(text);
  const last = reader.end();
  return {
    events: [...first.events, ...last.events],
    errors: [...first.errors, ...last.errors],
    rowsSkipped: reader.rowsSkipped,
  };
}
