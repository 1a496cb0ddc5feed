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
    // CERT does not quote its content column, so a stray `"` can leave us "inside quotes" for
    // ever; past 16 MB we cut at the last line break whatever the quotes say.
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
