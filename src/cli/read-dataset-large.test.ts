// Files too large for one string (Node's ~512 MiB limit): NDJSON is streamed line by line, any
// other file is refused with its name and size. A real 600 MB file is too slow for a unit test, so
// reading a file named `huge*` whole fails here as Node fails on one too large for a string.
import { mkdtemp, mkdir, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readDataset } from './read-dataset.ts';
import { readText } from './read-text.ts';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = (async (path: unknown, options?: unknown) => {
    if (/[\\/]huge[^\\/]*$/.test(String(path)))
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), {
        code: 'ERR_STRING_TOO_LONG',
      });
    return actual.readFile(path as string, options as undefined);
  }) as typeof actual.readFile;
  return { ...actual, readFile };
});

/** The diagnostics but the one saying no event has an @timestamp (these fixtures have none). */
function timed<T extends { path?: string }>(errors: T[]): T[] {
  return errors.filter((e) => e.path !== '@timestamp');
}

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'read-dataset-large-'));
}

const line = (id: string, minute: number) =>
  JSON.stringify({ '@timestamp': `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`, 'event.id': id });

describe('readDataset: NDJSON too large to read whole', () => {
  it('streams a lone .ndjson file instead of reading it into one string', async () => {
    const dir = await scratch();
    const path = join(dir, 'huge.ndjson');
    await writeFile(path, `${line('a', 1)}\n{oops\n${line('b', 2)}\n`);
    const { events, errors } = await readDataset(path);
    expect(events.map((e) => e['event.id'])).toEqual(['a', 'b']);
    expect(errors).toMatchObject([{ file: path, line: 2 }]);
  });

  it("streams a bundle's events.ndjson; its tables are still read", async () => {
    const dir = await scratch();
    const bundle = join(dir, 'b');
    await mkdir(bundle);
    // events.ndjson is read by a stream; only a whole read of a `huge*` file fails.
    await writeFile(join(bundle, 'events.ndjson'), `${line('a', 1)}\n{oops\n`);
    await writeFile(join(bundle, 'directory.json'), '[{"name":"amy"}, 3]');
    await writeFile(join(bundle, 'dataset.json'), '{"id":"b","title":"B"}');
    await writeFile(join(bundle, 'huge-notes.txt'), 'not part of a bundle');
    const { events, context, errors } = await readDataset(bundle);
    expect(events.map((e) => e['event.id'])).toEqual(['a']);
    expect(context.directory).toEqual([{ name: 'amy' }]);
    expect(context.manifest).toMatchObject({ id: 'b', title: 'B' });
    // Manifest, events, then tables, as before; bundle diagnostics name the file in the bundle.
    expect(errors).toMatchObject([
      { file: 'events.ndjson', line: 2 },
      { file: 'directory.json', severity: 'warning', message: expect.stringContaining('entry 2') },
      // Not a bundle's file: not read, and said so.
      {
        file: join(bundle, 'huge-notes.txt'),
        severity: 'warning',
        message: expect.stringMatching(/^huge-notes\.txt skipped: a dataset bundle folder/),
      },
    ]);
  });

  it('names the file and its size when a JSON document is too large for one string', async () => {
    const dir = await scratch();
    const path = join(dir, 'huge.json');
    await writeFile(path, '[]');
    await expect(readDataset(path)).rejects.toThrow(
      new RegExp(`^cannot read "${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\(2 bytes\\): .*NDJSON`),
    );
  });

  it('refuses a file larger than any string can hold before reading it', async () => {
    const dir = await scratch();
    const path = join(dir, 'big.json');
    // A sparse file: 1.2 GB long, no disk used.
    const handle = await open(path, 'w');
    await handle.truncate(1_200_000_000);
    await handle.close();
    await expect(readText(path)).rejects.toThrow(`cannot read "${path}" (1.2 GB)`);
  });
});

describe('readDataset: a streamed NDJSON file reads as the whole file did', () => {
  it('reads a file that stops being UTF-8 after its first 64 KB line by line: only that line as Windows-1252, named', async () => {
    const dir = await scratch();
    const path = join(dir, 'late-latin1.ndjson');
    const filler = Array.from({ length: 2000 }, (_, i) => line(`e${i}`, i % 60)).join('\n');
    expect(filler.length).toBeGreaterThan(64 * 1024);
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(`${filler}\n`),
        Buffer.from('{"event.id":"last","user.name":"M\xfcller \x80"}\n', 'latin1'),
        Buffer.from('{"event.id":"after","user.name":"café"}\n'),
      ]),
    );
    const { events, errors } = await readDataset(path);
    expect(events).toHaveLength(2002);
    expect(events.find((e) => e['event.id'] === 'last')?.['user.name']).toBe('Müller €');
    // The UTF-8 lines stay UTF-8: one stray byte no longer turns every "café" into "cafÃ©".
    expect(events.find((e) => e['event.id'] === 'after')?.['user.name']).toBe('café');
    expect(errors).toEqual([
      expect.objectContaining({
        file: path,
        line: 1,
        severity: 'warning',
        message: expect.stringMatching(/^UTF-8 but for one line: line 2001 \(column \d+\) is not UTF-8/),
      }),
    ]);
  });

  it('reads UTF-16 with a byte-order mark across chunk boundaries', async () => {
    const dir = await scratch();
    const path = join(dir, 'wide.jsonl');
    const text = Array.from({ length: 300_000 }, (_, i) => `{"event.id":"${i}","content":"naïve €"}`).join(
      '\r\n',
    );
    await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { events, errors } = await readDataset(path);
    expect(timed(errors)).toEqual([]);
    expect(events).toHaveLength(300_000);
    expect(events[299_999]).toEqual({ 'event.id': '299999', content: 'naïve €' });
  });

  it("says when a bundle's events.ndjson is not UTF-8 (it was read as UTF-8, accents lost)", async () => {
    const dir = await scratch();
    await writeFile(
      join(dir, 'events.ndjson'),
      Buffer.from('{"event.id":"1","user.name":"M\xfcller"}\n', 'latin1'),
    );
    const { events, errors } = await readDataset(dir);
    expect(events).toEqual([{ 'event.id': '1', 'user.name': 'Müller' }]);
    expect(timed(errors)).toEqual([
      expect.objectContaining({
        file: 'events.ndjson',
        severity: 'warning',
        message: expect.stringMatching(/^not UTF-8/),
      }),
    ]);
  });
});
