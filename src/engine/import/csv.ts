// CSV with a field mapping: one row, one event. A row whose cells do not fit the header or the
// mapping's types is reported with its line and skipped.
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { compileCsvMapping, IDENTITY_MAPPING, coerceCell, type CompiledColumn } from './csv-mapping.ts';
import { readCsvRows } from './csv-rows.ts';
import { importError } from './diagnostic.ts';
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

/** Parses a CSV text with a header row; `mapping` is the parsed mapping document (or none). */
export function parseCsvEvents(
  text: string,
  file: string,
  mappingInput: unknown = IDENTITY_MAPPING,
  mappingFile = 'mapping',
  onProgress?: ImportProgress,
): CsvEventsResult {
  const compiled = compileCsvMapping(mappingInput, mappingFile);
  if (!compiled.mapping) return { events: [], errors: compiled.errors };
  const mapping = compiled.mapping;
  const events: EngineEvent[] = [];
  const errors: Diagnostic[] = [];
  let header: string[] | undefined;
  let bound: { index: number; column: CompiledColumn }[] = [];
  let unmapped: { index: number; name: string }[] = [];
  let rows = 0;

  errors.push(
    ...readCsvRows(
      text,
      file,
      (cells, line) => {
        if (!header) {
          header = cells.map((c) => c.trim());
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
            } else bound.push({ index, column });
          }
          const mappedIndexes = new Set(bound.map((b) => b.index));
          unmapped = mapping.keepUnmapped
            ? header
                .map((name, index) => ({ index, name }))
                .filter((c) => !mappedIndexes.has(c.index) && c.name !== '')
            : [];
          return;
        }
        rows++;
        if (onProgress && rows % 10_000 === 0) onProgress(rows);
        if (cells.length !== header.length) {
          errors.push(
            importError(file, line, `row has ${cells.length} cells, the header has ${header.length}`, {
              suggestion: 'quote cells that contain the delimiter',
            }),
          );
          return;
        }
        const event: Record<string, EventValue> = { ...mapping.constants };
        for (const { index, name } of unmapped) {
          const cell = cells[index] ?? '';
          event[name] = name === '@timestamp' ? normaliseIso(cell) : cell;
        }
        for (const { index, column } of bound) {
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
        events.push(ensureEventId(event, rowId(file, line)));
      },
      mapping.delimiter === undefined ? {} : { delimiter: mapping.delimiter },
    ),
  );
  bound = [];
  return { events, errors };
}

function normaliseIso(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString().replace('.000Z', 'Z');
}
