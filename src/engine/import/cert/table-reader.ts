// Reads one CERT activity log row by row — from one text or from chunks of a file too large to
// hold — into events. Bad rows become diagnostics with file and line and are skipped.
import type { Diagnostic, EngineEvent } from '../../types.ts';
import { importError } from '../diagnostic.ts';
import { ACTIVITY_TABLES, ACTIVITY_WORDS } from './activity-tables.ts';
import {
  CERT_COLUMNS,
  CertRow,
  columnIndex,
  isHeaderRow,
  isIncompleteHeader,
  releaseOf,
  REQUIRED_COLUMNS,
  type CertRelease,
  type CertTableKind,
} from './columns.ts';
import { parseCertDate } from './date.ts';
import { readCertCsv, RowChunker } from './read-csv.ts';

/**
 * What an `activity` cell looks like in each table even when the word is not one we know
 * (`WWW Teleport`): enough to tell r5/r6 rows from r4.2 rows whose unquoted content spilled
 * into the extra cells. Email's r4.2 column in that place is `size`, a number.
 */
const ACTIVITY_SHAPE: Record<CertTableKind, RegExp> = {
  logon: /^log\s*(on|off)/i,
  device: /^(dis)?connect/i,
  file: /^file\s/i,
  email: /^[a-z][a-z ]*$/i,
  http: /^www\s/i,
};

/** How many leading rows of a headerless file may fail to show its column set before we give up. */
const HEADERLESS_TRIES = 20;

/**
 * For a row of a file without a header: the release's columns that read it sensibly — its date
 * parses and, where the set has an `activity` column, that cell holds one of the table's
 * activity words or something shaped like one (the row itself may still be bad). The longer set is tried first; a trailing `content` may have spilled over
 * several cells (CERT does not quote it), so a set may be shorter than the row if it ends there.
 */
export function columnsForRow(kind: CertTableKind, cells: readonly string[]): readonly string[] | undefined {
  const sets = Object.values(CERT_COLUMNS[kind])
    .filter((set, i, all) => all.findIndex((s) => s.join() === set.join()) === i)
    .sort((a, b) => b.length - a.length);
  for (const set of sets) {
    const fits = set.length === cells.length || (set.length < cells.length && set.at(-1) === 'content');
    if (!fits) continue;
    if (parseCertDate(cells[set.indexOf('date')]?.trim() ?? '') === undefined) continue;
    const activity = set.indexOf('activity');
    const word = cells[activity]?.trim() ?? '';
    if (activity >= 0 && !ACTIVITY_WORDS[kind].has(word.toLowerCase()) && !ACTIVITY_SHAPE[kind].test(word))
      continue;
    return set;
  }
  return undefined;
}

export class ActivityTableReader {
  /** The release the file's header (or first rows) showed. */
  release: CertRelease | undefined;
  private index: Map<string, number> | undefined;
  private usable = true;
  private tries = 0;
  private readonly chunker = new RowChunker();

  constructor(
    readonly kind: CertTableKind,
    readonly file: string,
    private readonly events: EngineEvent[],
    private readonly errors: Diagnostic[],
    private readonly onRow?: () => void,
  ) {}

  /** The whole file at once. */
  readText(text: string): void {
    this.parse(text, 1);
  }

  /** One more piece of the file; rows are read as soon as they are complete. */
  push(chunk: string): void {
    const piece = this.chunker.push(chunk);
    if (piece) this.parse(piece.text, piece.firstLine);
  }

  /** The file has ended. */
  end(): void {
    const piece = this.chunker.end();
    if (piece) this.parse(piece.text, piece.firstLine);
    if (this.usable && !this.index && this.tries > 0) this.giveUp(1);
  }

  private parse(text: string, firstLine: number): void {
    if (!this.usable) return;
    const errors = readCertCsv(text, this.file, (cells, line) => this.row(cells, line), firstLine);
    for (const error of errors) this.errors.push(error);
  }

  private row(cells: string[], line: number): void {
    if (!this.usable) return;
    const { kind, file } = this;
    if (!this.index) {
      if (isHeaderRow(cells) || isIncompleteHeader(kind, cells)) {
        const header = cells.map((c) => c.trim().toLowerCase());
        this.index = columnIndex(header);
        this.release = releaseOf(kind, header);
        const missing = REQUIRED_COLUMNS[kind].filter((c) => !this.index!.has(c));
        if (missing.length > 0) {
          this.usable = false;
          this.errors.push(
            importError(
              file,
              line,
              `${kind}.csv's header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it names ${header.join(', ')}; CERT's ${kind}.csv needs ${REQUIRED_COLUMNS[kind].join(', ')}); file skipped`,
              { path: missing[0]!, suggestion: this.suggestion() },
            ),
          );
        }
        return;
      }
      // No header: take the release whose columns read this row sensibly.
      const columns = columnsForRow(kind, cells);
      if (!columns) {
        this.tries++;
        this.errors.push(
          importError(
            file,
            line,
            `${kind}.csv has no header and this row (${cells.length} cell${cells.length === 1 ? '' : 's'}) fits no CERT column set`,
            { suggestion: this.suggestion() },
          ),
        );
        if (this.tries >= HEADERLESS_TRIES) this.giveUp(line);
        return;
      }
      this.index = columnIndex(columns);
      this.release = releaseOf(kind, [...columns]);
      this.errors.push(
        importError(file, line, `${kind}.csv has no header; read as ${columns.join(',')}`, {
          severity: 'warning',
        }),
      );
    }
    this.onRow?.();
    const index = this.index;
    // Only a trailing `content` may hold stray commas (CERT does not quote it); see CertRow.
    const spillable = index.get('content') === index.size - 1;
    if (cells.length < index.size || (cells.length > index.size && !spillable)) {
      this.errors.push(
        importError(file, line, `row has ${cells.length} cells, the header has ${index.size}`),
      );
      return;
    }
    const event = ACTIVITY_TABLES[kind](new CertRow(index, cells, file, line));
    if (event instanceof Error) {
      this.errors.push(importError(file, line, event.message));
      return;
    }
    this.events.push(event);
  }

  private giveUp(line: number): void {
    this.usable = false;
    this.errors.push(
      importError(
        this.file,
        line,
        `cannot tell which CERT column set ${this.kind}.csv follows; file skipped`,
        {
          suggestion: this.suggestion(),
        },
      ),
    );
  }

  private suggestion(): string {
    const sets = CERT_COLUMNS[this.kind];
    return `CERT ${this.kind}.csv starts with the header ${sets['r4.2'].join(',')} (r4.2) or ${sets['r5/r6'].join(',')} (r5/r6)`;
  }
}
