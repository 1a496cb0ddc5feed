// CSV with a field mapping: one row, one event. A row whose cells do not fit the header or the
// mapping's types is reported with its line and skipped.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import {
  compileCsvMapping,
  IDENTITY_MAPPING,
  coerceCell,
  type CompiledColumn,
  type CompiledMapping,
} from './csv-mapping.ts';
import { readCsvRows, RowChunker } from './csv-rows.ts';
import { importError } from './diagnostic.ts';
import { EventTimes } from './event-time.ts';
import { ensureEventId, rowId } from './event-id.ts';
import type { ImportProgress } from './types.ts';

export interface CsvEventsResult {
  events: EngineEvent[];
  errors: Diagnostic[];
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
  return { events: [...read.events, ...rest.events], errors: [...read.errors, ...rest.errors] };
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
  private readonly times: EventTimes;

  constructor(
    private readonly file: string,
    mappingInput: unknown = IDENTITY_MAPPING,
    mappingFile = 'mapping',
    private readonly onProgress?: ImportProgress,
  ) {
    this.times = new EventTimes(file);
    const compiled = compileCsvMapping(mappingInput, mappingFile);
    this.mapping = compiled.mapping;
    this.delimiter = compiled.mapping?.delimiter;
    for (const item of compiled.errors) this.pending.push(item);
  }

  push(text: string): CsvEventsResult {
    const piece = this.mapping ? this.chunker.push(text) : undefined;
    return this.read(piece);
  }

  end(): CsvEventsResult {
    const last = this.read(this.mapping ? this.chunker.end() : undefined);
    const summary = this.times.summary();
    if (summary) last.errors.push(summary);
    return last;
  }

  private read(piece: { text: string; firstLine: number } | undefined): CsvEventsResult {
    const events: EngineEvent[] = [];
    const errors = this.pending.splice(0);
    const mapping = this.mapping;
    if (!piece || !mapping) return { events, errors };
    const { file } = this;
    errors.push(
      ...readCsvRows(
        piece.text,
        file,
        (cells, line) => {
          if (!this.header) {
            const header = cells.map((c) => c.trim());
            this.header = header;
            for (const column of mapping.columns) {
              const index = findColumn(header, column.column);
              if (index < 0) {
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
            return;
          }
          const header = this.header;
          this.rows++;
          if (this.onProgress && this.rows % 10_000 === 0) this.onProgress(this.rows);
          if (cells.length !== header.length) {
            errors.push(
              importError(file, line, `row has ${cells.length} cells, the header has ${header.length}`, {
                suggestion: 'quote cells that contain the delimiter',
              }),
            );
            return;
          }
          const event: Record<string, EventValue> = { ...mapping.constants };
          for (const { index, name } of this.unmapped) {
            const cell = cells[index] ?? '';
            event[name] = cell;
          }
          for (const { index, column } of this.bound) {
            const value = coerceCell(cells[index] ?? '', column);
            if (value instanceof Error) {
              errors.push(
                importError(file, line, `column "${column.column}": ${value.message}`, {
                  column: index + 1,
                  path: column.column,
                }),
              );
              return;
            }
            event[column.field] = value;
          }
          // The same reading of @timestamp as NDJSON's: a zone-less time is UTC, never the reader's
          // local time; an unreadable one is a warning at its line.
          const unreadable = this.times.check(event, line);
          if (unreadable) errors.push(unreadable);
          events.push(ensureEventId(event, rowId(file, line)));
        },
        {
          firstLine: piece.firstLine,
          // Guessed once, from the first rows: a later piece must not guess differently.
          ...(this.delimiter === undefined
            ? { onDelimiter: (found: string) => (this.delimiter ??= found) }
            : { delimiter: this.delimiter }),
        },
      ),
    );
    return { events, errors };
  }
}
