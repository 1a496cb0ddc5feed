// CSV with a field mapping: one row, one event. A row whose cells do not fit the header or the
// mapping's types is reported with its line and skipped.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { AUDIT_DATA_COLUMN, readAuditDataRow } from './audit-log/audit-data-cell.ts';
import {
  compileCsvMapping,
  IDENTITY_MAPPING,
  coerceCell,
  type CompiledColumn,
  type CompiledMapping,
} from './csv-mapping.ts';
import { countLineEnds, readCsvRows, RowChunker } from './csv-rows.ts';
import { importError } from './diagnostic.ts';
import { EventTimes } from './event-time.ts';
import { ensureEventId, rowId } from './event-id.ts';
import { FieldProblems } from './flatten.ts';
import type { ImportProgress } from './types.ts';
import { isZeekTsv, ZEEK_FIRST_LINE, ZeekTsvReader } from './zeek-tsv.ts';

export interface CsvEventsResult {
  events: EngineEvent[];
  errors: Diagnostic[];
  /**
   * Data rows not imported (bad rows, and every row of a file not read as CSV at all), counted by
   * line: what a "rows skipped" summary should say. Errors are not rows: one error may stand for
   * many lines, and repeated errors are listed only up to a cap.
   */
  rowsSkipped?: number;
}

/** How many errors of one kind a file lists before it only counts the rest. */
export const REPEATED_ERROR_CAP = 10;

/** A line of JSON (an NDJSON event or a JSON list) rather than a row of CSV cells. */
function looksLikeJsonLine(line: string): boolean {
  const trimmed = line.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  // CERT ids are `{R1D9-…}`: braces, but no JSON inside.
  if (/^(\{\s*"|\[\s*[[{"])/.test(trimmed)) return true;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/**
 * The first line of JSON among the first two non-blank lines of `text` (the header, the first
 * row), with its index, or undefined. Only the first 64 KB are looked at.
 */
function jsonLineAtTop(text: string): { offset: number; header: boolean } | undefined {
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).slice(0, 1 << 16);
  const lines = source.split(/\r\n|\n|\r/);
  let seen = 0;
  for (let index = 0; index < lines.length && seen < 2; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    seen++;
    // A line cut by the 64 KB limit is not judged.
    if (index === lines.length - 1 && source.length === 1 << 16) return undefined;
    if (looksLikeJsonLine(line)) return { offset: index, header: seen === 1 };
  }
  return undefined;
}

function findColumn(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === wanted);
}

/**
 * A header naming one column twice (`user.name,user.name`): each row keeps one of the two cells
 * (the one the mapping reads, else the last), and the warning says which.
 */
function duplicateColumns(
  header: readonly string[],
  bound: readonly { index: number; column: CompiledColumn }[],
  unmapped: readonly { index: number; name: string }[],
  file: string,
  line: number,
): Diagnostic[] {
  const seen = new Map<string, number[]>();
  header.forEach((name, index) => {
    if (name === '') return;
    const list = seen.get(name);
    if (list) list.push(index);
    else seen.set(name, [index]);
  });
  const warnings: Diagnostic[] = [];
  for (const [name, indexes] of seen) {
    if (indexes.length < 2) continue;
    const read =
      bound.find((b) => indexes.includes(b.index))?.index ??
      unmapped.filter((u) => u.name === name).at(-1)?.index;
    const columns = indexes.map((i) => i + 1);
    const listed = `${columns.slice(0, -1).join(', ')} and ${columns.at(-1)}`;
    warnings.push(
      importError(
        file,
        line,
        `the header names column ${JSON.stringify(name)} ${indexes.length === 2 ? 'twice' : `${indexes.length} times`} (columns ${listed})` +
          (read === undefined ? '' : `: each row keeps column ${read + 1}'s cell, the others are dropped`),
        {
          column: (indexes[1] as number) + 1,
          path: name,
          severity: 'warning',
          suggestion: 'rename or remove the extra column',
        },
      ),
    );
  }
  return warnings;
}

/** Parses a CSV text with a header row; `mapping` is the parsed mapping document (or none). */
export function parseCsvEvents(
  text: string,
  file: string,
  mappingInput: unknown = IDENTITY_MAPPING,
  mappingFile = 'mapping',
  onProgress?: ImportProgress,
): CsvEventsResult {
  const reader = new CsvEventReader(file, mappingInput, mappingFile, onProgress);
  const read = reader.push(text);
  const rest = reader.end();
  return {
    events: [...read.events, ...rest.events],
    errors: [...read.errors, ...rest.errors],
    rowsSkipped: reader.rowsSkipped,
  };
}

/**
 * A CSV file read in pieces of any size (an import streaming a large file): each `push` returns
 * the events of the rows completed so far, `end` the rest. Rows are cut only at line breaks outside
 * quotes, the delimiter guessed from the first rows holds for the whole file, and lines are counted
 * across pieces: the events and errors are those of reading the whole text at once.
 */
export class CsvEventReader {
  private readonly chunker = new RowChunker();
  private readonly mapping: CompiledMapping | undefined;
  private readonly pending: Diagnostic[] = [];
  private delimiter: string | undefined;
  private header: string[] | undefined;
  private bound: { index: number; column: CompiledColumn }[] = [];
  private unmapped: { index: number; name: string }[] = [];
  private rows = 0;
  /** Lines seen, to count the rows of a file not read as CSV. */
  private lines = 0;
  /** Set when the file is JSON lines, not CSV: nothing more is parsed. */
  private notCsv = false;
  /** Errors listed so far by kind, and those only counted past the cap (with the first line). */
  private readonly kinds = new Map<
    string,
    { listed: number; more: number; message: string; firstMore: number }
  >();
  private skipped = 0;
  private readonly times: EventTimes;
  /** The header's `AuditData` column (a Microsoft 365 audit export), or -1. */
  private auditDataColumn = -1;
  /** Made at the first `AuditData` cell: its record is read as a JSON event is. */
  private auditDataFields: FieldProblems | undefined;

  /**
   * A Zeek log (`#separator \x09` on its first line) is read by the Zeek reader, unless a mapping
   * was given: undefined until the first characters decide, null for CSV.
   */
  private zeek: ZeekTsvReader | null | undefined;
  /** The text held until the first characters decide. */
  private undecided = '';

  /** Data rows not imported so far (see `CsvEventsResult.rowsSkipped`). */
  get rowsSkipped(): number {
    return this.zeek ? this.zeek.rowsSkipped : this.skipped;
  }

  constructor(
    private readonly file: string,
    mappingInput: unknown = IDENTITY_MAPPING,
    mappingFile = 'mapping',
    private readonly onProgress?: ImportProgress,
  ) {
    this.times = new EventTimes(file);
    if (mappingInput !== IDENTITY_MAPPING) this.zeek = null;
    const compiled = compileCsvMapping(mappingInput, mappingFile);
    this.mapping = compiled.mapping;
    this.delimiter = compiled.mapping?.delimiter;
    for (const item of compiled.errors) this.pending.push(item);
  }

  push(text: string): CsvEventsResult {
    if (this.zeek === undefined) {
      this.undecided += text;
      // A byte-order mark and the first line's name are enough to tell.
      if (this.undecided.length <= ZEEK_FIRST_LINE.length) return { events: [], errors: [] };
      text = this.decide();
    }
    if (this.zeek) return this.zeek.push(text);
    const piece = this.mapping ? this.chunker.push(text) : undefined;
    return this.read(piece, false);
  }

  /** Whether the text held so far is a Zeek log; gives back that text to read. */
  private decide(): string {
    const text = this.undecided;
    this.undecided = '';
    this.zeek = isZeekTsv(text) ? new ZeekTsvReader(this.file) : null;
    return text;
  }

  end(): CsvEventsResult {
    if (this.zeek === undefined) {
      const text = this.decide();
      if (text !== '') {
        const read = this.push(text);
        const rest = this.end();
        return { events: [...read.events, ...rest.events], errors: [...read.errors, ...rest.errors] };
      }
    }
    if (this.zeek) return this.zeek.end();
    const last = this.read(this.mapping ? this.chunker.end() : undefined, true);
    const { file } = this;
    if (this.notCsv) {
      this.skipped = this.lines;
    } else if (this.mapping && this.header === undefined && !this.hadErrors) {
      last.errors.push(
        importError(file, 1, 'the file is empty: no header and no rows, so no events', {
          severity: 'warning',
        }),
      );
    } else if (this.mapping && this.header !== undefined && this.rows === 0) {
      last.errors.push(
        importError(file, this.headerLine, 'the file has a header but no rows below it, so no events', {
          severity: 'warning',
          suggestion: 'check that the export holds the rows, not only the column names',
        }),
      );
    }
    for (const [, kind] of this.kinds) {
      if (kind.more === 0) continue;
      last.errors.push(
        importError(
          file,
          kind.firstMore,
          `${kind.more} more row${kind.more === 1 ? '' : 's'} from this line on with the same problem as above (${kind.message}) not listed: they are skipped too`,
        ),
      );
    }
    const summary = this.times.summary();
    if (summary) last.errors.push(summary);
    const fieldSummary = this.auditDataFields?.summary();
    if (fieldSummary) last.errors.push(fieldSummary);
    return last;
  }

  private headerLine = 1;
  private hadErrors = false;

  /**
   * Adds an error, unless REPEATED_ERROR_CAP of its kind (its message without numbers and quoted
   * values) are listed already: those are counted and summed up once at the end.
   */
  private report(errors: Diagnostic[], error: Diagnostic): void {
    this.hadErrors = true;
    if (error.severity === 'warning') {
      errors.push(error);
      return;
    }
    const key = `${error.path}|${error.message.replace(/"(?:[^"\\]|\\.)*"|\d+/g, '#')}`;
    const kind = this.kinds.get(key) ?? { listed: 0, more: 0, message: error.message, firstMore: 0 };
    this.kinds.set(key, kind);
    if (kind.listed < REPEATED_ERROR_CAP) {
      kind.listed++;
      errors.push(error);
    } else if (kind.more++ === 0) kind.firstMore = error.line;
  }

  private read(piece: { text: string; firstLine: number } | undefined, endOfFile: boolean): CsvEventsResult {
    const events: EngineEvent[] = [];
    const errors = this.pending.splice(0);
    if (errors.length > 0) this.hadErrors = true;
    const mapping = this.mapping;
    if (!piece || !mapping) return { events, errors };
    const { file } = this;
    this.lines += countLineEnds(piece.text) + (/[\r\n]$/.test(piece.text) ? 0 : 1);
    if (this.notCsv) return { events, errors };
    if (this.header === undefined) {
      const json = jsonLineAtTop(piece.text);
      if (json) {
        this.notCsv = true;
        this.hadErrors = true;
        errors.push(
          importError(
            file,
            piece.firstLine + json.offset,
            `this file holds JSON lines (NDJSON: one JSON object per line)${json.header ? '' : ' below its first line'}, not CSV: nothing in it was imported`,
            {
              suggestion:
                'rename it to .ndjson (or .jsonl), or read it with --format ndjson (in the app: the NDJSON layout)',
            },
          ),
        );
        return { events, errors };
      }
    }
    const rowErrors = readCsvRows(
      piece.text,
      file,
      (cells, line) => {
        if (!this.header) {
          const header = cells.map((c) => c.trim());
          this.header = header;
          this.headerLine = line;
          for (const column of mapping.columns) {
            const index = findColumn(header, column.column);
            if (index < 0) {
              this.hadErrors = true;
              errors.push(
                importError(
                  file,
                  line,
                  `the mapping names column "${column.column}", which the header lacks`,
                  {
                    path: `columns.${column.column}`,
                    suggestion: `columns in this file: ${header.join(', ')}`,
                  },
                ),
              );
            } else this.bound.push({ index, column });
          }
          const mappedIndexes = new Set(this.bound.map((b) => b.index));
          this.unmapped = mapping.keepUnmapped
            ? header
                .map((name, index) => ({ index, name }))
                .filter((c) => !mappedIndexes.has(c.index) && c.name !== '')
            : [];
          for (const warning of duplicateColumns(header, this.bound, this.unmapped, file, line))
            errors.push(warning);
          this.auditDataColumn = header.indexOf(AUDIT_DATA_COLUMN);
          return;
        }
        const header = this.header;
        this.rows++;
        if (this.onProgress && this.rows % 10_000 === 0) this.onProgress(this.rows);
        if (cells.length !== header.length) {
          this.skipped++;
          const short = cells.length < header.length;
          const missing = header.slice(cells.length).filter((name) => name !== '');
          this.report(
            errors,
            importError(
              file,
              line,
              `row has ${cells.length} cells, the header has ${header.length}` +
                (short && missing.length > 0
                  ? `: no cell for ${missing.length === 1 ? 'column' : 'columns'} ${missing
                      .slice(0, 5)
                      .map((name) => JSON.stringify(name))
                      .join(', ')}${missing.length > 5 ? ', …' : ''}`
                  : ''),
              {
                suggestion: short
                  ? 'a cell is missing: give the row one cell per column (an empty cell is fine: a,,c), or check for a line break inside an unquoted cell'
                  : 'quote cells that contain the delimiter ("a, b"), or remove the extra cells',
              },
            ),
          );
          return;
        }
        let event: Record<string, EventValue> = { ...mapping.constants };
        for (const { index, name } of this.unmapped) {
          const cell = cells[index] ?? '';
          event[name] = cell;
        }
        for (const { index, column } of this.bound) {
          const value = coerceCell(cells[index] ?? '', column);
          if (value instanceof Error) {
            this.skipped++;
            this.report(
              errors,
              importError(file, line, `column "${column.column}": ${value.message}`, {
                column: index + 1,
                path: column.column,
              }),
            );
            return;
          }
          event[column.field] = value;
        }
        if (this.auditDataColumn >= 0 && event[AUDIT_DATA_COLUMN] !== undefined) {
          this.auditDataFields ??= new FieldProblems(file);
          const where = { file, line, column: this.auditDataColumn + 1 };
          const read = readAuditDataRow(event, this.auditDataFields, where);
          event = read.event;
          for (const error of read.errors) this.report(errors, error);
        }
        // The same reading of @timestamp as NDJSON's: a zone-less time is UTC, never the reader's
        // local time; an unreadable one is a warning at its line.
        const unreadable = this.times.check(event, line);
        if (unreadable) errors.push(unreadable);
        events.push(ensureEventId(event, rowId(file, line)));
      },
      {
        firstLine: piece.firstLine,
        endOfFile,
        ...(this.header === undefined ? {} : { expectedCells: this.header.length }),
        // Guessed once, from the first rows: a later piece must not guess differently.
        ...(this.delimiter === undefined
          ? { onDelimiter: (found: string) => (this.delimiter ??= found) }
          : { delimiter: this.delimiter }),
      },
    );
    for (const error of rowErrors) {
      if (/^a quote opened on line \d+ is (never|not) closed/.test(error.message)) this.skipped++;
      this.report(errors, error);
    }
    return { events, errors };
  }
}
