// The CERT releases' column sets. Files carry a header; we read cells by name, so a column added in
// a later release (r6's file_tree, activity, removable-media flags) is simply there or not. The
// release a file follows is decided by its header.

export type CertTableKind = 'logon' | 'device' | 'file' | 'email' | 'http';
export type CertRelease = 'r4.2' | 'r5/r6';

export const CERT_COLUMNS: Record<CertTableKind, Record<CertRelease, readonly string[]>> = {
  logon: {
    'r4.2': ['id', 'date', 'user', 'pc', 'activity'],
    'r5/r6': ['id', 'date', 'user', 'pc', 'activity'],
  },
  device: {
    'r4.2': ['id', 'date', 'user', 'pc', 'activity'],
    'r5/r6': ['id', 'date', 'user', 'pc', 'file_tree', 'activity'],
  },
  file: {
    'r4.2': ['id', 'date', 'user', 'pc', 'filename', 'content'],
    'r5/r6': [
      'id',
      'date',
      'user',
      'pc',
      'filename',
      'activity',
      'to_removable_media',
      'from_removable_media',
      'content',
    ],
  },
  email: {
    'r4.2': ['id', 'date', 'user', 'pc', 'to', 'cc', 'bcc', 'from', 'size', 'attachments', 'content'],
    'r5/r6': [
      'id',
      'date',
      'user',
      'pc',
      'to',
      'cc',
      'bcc',
      'from',
      'activity',
      'size',
      'attachments',
      'content',
    ],
  },
  http: {
    'r4.2': ['id', 'date', 'user', 'pc', 'url', 'content'],
    'r5/r6': ['id', 'date', 'user', 'pc', 'url', 'activity', 'content'],
  },
};

/** The columns a table needs in every release. */
export const REQUIRED_COLUMNS: Record<CertTableKind, readonly string[]> = {
  logon: ['id', 'date', 'user', 'pc', 'activity'],
  device: ['id', 'date', 'user', 'pc', 'activity'],
  file: ['id', 'date', 'user', 'pc', 'filename'],
  email: ['id', 'date', 'user', 'to', 'from'],
  http: ['id', 'date', 'user', 'pc', 'url'],
};

/** r5 and r6 added an `activity` column to file, email and http, and `file_tree` to device. */
export function releaseOf(kind: CertTableKind, header: readonly string[]): CertRelease {
  const has = new Set(header);
  if (kind === 'device') return has.has('file_tree') ? 'r5/r6' : 'r4.2';
  if (kind === 'logon') return 'r4.2';
  return has.has('activity') ? 'r5/r6' : 'r4.2';
}

/** A header row is one that names `id` and `date`; CERT's answer files and some copies have none. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const names = new Set(cells.map((c) => c.trim().toLowerCase()));
  return names.has('id') && names.has('date');
}

/**
 * A header that lacks `id` (or `date`) yet is one: it names `date` or `id` and at least half its
 * cells (two or more) are column names of the table (`date,user,pc,activity`). A data row holds
 * none of these words.
 */
export function isIncompleteHeader(kind: CertTableKind, cells: readonly string[]): boolean {
  const known = new Set(Object.values(CERT_COLUMNS[kind]).flat());
  const names = cells.map((c) => c.trim().toLowerCase());
  const named = names.filter((name) => known.has(name)).length;
  return (names.includes('date') || names.includes('id')) && named >= 2 && named * 2 >= names.length;
}

/** A row's cells by column name. Text columns last in the row may have been split on stray commas. */
export class CertRow {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly cells: readonly string[],
    readonly file: string,
    readonly line: number,
  ) {}

  get(column: string): string | undefined {
    const i = this.index.get(column);
    if (i === undefined) return undefined;
    // An unquoted `content` with commas in it spills into extra cells; it is the last column.
    if (column === 'content' && i === this.index.size - 1 && this.cells.length > this.index.size) {
      return this.cells.slice(i).join(',');
    }
    return this.cells[i];
  }

  has(column: string): boolean {
    return this.index.has(column);
  }
}

export function columnIndex(header: readonly string[]): Map<string, number> {
  return new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
}
