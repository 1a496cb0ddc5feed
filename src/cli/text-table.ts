// The command line's tables: columns padded to their widest cell, two spaces apart.

export interface TableOptions {
  /** Cells are cut to this many characters (a long list of event ids would push the rest away). */
  maxWidth?: number;
  /** Columns of numbers, aligned right. */
  right?: ReadonlySet<number>;
}

export function textTable(
  header: readonly string[],
  rows: readonly string[][],
  options: TableOptions = {},
): string {
  const max = options.maxWidth ?? Infinity;
  const right = options.right ?? new Set<number>();
  // (A fold, not Math.max(...rows): a text with 285,000 classifier matches overflowed the call stack.)
  const widths = header.map((h, i) =>
    Math.min(
      max,
      rows.reduce((widest, r) => Math.max(widest, (r[i] ?? '').length), h.length),
    ),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const cell = c.slice(0, widths[i]);
        if (right.has(i)) return cell.padStart(widths[i] ?? 0);
        return i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
