// A segment's events made one at a time, as a pool worker evaluates them (`segmentEvents`), next
// to `decodeSegment`, which makes them all at once.
import type { ColumnView } from '../engine/evaluate/column-prefilter.ts';
import type { EngineEvent } from '../engine/types.ts';
import { codesView, columnReader, holdsValues, type SegmentColumns } from './segment-codec.ts';

/**
 * The events of several segments, in order, each made when asked (`EventSource` of the engine's
 * `evaluateShard`): an evaluator that drops each event after use holds only the columns, and its
 * events die young, cheap to collect. `at(i)` is the same object, key order included, as the i-th
 * of `segments.flatMap(decodeSegment)`; reading in order costs no search.
 */
export function segmentEvents(segments: readonly SegmentColumns[]): {
  readonly length: number;
  at(index: number): EngineEvent | undefined;
  /** The fields some event holds a value for (a column may exist with none). */
  readonly fields: readonly string[];
  /** A decoded event never has a field set to `undefined`. */
  readonly definedValues: true;
  /**
   * Of a single segment, its columns as the engine's prefilter reads them (undefined for a field no
   * event holds); absent for several segments, whose dictionaries differ.
   */
  column?(field: string): ColumnView | undefined;
} {
  // Most columns are dictionaries: their codes and values are read here directly; only the other
  // kinds go through a reader (a call per column and event adds up over ~50 columns).
  const parts = segments.map((segment) => {
    const columns = segment.columns;
    return {
      count: segment.count,
      fields: columns.map((column) => column.field),
      codes: columns.map((column) =>
        column.kind === 'dictionary' ? codesView(column.codes, column.codeBytes) : null,
      ),
      dictionaries: columns.map((column) => (column.kind === 'dictionary' ? column.dictionary : null)),
      readers: columns.map((column) =>
        column.kind === 'dictionary' ? null : columnReader(column, segment.count),
      ),
    };
  });
  const length = parts.reduce((sum, part) => sum + part.count, 0);
  const holding = segments.map((segment) =>
    segment.columns.map((column) => holdsValues(column, segment.count)),
  );
  const fields = new Set<string>();
  segments.forEach((segment, s) =>
    segment.columns.forEach((column, c) => {
      if (holding[s]![c]) fields.add(column.field);
    }),
  );
  let current = 0;
  let first = 0;
  const only = segments.length === 1 ? segments[0] : undefined;
  const views =
    only &&
    new Map(
      only.columns.map((column, c) => {
        const { codes, dictionaries, readers } = parts[0]!;
        const view: ColumnView | undefined = !holding[0]![c]
          ? undefined
          : codes[c]
            ? { codes: codes[c], values: dictionaries[c]! }
            : readers[c]!;
        return [column.field, view];
      }),
    );
  return {
    length,
    fields: [...fields],
    definedValues: true,
    ...(views && { column: (field: string) => views.get(field) }),
    at(index) {
      if (!(index >= 0 && index < length)) return undefined;
      if (index < first) {
        current = 0;
        first = 0;
      }
      while (index >= first + parts[current]!.count) first += parts[current++]!.count;
      const { fields, codes, dictionaries, readers } = parts[current]!;
      const row = index - first;
      const event: EngineEvent = {};
      for (let c = 0; c < fields.length; c++) {
        const columnCodes = codes[c];
        if (columnCodes) {
          const code = columnCodes[row]!;
          if (code !== 0) event[fields[c]!] = dictionaries[c]![code - 1]!;
        } else {
          const value = readers[c]!.get(row);
          if (value !== undefined) event[fields[c]!] = value;
        }
      }
      return event;
    },
  };
}
