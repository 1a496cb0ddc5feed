// A Purview (Compliance portal) audit search "Export results" CSV holds a few summary columns
// (CreationDate, UserIds, Operations; newer exports RecordId, RecordType, Operation, UserId) and the
// whole record as JSON in its `AuditData` cell. The record is what rules read.
import type { Diagnostic, EngineEvent } from '../../types.ts';
import { importError, jsonErrorMessage } from '../diagnostic.ts';
import type { FieldProblems } from '../flatten.ts';

export const AUDIT_DATA_COLUMN = 'AuditData';

/**
 * The event of a row with an `AuditData` cell: the cell's record flattened under its own names
 * over the row's columns (a column of the same name takes the record's value, so a record reads
 * the same from the CSV as from the Management API's JSON), the cell itself dropped once read. A
 * cell that is not a JSON object is reported at its line and column, and the row is kept with its
 * columns and the cell as written; both are given their ECS fields by `fields`.
 */
export function readAuditDataRow(
  row: EngineEvent,
  fields: FieldProblems,
  where: { file: string; line: number; column: number },
): { event: EngineEvent; errors: Diagnostic[] } {
  const cell = row[AUDIT_DATA_COLUMN];
  const record = typeof cell === 'string' && cell.trim() !== '' ? parseRecord(cell, where) : undefined;
  if (record === undefined || 'error' in record) {
    const { event, warnings } = fields.flatten(row, where.line);
    return { event, errors: record === undefined ? warnings : [record.error, ...warnings] };
  }
  const { event: read, warnings } = fields.flatten(record.value, where.line, cell as string);
  const event: EngineEvent = { ...row };
  delete event[AUDIT_DATA_COLUMN];
  Object.assign(event, read);
  return { event, errors: warnings };
}

function parseRecord(
  cell: string,
  where: { file: string; line: number; column: number },
): { value: Record<string, unknown> } | { error: Diagnostic } {
  let problem: string;
  try {
    const value: unknown = JSON.parse(cell);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { value: value as Record<string, unknown> };
    problem = 'is not a JSON object';
  } catch (error) {
    problem = `is not valid JSON (${jsonErrorMessage(error)})`;
  }
  return {
    error: importError(
      where.file,
      where.line,
      `column "${AUDIT_DATA_COLUMN}" ${problem}: the row is kept with its other columns and this cell as written`,
      {
        column: where.column,
        path: AUDIT_DATA_COLUMN,
        suggestion:
          'export the audit search again and read the CSV as downloaded: Excel cuts a cell at 32,767 characters, which breaks its JSON',
      },
    ),
  };
}
