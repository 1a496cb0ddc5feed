// Folders as users' log folders come: broken links, empty folders, files the readers do not take,
// compressed logs, linked subfolders, named pipes. Every file that is not read is named, and a
// folder of which nothing was read is an error.
import { execFileSync, spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from './read-dataset.ts';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'read-dataset-folders-'));
}

const event = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ '@timestamp': '2026-03-01T10:00:00Z', 'event.id': id, 'user.name': 'amy', ...extra });

describe('readDataset: a file of a folder that cannot be read', () => {
  it('reads the other files and names a broken link, and why, in an error', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.ndjson'), `${event('a1')}\n`);
    await writeFile(join(dir, 'c.csv'), '@timestamp,event.id\n2026-03-01T10:00:00Z,c1\n');
    await symlink('/nonexistent/gone.ndjson', join(dir, 'broken.ndjson'));
    await symlink('/nonexistent/gone.csv', join(dir, 'broken.csv'));
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id']).sort()).toEqual(['a1', 'c1']);
    expect(errors).toEqual([
      expect.objectContaining({
        file: join(dir, 'broken.csv'),
        severity: 'error',
        message:
          'broken.csv cannot be read, so it is skipped: it is a broken symbolic link: its target "/nonexistent/gone.csv" does not exist',
      }),
      expect.objectContaining({
        file: join(dir, 'broken.ndjson'),
        severity: 'error',
        message: expect.stringContaining('"/nonexistent/gone.ndjson" does not exist'),
      }),
    ]);
  });

  it('refuses a lone broken link in one line naming its target', async () => {
    const path = join(await scratch(), 'gone.ndjson');
    await symlink('/nonexistent/gone.ndjson', path);
    await expect(readDataset(path)).rejects.toThrow(
      `cannot read dataset "${path}": it is a broken symbolic link: its target "/nonexistent/gone.ndjson" does not exist`,
    );
  });

  it('reads a bundle and a CERT folder past a broken link too', async () => {
    const bundle = await scratch();
    await writeFile(join(bundle, 'dataset.json'), '{"id":"b","title":"B"}');
    await writeFile(join(bundle, 'events.ndjson'), `${event('e1')}\n`);
    await symlink('/nonexistent/directory.json', join(bundle, 'directory.json'));
    const read = await readDataset(bundle);
    expect(read.events.map((e) => e['event.id'])).toEqual(['e1']);
    expect(read.context.manifest.id).toBe('b');
    expect(read.errors).toEqual([
      expect.objectContaining({ file: join(bundle, 'directory.json'), severity: 'error' }),
    ]);

    const cert = await scratch();
    await writeFile(
      join(cert, 'logon.csv'),
      'id,date,user,pc,activity\n{A1},01/04/2010 07:12:00,AMY0001,PC-1,Logon\n',
    );
    await symlink('/nonexistent/http.csv', join(cert, 'http.csv'));
    const certRead = await readDataset(cert);
    expect(certRead.events).toHaveLength(1);
    expect(certRead.errors).toEqual([
      expect.objectContaining({
        file: join(cert, 'http.csv'),
        severity: 'error',
        message: expect.stringMatching(
          /^http\.csv cannot be read, so it is skipped: it is a broken symbolic link/,
        ),
      }),
    ]);
  });
});

describe('readDataset: a folder of which nothing is read', () => {
  it('says an empty folder holds no log file, naming it', async () => {
    const dirlike = join(await scratch(), 'dirlike.ndjson');
    await mkdir(dirlike);
    for (const empty of [await scratch(), dirlike]) {
      const { events, errors } = await readDataset(empty);
      expect(events).toEqual([]);
      expect(errors).toEqual([
        expect.objectContaining({
          file: empty,
          severity: 'error',
          message: `no log file read in "${empty}": the folder is empty`,
        }),
      ]);
    }
  });

  it('says so when every file of a folder was skipped', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'notes.txt'), 'not a log');
    await writeFile(join(dir, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    const { events, errors } = await readDataset(dir);
    expect(events).toEqual([]);
    expect(errors.map((e) => [e.severity, e.message])).toEqual([
      ['warning', 'notes.txt skipped: not NDJSON, JSON or CSV'],
      ['warning', 'picture.png skipped: not NDJSON, JSON or CSV'],
      ['error', `no log file read in "${dir}": its 2 files were all skipped (see above)`],
    ]);
  });
});

describe('readDataset: files a bundle or CERT folder does not read', () => {
  it('names each file of a bundle folder that is not a bundle file, and the files a bundle has', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'dataset.json'), '{"id":"b","title":"B"}');
    await writeFile(join(dir, 'events.ndjson'), `${event('e1')}\n`);
    await writeFile(join(dir, 'more.ndjson'), `${event('m1')}\n`);
    await writeFile(join(dir, 'extra.json'), '[]');
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id'])).toEqual(['e1']);
    expect(errors).toEqual(
      ['extra.json', 'more.ndjson'].map((name) =>
        expect.objectContaining({
          file: join(dir, name),
          severity: 'warning',
          message:
            `${name} skipped: a dataset bundle folder is read for its own files only ` +
            '(dataset.json, events.ndjson or events.json, directory.json, resources.json, entitlements.json)',
        }),
      ),
    );
  });

  it('names each file of a CERT folder that is not a CERT file', async () => {
    const dir = await scratch();
    await writeFile(
      join(dir, 'logon.csv'),
      'id,date,user,pc,activity\n{A1},01/04/2010 07:12:00,AMY0001,PC-1,Logon\n',
    );
    await writeFile(join(dir, 'notes.csv'), 'a,b\n1,2\n');
    await writeFile(join(dir, 'vpn.log'), 'x');
    const { events, errors } = await readDataset(dir);
    expect(events).toHaveLength(1);
    expect(errors.map((e) => [e.file, e.severity, e.message.split(':')[0]])).toEqual([
      [join(dir, 'notes.csv'), 'warning', 'notes.csv skipped'],
      [join(dir, 'vpn.log'), 'warning', 'vpn.log skipped'],
    ]);
    expect(errors[0]!.message).toContain('a CERT folder is read for its activity logs (logon.csv');
  });
});

describe('readDataset: other files of a folder', () => {
  it('reads a .log file of JSON lines in a folder as it reads it alone', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.ndjson'), `${event('a1')}\n`);
    await writeFile(join(dir, 'd.log'), `${event('d1')}\n${event('d2')}\n`);
    await writeFile(join(dir, 'syslog.log'), 'Mar  1 10:00:00 host sshd[1]: Accepted password\n');
    const alone = await readDataset(join(dir, 'd.log'));
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id']).sort()).toEqual(['a1', 'd1', 'd2']);
    expect(alone.events.map((e) => e['event.id'])).toEqual(['d1', 'd2']);
    expect(errors).toEqual([
      expect.objectContaining({
        file: join(dir, 'syslog.log'),
        severity: 'warning',
        message: 'syslog.log skipped: not NDJSON, JSON or CSV',
        suggestion: expect.stringContaining('import <file> --format csv|ndjson|json'),
      }),
    ]);
  });

  it('reads a linked folder as the folder it points to, and skips a link back up', async () => {
    const dir = await scratch();
    const elsewhere = await scratch();
    await writeFile(join(elsewhere, 'b.ndjson'), `${event('b1')}\n`);
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'a.ndjson'), `${event('a1')}\n`);
    await symlink(elsewhere, join(dir, 'linked'));
    await symlink('..', join(dir, 'sub', 'loop'));
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id']).sort()).toEqual(['a1', 'b1']);
    expect(errors).toEqual([
      expect.objectContaining({
        file: join(dir, 'sub', 'loop'),
        severity: 'warning',
        message: 'sub/loop skipped: a link to the folder "..", which is read already',
      }),
    ]);
  });
});

describe('readDataset: what a folder holds besides logs', () => {
  it('skips a link to a folder above it (/ included), a device and a pipe, naming each', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.ndjson'), `${event('a1')}\n`);
    await symlink('/', join(dir, 'root'));
    // Read, /dev/zero never ends: the run hung.
    await symlink('/dev/zero', join(dir, 'zero.ndjson'));
    execFileSync('mkfifo', [join(dir, 'pipe.ndjson')]);
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id'])).toEqual(['a1']);
    expect(errors.map((e) => [e.severity, e.message])).toEqual([
      ['warning', 'pipe.ndjson skipped: it is a named pipe, not a file of logs'],
      ['warning', 'root skipped: a link to the folder "/", which holds the folder being read'],
      ['warning', 'zero.ndjson skipped: it is a character device, not a file of logs'],
    ]);
  });
});

describe('readDataset: compressed logs', () => {
  const lines = `${event('z1')}\n${event('z2')}\n`;

  it('gives one error for a gzip or zip file read alone, saying to decompress it', async () => {
    const dir = await scratch();
    const gz = join(dir, 'splunk.ndjson.gz');
    await writeFile(gz, gzipSync(lines));
    const zip = join(dir, 'export.json');
    await writeFile(zip, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]));
    const misnamed = join(dir, 'events.ndjson');
    await writeFile(misnamed, gzipSync(lines));
    for (const [path, kind] of [
      [gz, 'gzip'],
      [zip, 'zip'],
      [misnamed, 'gzip'],
    ] as const) {
      const { events, errors } = await readDataset(path);
      expect(events).toEqual([]);
      expect(errors).toEqual([
        expect.objectContaining({
          file: path,
          line: 1,
          severity: 'error',
          message: expect.stringMatching(new RegExp(`is ${kind}-compressed, not text: decompress it first$`)),
        }),
      ]);
    }
  });

  it('names a compressed file of a folder and reads the others', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.ndjson'), `${event('a1')}\n`);
    await writeFile(join(dir, 'c.ndjson.gz'), gzipSync(lines));
    await writeFile(join(dir, 'd.ndjson'), gzipSync(lines));
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id'])).toEqual(['a1']);
    expect(errors.map((e) => [e.file, e.severity, e.message])).toEqual([
      [
        join(dir, 'c.ndjson.gz'),
        'warning',
        'c.ndjson.gz skipped: it is gzip-compressed, not text: decompress it first',
      ],
      [join(dir, 'd.ndjson'), 'error', 'd.ndjson is gzip-compressed, not text: decompress it first'],
    ]);
  });
});

describe('readDataset: events without a time', () => {
  it('warns once, naming the files, when no event has an @timestamp', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.ndjson'), '{"result":{"_time":"2026-03-01"}}\n{"result":{}}\n');
    await writeFile(join(dir, 'b.json'), '[{"when":"2026-03-01T10:00:00Z"}]');
    const { errors } = await readDataset(dir);
    expect(errors).toEqual([
      expect.objectContaining({
        file: dir,
        severity: 'warning',
        path: '@timestamp',
        message: expect.stringMatching(
          new RegExp(
            `^no event has an @timestamp \\(3 events from ${join(dir, 'a.ndjson')}, ${join(dir, 'b.json')}\\): correlations, baselines`,
          ),
        ),
      }),
    ]);
    // One timed event is enough: nothing to say.
    await writeFile(join(dir, 'c.ndjson'), `${event('c1')}\n`);
    expect((await readDataset(dir)).errors).toEqual([]);
  });
});

describe('readDataset: a named pipe', () => {
  it('reads an NDJSON-named pipe once, without waiting for a second writer', async () => {
    const dir = await scratch();
    const fifo = join(dir, 'f1.ndjson');
    const made = spawn('mkfifo', [fifo]);
    await new Promise((resolve) => made.on('close', resolve));
    const body = Array.from({ length: 3000 }, (_, i) => event(`p${i}`, { content: 'x'.repeat(100) })).join(
      '\n',
    );
    const writer = spawn('sh', ['-c', 'cat > "$1"', 'sh', fifo], { stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(`${body}\n`);
    const { events, errors } = await readDataset(fifo);
    expect(events).toHaveLength(3000);
    expect(errors).toEqual([]);
  }, 20_000);
});
