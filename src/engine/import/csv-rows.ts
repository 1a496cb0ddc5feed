// A real CSV parser (papaparse) with the one thing it does not give: the line each row starts on,
// so a bad row is reported where the user's editor shows it (quoted fields may span lines). Line
// ends are LF, CRLF or a lone CR (classic Mac exports): each counts as one line.
//
// A quote that is never closed makes the parser read the rest of the file as one cell. That row's
// first line is reported and skipped, and reading resumes on the next line: a quoted cell that is
// closed, on one line or several, never gets here, so such cells are read as before.
import Papa from 'papaparse';
import type { Diagnostic } from '../types.ts';
import { importError } from './diagnostic.ts';

export interface CsvRowSink {
  /** `line` is the 1-based line the row starts on. */
  (cells: string[], line: number): void;
}

export interface CsvReadOptions {
  delimiter?: string;
  /** The line `text` starts on in its file, when it is one piece of a file read in chunks. */
  firstLine?: number;
  /** Told the delimiter used (the one guessed, when none was given), once a row is read. */
  onDelimiter?: (delimiter: string) => void;
  /** Whether `text` runs to the end of the file (false for a piece cut before it). */
  endOfFile?: boolean;
  /** The header's width, once known (else the first row's is taken). */
  expectedCells?: number;
}

/**
 * Quotes never closed that reading goes on past, per text: each recovery parses the rest of the
 * text again, so a file of such lines would take quadratic time (8,000 took 17 s). Past this many,
 * the rest of the text is one quoted cell, as a parser reads it, and the error says so.
 */
const QUOTE_RECOVERIES = 20;

/** Whether `text[i]` ends a line: LF, or a CR not followed by LF. */
function endsLine(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/** Line ends in `text[from, to)`. */
export function countLineEnds(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (endsLine(text, i)) n++;
  return n;
}

/** Offset just past the line end at or after `from`, or -1 when the line runs to the end. */
function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (endsLine(text, i)) return i + 1;
  return -1;
}

/** Calls `onRow` for every non-blank row, header included; parser errors become diagnostics. */
export function readCsvRows(
  text: string,
  file: string,
  onRow: CsvRowSink,
  options: CsvReadOptions = {},
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let delimiter = options.delimiter;
  let from = 0;
  let line = options.firstLine ?? 1;
  const expected = { cells: options.expectedCells };
  let recoveries = 0;
  while (from >= 0 && from < source.length) {
    const resume = readFrom(
      source,
      from,
      line,
      file,
      onRow,
      errors,
      {
        ...options,
        delimiter,
        onDelimiter: (found) => {
          delimiter ??= found;
          options.onDelimiter?.(found);
        },
      },
      expected,
      recoveries < QUOTE_RECOVERIES,
    );
    if (resume === undefined) break;
    recoveries++;
    from = resume.from;
    line = resume.line;
  }
  return errors;
}

/**
 * Parses `source` from offset `from` (line `firstLine`). Returns where to go on when a quote is
 * never closed (the line after the one it opened on), else undefined.
 */
function readFrom(
  source: string,
  from: number,
  firstLine: number,
  file: string,
  onRow: CsvRowSink,
  errors: Diagnostic[],
  options: CsvReadOptions,
  expected: { cells?: number },
  mayRecover: boolean,
): { from: number; line: number } | undefined {
  const text = from === 0 ? source : source.slice(from);
  let previousCursor = 0;
  let line = firstLine;
  let resume: { from: number; line: number } | undefined;
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? '',
    skipEmptyLines: false,
    step: (result, parser) => {
      if (options.onDelimiter && result.meta.delimiter) options.onDelimiter(result.meta.delimiter);
      const rowLine = line;
      const rowStart = previousCursor;
      const cursor = Math.min(result.meta.cursor, text.length);
      line += countLineEnds(text, previousCursor, cursor);
      previousCursor = cursor;
      const cells = result.data;
      const blank = cells.length === 1 && cells[0]?.trim() === '';
      // The last line of the row: the line end that closes it is not part of it.
      const rowEnd = line - (cursor > 0 && endsLine(text, cursor - 1) ? 1 : 0);
      const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
      // A quote that is never closed (it runs to the end of the text), or one closed only by a
      // later row's quote so that several lines became a row of the wrong width: the row's first
      // line is skipped and reading goes on at the next. A row that spans lines and has the
      // header's width is kept as read (a quoted cell with line breaks and a stray quote).
      const misread =
        quoteError !== undefined &&
        (quoteError.code === 'MissingQuotes' ||
          (rowEnd > rowLine && expected.cells !== undefined && cells.length !== expected.cells));
      if (quoteError && misread) {
        const next = nextLineStart(text, rowStart);
        const lastLine =
          quoteError.code === 'MissingQuotes'
            ? rowLine + countLineEnds(text, rowStart) - (endsLine(text, text.length - 1) ? 1 : 0)
            : rowEnd;
        const lines = lastLine - rowLine + 1;
        // papaparse's index is just past the opening quote.
        const quoteAt = typeof quoteError.index === 'number' ? quoteError.index - 1 : rowStart;
        const lineStart =
          Math.max(text.lastIndexOf('\n', quoteAt - 1), text.lastIndexOf('\r', quoteAt - 1), rowStart - 1) +
          1;
        const whole = quoteError.code === 'MissingQuotes' && options.endOfFile !== false;
        const recover = next >= 0 && lines > 1 && mayRecover;
        const capped = next >= 0 && lines > 1 && !mayRecover;
        errors.push(
          importError(
            file,
            rowLine,
            (quoteError.code === 'MissingQuotes'
              ? `a quote opened on line ${rowLine} is never closed`
              : `a quote opened on line ${rowLine} is not closed on its line`) +
              (recover
                ? `, so lines ${rowLine}–${lastLine} (${lines} lines${whole ? ', to the end of the file' : ''}) ` +
                  `would be read as ${quoteError.code === 'MissingQuotes' ? 'one quoted cell' : `one row of ${cells.length} cells`}: ` +
                  `line ${rowLine} is skipped and reading goes on at line ${rowLine + 1}`
                : capped
                  ? `, so lines ${rowLine}–${lastLine} (${lines} lines) are not imported: after ${QUOTE_RECOVERIES} such quotes reading stops`
                  : ': the row is skipped'),
            {
              column: Math.max(1, quoteAt - lineStart + 1),
              suggestion: 'close the quote (add the missing ") or double any quote inside the cell ("")',
            },
          ),
        );
        if (recover) {
          resume = { from: from + next, line: rowLine + 1 };
          parser.abort();
        }
        return;
      }
      for (const error of result.errors) {
        if (error.code === 'UndetectableDelimiter') continue;
        const spanNote =
          error.code === 'InvalidQuotes' && rowEnd > rowLine ? `, and running on to line ${rowEnd}` : '';
        errors.push(
          importError(file, rowLine, `${error.message} (row starting on line ${rowLine}${spanNote})`, {
            suggestion:
              error.code === 'InvalidQuotes'
                ? 'a quoted cell must end with " right before the delimiter or the line end; double any quote inside it ("")'
                : undefined,
          }),
        );
      }
      if (blank) return;
      expected.cells ??= cells.length;
      onRow(cells, rowLine);
    },
  });
  return resume;
}

/**
 * Cuts a file arriving in chunks into pieces that end on a row boundary — a line break outside
 * quotes — so each piece parses on its own and no row is split. Holds at most one unfinished row.
 */
export class RowChunker {
  private buffer = '';
  private scanned = 0;
  private quoted = false;
  /** The line the held text starts on. */
  private line = 1;

  /** Adds a chunk; returns the complete rows so far (with the line they start on), if any. */
  push(chunk: string): { text: string; firstLine: number } | undefined {
    this.buffer += chunk;
    let cut = -1;
    // Fast path: nothing quoted in sight, so the last line break ends the last complete row.
    if (!this.quoted && this.buffer.indexOf('"', this.scanned) < 0) {
      cut = this.buffer.lastIndexOf('\n');
      const found = cut >= this.scanned;
      this.scanned = this.buffer.length;
      return found ? this.take(cut + 1) : undefined;
    }
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c === 34) this.quoted = !this.quoted;
      else if (c === 10 && !this.quoted) cut = i;
    }
    this.scanned = this.buffer.length;
    // A stray `"` (CERT does not quote its content column) can leave us "inside quotes" for ever;
    // past 16 MB we cut at the last line break whatever the quotes say.
    if (cut < 0 && this.buffer.length > 1 << 24) {
      cut = this.buffer.lastIndexOf('\n');
      this.quoted = false;
    }
    if (cut < 0) return undefined;
    return this.take(cut + 1);
  }

  /** The rest of the file. */
  end(): { text: string; firstLine: number } | undefined {
    return this.buffer === '' ? undefined : this.take(this.buffer.length);
  }

  private take(length: number): { text: string; firstLine: number } {
    const text = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    this.scanned = this.buffer.length;
    if (this.buffer.length > 0) {
      // Rescan the held tail next time from a clean quote state.
      this.quoted = false;
      this.scanned = 0;
    }
    const firstLine = this.line;
    this.line += countLineEnds(text);
    return { text, firstLine };
  }
}
