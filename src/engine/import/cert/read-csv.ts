import type { Diagnostic } from '../../types.ts';
import { readCsvRows, type CsvRowSink } from '../csv-rows.ts';

/**
 * CERT files are comma-separated, always. Guessing would be wrong: recipient lists and r6
 * attachment lists are full of `;`, which a delimiter sniffer can take for the separator.
 * `firstLine` is the line `text` starts on when it is one piece of a file read in chunks.
 */
export function readCertCsv(text: string, file: string, onRow: CsvRowSink, firstLine = 1): Diagnostic[] {
  return readCsvRows(text, file, onRow, { delimiter: ',', firstLine });
}

export { RowChunker } from '../csv-rows.ts';
