import { describe, expect, it } from 'vitest';
import { parseBundleFiles, parseBundleObject } from './bundle.ts';

describe('dataset bundle', () => {
  it('reads a folder: manifest with scenarios, events, directory; missing tables are empty', () => {
    const result = parseBundleFiles([
      {
        name: 'b/dataset.json',
        text: JSON.stringify({
          id: 'demo',
          title: 'Demo',
          scenarios: [{ id: 's1', title: 'S', category: 'leakage', steps: [] }],
        }),
      },
      { name: 'b/events.ndjson', text: '{"event.id":"1","@timestamp":"2026-01-01T00:00:00Z"}\nbroken\n' },
      { name: 'b/directory.json', text: JSON.stringify([{ name: 'alice', department: 'Sales' }]) },
    ]);
    expect(result.manifest).toMatchObject({ id: 'demo', title: 'Demo' });
    expect(result.scenarios.map((s) => s.id)).toEqual(['s1']);
    expect(result.events).toHaveLength(1);
    expect(result.errors).toMatchObject([{ file: 'b/events.ndjson', line: 2 }]);
    expect(result.directory).toEqual([{ name: 'alice', department: 'Sales' }]);
    expect(result.resources).toEqual([]);
    expect(result.entitlements).toEqual([]);
  });

  it('reads the single-file form', () => {
    const text = JSON.stringify(
      { dataset: { id: 'one' }, events: [{ 'event.id': 'x' }], directory: [{ name: 'bob' }] },
      null,
      1,
    );
    const result = parseBundleObject(text, 'one.json');
    expect(result.manifest?.id).toBe('one');
    expect(result.events.map((e) => e['event.id'])).toEqual(['x']);
    expect(result.directory[0]!.name).toBe('bob');
  });
});
