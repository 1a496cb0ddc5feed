import { describe, expect, it } from 'vitest';
import { columnChoices, mappingOf, splitCsvLine } from './csv-columns.ts';

describe('CSV mapping form', () => {
  it('reads the header and first row, guessing fields and types', () => {
    const head = 'when;who;machine;file.name;bytes\n2026-03-02T09:00:00Z;nadams;WS-1;"a;b.zip";120\n';
    expect(columnChoices(head, ['file.name'])).toEqual([
      { column: 'when', sample: '2026-03-02T09:00:00Z', field: '@timestamp', type: 'timestamp' },
      { column: 'who', sample: 'nadams', field: 'user.name', type: 'string' },
      { column: 'machine', sample: 'WS-1', field: '', type: 'string' },
      { column: 'file.name', sample: 'a;b.zip', field: 'file.name', type: 'string' },
      { column: 'bytes', sample: '120', field: 'file.size', type: 'number' },
    ]);
  });

  it('honours quotes and doubled quotes', () => {
    expect(splitCsvLine('a,"b, ""c""",d')).toEqual(['a', 'b, "c"', 'd']);
  });

  it('writes the mapping document: plain fields as text, typed ones as objects, constants if set', () => {
    const mapping = mappingOf(
      [
        { column: 'when', sample: '', field: '@timestamp', type: 'timestamp' },
        { column: 'bytes', sample: '', field: 'file.size', type: 'number' },
        { column: 'junk', sample: '', field: '', type: 'string' },
      ],
      { 'event.category': 'file', 'event.action': '' },
      false,
    );
    expect(mapping).toEqual({
      columns: { when: '@timestamp', bytes: { field: 'file.size', type: 'number' } },
      constants: { 'event.category': 'file' },
      keepUnmapped: false,
    });
  });
});
