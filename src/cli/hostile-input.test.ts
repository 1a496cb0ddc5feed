// The command line's side of bad input: a dataset with an impossible time still reads, a pack file
// that is not UTF-8 is decoded and named, and `import --out` does not write into a folder of others.
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from './args.ts';
import { checkOutFolder, run as runImport } from './commands/import.ts';
import { run as runValidate } from './commands/validate.ts';
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

describe('readPack: symbolic links in a pack folder', () => {
  it('reads a linked file, reads a folder a link leads back to once, and warns of a broken link', async () => {
    const dir = await scratch();
    const pack = join(dir, 'pack');
    await mkdir(join(pack, 'sub'), { recursive: true });
    await mkdir(join(dir, 'shared'));
    await writeFile(join(dir, 'shared', 'rule.yml'), 'title: shared\n');
    await writeFile(join(pack, 'own.yml'), 'title: own\n');
    await symlink(join(dir, 'shared', 'rule.yml'), join(pack, 'linked.yml'));
    await symlink(pack, join(pack, 'sub', 'loop'));
    await symlink(join(dir, 'missing.yml'), join(pack, 'broken.yml'));
    const { files, warnings } = await readPack(pack);
    expect(files.map((file) => file.name)).toEqual([join(pack, 'linked.yml'), join(pack, 'own.yml')]);
    expect(warnings).toMatchObject([
      {
        file: join(pack, 'broken.yml'),
        line: 1,
        severity: 'warning',
        message: 'a link to a file that does not exist: skipped',
      },
    ]);
  });
});

describe('validate: YAML that a JavaScript value would read otherwise', () => {
  it('names each file, line and column, prints no console warning, and checks every file', async () => {
    const dir = await scratch();
    const rule = (id: string, selection: string) =>
      `title: ${id}\nid: ${id}\ndetection:\n  sel: ${selection}\n  condition: sel\n`;
    await writeFile(join(dir, 'a-tag.yml'), rule('tag', '{ user.name: !!js/function "function () {}" }'));
    await writeFile(join(dir, 'b-key.yml'), rule('key', '{ ? [a, b] : 1 }'));
    await writeFile(join(dir, 'c-int.yml'), rule('int', '{ card: 99999999999999999999 }'));
    await writeFile(join(dir, 'd-cr.yml'), rule('cr', '{ a|nope: 1 }').replace(/\n/g, '\r'));
    await writeFile(join(dir, 'e-merge.yml'), `base: &b { a: 1 }\n${rule('merge', '\n    <<: *b')}`);
    const out: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((text) => out.push(String(text)) > 0);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => out.push(String(text)) > 0);
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      expect(await runValidate([dir])).toBe(1);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      warn.mockRestore();
    }
    expect(warn).not.toHaveBeenCalled();
    const lines = out.join('').split('\n');
    expect(
      lines.filter((line) => line.startsWith(dir)).map((line) => line.slice(dir.length + 1, dir.length + 20)),
    ).toEqual(['a-tag.yml:4:21: unk', 'b-key.yml:4:12: a k', 'c-int.yml:4:16: the', 'd-cr.yml:4:10: unkn']);
    expect(lines.at(-2)).toBe('5 files: 5 rules, 0 classifiers, 0 correlations, 0 access, 0 tests; 4 errors');
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
