// The saved CSV field mapping (docs/importers.md): which column feeds which event field, how to
// read its text, and the constant fields every row gets. The valibot schema is the one source of
// both the run-time check and the type.
import * as v from 'valibot';
import type { Diagnostic, FieldValue } from '../types.ts';
import { importError } from './diagnostic.ts';
import { compileTimestampFormat, offsetMinutes, type TimestampParser } from './timestamp-format.ts';

export const FIELD_TYPES = ['string', 'number', 'boolean', 'list', 'timestamp'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const ColumnTargetSchema = v.union([
  v.pipe(v.string(), v.minLength(1)),
  v.strictObject({
    field: v.pipe(v.string(), v.minLength(1)),
    type: v.optional(v.picklist(FIELD_TYPES)),
    separator: v.optional(v.string()),
    format: v.optional(v.string()),
  }),
]);

export const CsvMappingSchema = v.strictObject({
  columns: v.record(v.string(), ColumnTargetSchema),
  timestamp: v.optional(v.strictObject({ format: v.optional(v.string()), timezone: v.optional(v.string()) })),
  constants: v.optional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()]))),
  keepUnmapped: v.optional(v.boolean()),
  delimiter: v.optional(v.string()),
});

export type CsvMapping = v.InferOutput<typeof CsvMappingSchema>;

export interface CompiledColumn {
  column: string;
  field: string;
  type: FieldType;
  separator: string;
  parseTime?: TimestampParser;
}

export interface CompiledMapping {
  /** By column name as written in the mapping. */
  columns: CompiledColumn[];
  constants: Record<string, FieldValue>;
  keepUnmapped: boolean;
  delimiter?: string;
}

/** With no mapping every column becomes the field of its own name, `@timestamp` read as ISO. */
export const IDENTITY_MAPPING: CsvMapping = { columns: {}, keepUnmapped: true };

type Issue = v.BaseIssue<unknown>;

/** A nested issue's path is relative to its union; this gives each one its full path. */
function deepestIssues(issue: Issue, parent: string[] = []): { message: string; path: string[] }[] {
  const path = [...parent, ...(issue.path ?? []).map((p) => String(p.key))];
  const nested = ((issue.issues ?? []) as Issue[]).filter((i) => (i.path?.length ?? 0) > 0);
  if (nested.length === 0) return [{ message: issue.message, path }];
  return nested.flatMap((i) => deepestIssues(i, path));
}

/** Checks a parsed mapping document (JSON or YAML) and compiles its timestamp formats. */
export function compileCsvMapping(
  input: unknown,
  file: string,
): { mapping?: CompiledMapping; errors: Diagnostic[] } {
  const parsed = v.safeParse(CsvMappingSchema, input);
  if (!parsed.success) {
    return {
      // A union (column given as text or as an object) reports its own failure; the object
      // branch's nested issue names the actual mistake, so that is the one shown.
      errors: parsed.issues
        .flatMap((issue) => deepestIssues(issue))
        .map((issue) => {
          const path = issue.path.join('.');
          return importError(
            file,
            1,
            `mapping ${path === '' ? '' : `"${path}" `}is invalid: ${issue.message}`,
            {
              path,
              suggestion: 'see docs/importers.md, "CSV field mapping"',
            },
          );
        }),
    };
  }
  const mapping = parsed.output;
  const errors: Diagnostic[] = [];
  const zone = mapping.timestamp?.timezone ?? 'Z';
  if (offsetMinutes(zone) === undefined) {
    errors.push(
      importError(file, 1, `timezone "${zone}" is not an offset`, {
        path: 'timestamp.timezone',
        suggestion: 'write it as Z, +02:00 or -0500',
      }),
    );
  }
  const defaultFormat = mapping.timestamp?.format ?? 'iso';
  const columns: CompiledColumn[] = [];
  for (const [column, target] of Object.entries(mapping.columns)) {
    const spec = typeof target === 'string' ? { field: target } : target;
    const type: FieldType = spec.type ?? (spec.field === '@timestamp' ? 'timestamp' : 'string');
    const compiled: CompiledColumn = { column, field: spec.field, type, separator: spec.separator ?? ';' };
    if (type === 'timestamp') {
      const format = spec.format ?? defaultFormat;
      const parseTime = compileTimestampFormat(format, offsetMinutes(zone) === undefined ? 'Z' : zone);
      if (!parseTime) {
        errors.push(
          importError(file, 1, `timestamp format "${format}" needs at least YYYY, MM and DD`, {
            path: `columns.${column}.format`,
            suggestion: 'e.g. "MM/DD/YYYY HH:mm:ss", "iso", "epoch_ms"',
          }),
        );
        continue;
      }
      compiled.parseTime = parseTime;
    }
    columns.push(compiled);
  }
  if (errors.length > 0) return { errors };
  const compiledMapping: CompiledMapping = {
    columns,
    constants: mapping.constants ?? {},
    keepUnmapped: mapping.keepUnmapped ?? false,
  };
  if (mapping.delimiter !== undefined) compiledMapping.delimiter = mapping.delimiter;
  return { mapping: compiledMapping, errors };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f']);

/** A cell's text as the column's type; an Error names what was wrong with it. */
export function coerceCell(text: string, column: CompiledColumn): FieldValue | FieldValue[] | Error {
  const trimmed = text.trim();
  switch (column.type) {
    case 'string':
      return text;
    case 'number': {
      if (trimmed === '') return null;
      const n = Number(trimmed);
      return Number.isFinite(n) ? n : new Error(`"${trimmed}" is not a number`);
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (lower === '') return null;
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      return new Error(`"${trimmed}" is not true/false`);
    }
    case 'list':
      return trimmed === ''
        ? []
        : trimmed
            .split(column.separator)
            .map((s) => s.trim())
            .filter((s) => s !== '');
    case 'timestamp': {
      const iso = column.parseTime?.(trimmed);
      return iso ?? new Error(`"${trimmed}" does not match the timestamp format`);
    }
  }
}
