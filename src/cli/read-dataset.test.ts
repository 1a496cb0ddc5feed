import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundle } from './commands/import.ts';
import { readDataset, streamDatasetEvents } from './read-dataset.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'read-dataset-'));
}

describe('readDataset', () => {
  it('reads an NDJSON file, reports the bad line, names the dataset after the file', async () => {
    const dir = await scratch();
    const path = join(dir, 'night-shift.ndjson');
    await writeFile(
      path,
      '{"@timestamp":"2026-01-02T00:00:00Z","event":{"id":"b"}}\n{oops\n{"@timestamp":"2026-01-01T00:00:00Z","event.id":"a"}\n',
    );
    const { events, context, errors } = await readDataset(path);
    expect(events.map((e) => e['event.id'])).toEqual(['a', 'b']);
    expect(errors).toMatchObject([{ file: path, line: 2 }]);
    expect(context.manifest).toMatchObject({ id: 'night-shift', title: 'night-shift' });
    expect(context.directory).toEqual([]);
  });

  it('reads a JSON list of events', async () => {
    const dir = await scratch();
    const path = join(dir, 'list.json');
    await writeFile(path, JSON.stringify([{ 'event.id': '1', user: { name: 'a' } }]));
    const { events } = await readDataset(path);
    expect(events).toEqual([{ 'event.id': '1', 'user.name': 'a' }]);
  });

  it('reads a bundle folder with missing tables as empty lists', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'events.ndjson'), '{"event.id":"1"}\n');
    await writeFile(join(dir, 'dataset.json'), JSON.stringify({ id: 'x', title: 'X' }));
    const { events, context } = await readDataset(dir);
    expect(events).toHaveLength(1);
    expect(context.manifest).toMatchObject({ id: 'x', title: 'X' });
    expect(context.resources).toEqual([]);
    expect(context.entitlements).toEqual([]);
  });

  it('reads a single-file bundle', async () => {
    const dir = await scratch();
    const path = join(dir, 'one.json');
    await writeFile(
      path,
      JSON.stringify({
        dataset: { id: 'one', title: 'One' },
        events: [{ 'event.id': 'e' }],
        directory: [{ name: 'a' }],
      }),
    );
    const { events, context } = await readDataset(path);
    expect(events).toHaveLength(1);
    expect(context.directory).toEqual([{ name: 'a' }]);
  });

  it('refuses a path that does not exist, naming it', async () => {
    await expect(readDataset('/no/such/dataset')).rejects.toThrow('/no/such/dataset');
  });

  it.each(['r4.2', 'r6'])(
    'reads the CERT fixture %s: five scenarios labelled, no errors',
    async (release) => {
      const { events, context, errors } = await readDataset(join('sample-data/cert-fixture', release));
      expect(errors).toEqual([]);
      expect(context.scenarios.map((s) => s.id.replace(/^cert-r[\d.]+-/, ''))).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
      ]);
      const labelled = new Set(events.map((e) => e['labels.scenario']).filter((s) => s !== undefined));
      expect(labelled.size).toBe(5);
      expect(context.directory.find((u) => u.name === 'RMB0301')?.employment?.end).toBe('2010-03-01');
      expect(events.every((e) => typeof e['event.id'] === 'string' && /^\{.+\}$/.test(e['event.id']))).toBe(
        true,
      );
    },
  );
});

describe('writeBundle', () => {
  it('writes a bundle that reads back the same', async () => {
    const original = await readDataset('sample-data/cert-fixture/r6');
    const out = join(await scratch(), 'bundle');
    await writeBundle(out, original);
    const copy = await readDataset(out);
    expect(copy.events).toEqual(original.events);
    expect(copy.context.directory).toEqual(original.context.directory);
    expect(copy.context.scenarios).toEqual(original.context.scenarios);
    expect(copy.context.manifest.id).toBe('r6');
    expect(JSON.parse(await readFile(join(out, 'dataset.json'), 'utf8')).scenarios).toHaveLength(5);
  });
});

describe('streamDatasetEvents', () => {
  it('streams an NDJSON file in batches with the same events and line numbers', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'b'));
    const lines = Array.from({ length: 25 }, (_, i) =>
      i === 7 ? 'broken' : JSON.stringify({ 'event.id': String(i) }),
    );
    await writeFile(join(dir, 'b', 'events.ndjson'), lines.join('\n'));
    const batches = [];
    for await (const batch of streamDatasetEvents(join(dir, 'b'), 10)) batches.push(batch);
    expect(batches.flatMap((b) => b.events)).toHaveLength(24);
    expect(batches.flatMap((b) => b.errors).map((e) => e.line)).toEqual([8]);
  });
});
