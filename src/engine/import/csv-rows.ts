// A real CSV parser (papaparse) with the one thing it does not give: the line each row starts on,
// so a bad row is reported where the user's editor shows it (quoted fields may span lines).
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
}

/** Calls `onRow` for every non-blank row, header included; parser errors become diagnostics. */
export function readCsvRows(
  text: string,
  file: string,
  onRow: CsvRowSink,
  options: CsvReadOptions = {},
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  let previousCursor = 0;
  let line = options.firstLine ?? 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  Papa.parse<string[]>(source, {
    delimiter: options.delimiter ?? '',
    skipEmptyLines: false,
    step: (result) => {
      if (options.onDelimiter && result.meta.delimiter) options.onDelimiter(result.meta.delimiter);
      const rowLine = line;
      const cursor = result.meta.cursor;
      for (let i = previousCursor; i < cursor && i < source.length; i++)
        if (source.charCodeAt(i) === 10) line++;
      previousCursor = cursor;
      for (const error of result.errors) {
        if (error.code === 'UndetectableDelimiter') continue;
        errors.push(
          importError(file, rowLine, `${error.message} (row starting on line ${rowLine})`, {
            suggestion:
              error.code === 'MissingQuotes'
                ? 'close the quote or double any quote inside the field ("")'
                : undefined,
          }),
        );
      }
      const cells = result.data;
      if (cells.length === 1 && cells[0]?.trim() === '') return;
      if (result.errors.some((e) => e.code === 'MissingQuotes')) return;
      onRow(cells, rowLine);
    },
  });
  return errors;
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
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.line++;
    return { text, firstLine };
  }
}
