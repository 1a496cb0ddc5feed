// The command line's side of bad input: a dataset with an impossible time still reads, a pack file
// that is not UTF-8 is decoded and named, and `import --out` does not write into a folder of others.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { checkOutFolder, run as runImport } from './commands/import.ts';
import { readPack } from './pack-files.ts';
import { readDataset } from './read-dataset.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dlp-hostile-'));
}

describe('readDataset: a numeric @timestamp no Date holds', () => {
  it('keeps every event, warns at the line, and dates the dataset by the good ones', async () => {
    const dir = await scratch();
    const path = join(dir, 'ts.ndjson');
    await writeFile(
      path,
      '{"@timestamp": 1e300, "user.name": "h"}\n{"@timestamp": 1e400}\n{"@timestamp": "2026-03-04T10:00:00Z", "user.name": "ok"}\n',
    );
    const dataset = await readDataset(path);
    expect(dataset.events).toHaveLength(3);
    expect(dataset.context.manifest.period).toEqual({
      start: '2026-03-04T10:00:00.000Z',
      end: '2026-03-04T10:00:00.000Z',
    });
    expect(dataset.errors).toMatchObject([
      { file: path, line: 1, path: '@timestamp', severity: 'warning' },
      { file: path, line: 2, path: '@timestamp', severity: 'warning' },
    ]);
  });
});

describe('readPack: files that are not UTF-8', () => {
  it('decodes Latin-1 as Windows-1252 and names the file in a warning', async () => {
    const dir = await scratch();
    const latin1 = Buffer.concat([
      Buffer.from('title: latin1\nid: latin1\ndetection:\n  sel: { user.name: "caf'),
      Buffer.from([0xe9]),
      Buffer.from('" }\n  condition: sel\n'),
    ]);
    await writeFile(join(dir, 'a.yml'), latin1);
    await writeFile(
      join(dir, 'b.yml'),
      'title: b\nid: b\ndetection:\n  sel: { user.name: "é" }\n  condition: sel\n',
    );
    const pack = await readPack(dir);
    expect(pack.files.map((f) => f.text.includes('café'))).toEqual([true, false]);
    expect(pack.files[1]!.text).toContain('"é"');
    expect(pack.warnings).toMatchObject([{ file: join(dir, 'a.yml'), line: 1, severity: 'warning' }]);
    expect(pack.warnings[0]!.message).toMatch(/^not UTF-8: read as Windows-1252/);
  });
});

describe('import --out: a folder that is not a bundle', () => {
  const refusal = async (out: string) => {
    try {
      await checkOutFolder(out);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
  };

  it('refuses a folder holding other files, or bundle files without a manifest', async () => {
    const dir = await scratch();
    const pack = join(dir, 'pack');
    await mkdir(pack);
    await writeFile(join(pack, 'rule.yml'), 'title: x\n');
    await writeFile(join(pack, 'events.ndjson'), '{"keep":"me"}\n');
    expect(await refusal(pack)).toMatch(/holds files that are not a dataset bundle's \("rule.yml"\)/);
    const loose = join(dir, 'loose');
    await mkdir(loose);
    await writeFile(join(loose, 'events.ndjson'), '{"keep":"me"}\n');
    expect(await refusal(loose)).toMatch(/holds bundle files but no dataset.json/);
  });

  it('accepts a missing or empty folder, and a bundle written before', async () => {
    const dir = await scratch();
    expect(await refusal(join(dir, 'new', 'sub'))).toBeUndefined();
    await mkdir(join(dir, 'empty'));
    expect(await refusal(join(dir, 'empty'))).toBeUndefined();
    const source = join(dir, 'src.ndjson');
    await writeFile(source, '{"@timestamp": "2026-03-04T10:00:00Z", "user.name": "a"}\n');
    const out = join(dir, 'bundle');
    const stdout = process.stdout.write;
    process.stdout.write = () => true;
    try {
      expect(await runImport([source, '--out', out])).toBe(0);
      expect(await runImport([source, '--out', out])).toBe(0);
    } finally {
      process.stdout.write = stdout;
    }
    expect((await readdir(out)).sort()).toEqual([
      'dataset.json',
      'directory.json',
      'entitlements.json',
      'events.ndjson',
      'resources.json',
    ]);
  });

  it('refuses before writing anything', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    await writeFile(join(dir, 'src.ndjson'), '{"user.name": "a"}\n');
    await expect(runImport([join(dir, 'src.ndjson'), '--out', dir])).rejects.toThrow(UsageError);
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'src.ndjson']);
  });
});
