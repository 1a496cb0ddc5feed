// The CSV mapping form: the columns of a file's header with a sample value, a first guess of the
// event field each one feeds, and the mapping document (docs/importers.md) the form stands for.
export interface ColumnChoice {
  column: string;
  sample: string;
  /** The event field; empty leaves the column out (or under its own name with keepUnmapped). */
  field: string;
  type: 'string' | 'number' | 'boolean' | 'list' | 'timestamp';
}

const GUESSES: Record<string, { field: string; type?: ColumnChoice['type'] }> = {
  time: { field: '@timestamp' },
  timestamp: { field: '@timestamp' },
  date: { field: '@timestamp' },
  when: { field: '@timestamp' },
  user: { field: 'user.name' },
  username: { field: 'user.name' },
  who: { field: 'user.name' },
  host: { field: 'host.name' },
  pc: { field: 'host.name' },
  computer: { field: 'host.name' },
  action: { field: 'event.action' },
  activity: { field: 'event.action' },
  category: { field: 'event.category' },
  file: { field: 'file.name' },
  filename: { field: 'file.name' },
  path: { field: 'file.path' },
  size: { field: 'file.size', type: 'number' },
  bytes: { field: 'file.size', type: 'number' },
  to: { field: 'email.to', type: 'list' },
  recipient: { field: 'email.to', type: 'list' },
  from: { field: 'email.from' },
  subject: { field: 'email.subject' },
  domain: { field: 'destination.domain' },
  url: { field: 'url.full' },
  ip: { field: 'source.ip' },
};

/** Splits one CSV line (quotes honoured) on the delimiter that gives the most cells. */
export function splitCsvLine(line: string, delimiter?: string): string[] {
  const split = (d: string) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === d) {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    return cells.map((x) => x.trim());
  };
  if (delimiter) return split(delimiter);
  return [',', ';', '\t', '|']
    .map(split)
    .reduce((best, cells) => (cells.length > best.length ? cells : best));
}

/** The header and first data row of a CSV text → one choice per column, with a guessed field. */
export function columnChoices(head: string, knownFields: readonly string[]): ColumnChoice[] {
  const [header = '', first = ''] = head.split(/\r?\n/);
  const columns = splitCsvLine(header);
  const delimiter = [',', ';', '\t', '|'].find((d) => splitCsvLine(header, d).length === columns.length);
  const samples = splitCsvLine(first, delimiter);
  const known = new Set(knownFields);
  return columns
    .filter((c) => c !== '')
    .map((column, i) => {
      const key = column.toLowerCase().replace(/[^a-z]/g, '');
      const guess = known.has(column) ? { field: column } : GUESSES[key];
      const field = guess?.field ?? '';
      const type = guess?.type ?? (field === '@timestamp' ? 'timestamp' : 'string');
      return { column, sample: samples[i] ?? '', field, type };
    });
}

/** The mapping document the form stands for. */
export function mappingOf(
  choices: readonly ColumnChoice[],
  constants: Record<string, string>,
  keepUnmapped: boolean,
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const c of choices) {
    if (!c.field) continue;
    columns[c.column] =
      c.type === 'string' || c.type === 'timestamp' ? c.field : { field: c.field, type: c.type };
  }
  const fixed = Object.fromEntries(Object.entries(constants).filter(([, v]) => v.trim() !== ''));
  return {
    columns,
    ...(Object.keys(fixed).length ? { constants: fixed } : {}),
    keepUnmapped,
  };
}
