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
