import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundle } from './commands/import.ts';
import { readDataset, streamDatasetEvents } from './read-dataset.ts';

/** The diagnostics but the one saying no event has an @timestamp (these fixtures have none). */
function timed<T extends { path?: string }>(errors: T[]): T[] {
  return errors.filter((e) => e.path !== '@timestamp');
}

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

  it('keeps events that share an event.id, and says once which ids are shared', async () => {
    const dir = await scratch();
    const path = join(dir, 'reused.ndjson');
    const line = (id: string, minute: number) =>
      JSON.stringify({ '@timestamp': `2026-01-01T00:0${minute}:00Z`, 'event.id': id, 'user.name': 'a' });
    await writeFile(
      path,
      [line('1', 1), line('1', 2), line('1', 3), line('2', 4), line('2', 5), line('3', 6)].join('\n'),
    );
    const { events, errors } = await readDataset(path);
    expect(events).toHaveLength(6);
    expect(errors).toEqual([
      expect.objectContaining({
        file: path,
        path: 'event.id',
        severity: 'warning',
        message: expect.stringMatching(
          /^2 event\.id value\(s\) are shared by several events \("1" × 3, "2" × 2\)/,
        ),
      }),
    ]);
  });

  it('reports every bad line of a file of 200,000 of them, without overflowing the stack', async () => {
    const dir = await scratch();
    const path = join(dir, 'broken.ndjson');
    await writeFile(path, '{oops\n'.repeat(200_000));
    const { events, errors } = await readDataset(path);
    expect(events).toEqual([]);
    expect(errors).toHaveLength(200_000);
    expect(errors[199_999]).toMatchObject({ file: path, line: 200_000 });
  });

  it('reads a Latin-1 file as Latin-1, keeping its accents, and says it is not UTF-8', async () => {
    const dir = await scratch();
    const path = join(dir, 'legacy.ndjson');
    await writeFile(
      path,
      Buffer.from('{"event.id":"1","user.name":"M\xfcller","content":"Stra\xdfe"}\n', 'latin1'),
    );
    const { events, errors } = await readDataset(path);
    expect(events).toEqual([{ 'event.id': '1', 'user.name': 'Müller', content: 'Straße' }]);
    expect(timed(errors)).toEqual([
      expect.objectContaining({
        file: path,
        severity: 'warning',
        message: expect.stringMatching(/^not UTF-8/),
      }),
    ]);
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

describe('readDataset: a one-line JSON document ending in a newline', () => {
  const e1 = { '@timestamp': '2026-01-01T00:00:00Z', 'event.id': 'e1', 'user.name': 'bob' };
  const e2 = { '@timestamp': '2026-01-01T00:00:01Z', 'event.id': 'e2', user: { name: 'bob' } };
  it.each([
    ['an object with events', { events: [e1, e2] }],
    [
      'an Elastic search response',
      {
        took: 1,
        hits: {
          hits: [
            { _id: 'e1', _source: e1 },
            { _id: 'e2', _source: e2 },
          ],
        },
      },
    ],
    ['a single-file bundle', { dataset: { id: 'x', title: 'x' }, events: [e1, e2], directory: [] }],
  ])('reads %s as a document, not as one NDJSON event', async (_shape, document) => {
    const path = join(await scratch(), 'one-line.json');
    await writeFile(path, JSON.stringify(document) + '\n');
    const { events, errors } = await readDataset(path);
    expect(errors).toEqual([]);
    expect(events.map((e) => [e['event.id'], e['user.name']])).toEqual([
      ['e1', 'bob'],
      ['e2', 'bob'],
    ]);
  });

  it.each(['\n', '\r\n', ''])('reads a one-line plain event (ending %j) as one event', async (end) => {
    const path = join(await scratch(), 'event.json');
    const time = '2026-01-01T00:00:00Z';
    await writeFile(path, JSON.stringify({ '@timestamp': time, user: { name: 'bob' } }) + end);
    const { events, errors } = await readDataset(path);
    expect(errors).toEqual([]);
    expect(events).toEqual([{ '@timestamp': time, 'user.name': 'bob', 'event.id': 'event.json:1' }]);
  });

  it('still reads two lines of events as NDJSON', async () => {
    const path = join(await scratch(), 'two.json');
    const time = '2026-01-01T00:00:00Z';
    await writeFile(
      path,
      JSON.stringify({ '@timestamp': time, events: [] }) +
        '\n' +
        JSON.stringify({ '@timestamp': time }) +
        '\n',
    );
    const { events } = await readDataset(path);
    expect(events.map((e) => e['event.id'])).toEqual(['two.json:1', 'two.json:2']);
  });
});

describe('readDataset: a folder of loose log files', () => {
  it('reads its CSV files and names each file no reader takes', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'sub'));
    const t = '"@timestamp":"2026-01-01T00:00:00Z"';
    await writeFile(join(dir, 'a.ndjson'), `{${t},"event.id":"a1"}\n`);
    await writeFile(join(dir, 'sub', 'c.json'), `[{${t},"event.id":"c1"}]`);
    await writeFile(
      join(dir, 'd.csv'),
      '@timestamp,event.id,user.name\n2026-01-01T00:00:00Z,d1,bob\n2026-01-01T00:00:00Z,d2,"x,y"\n',
    );
    await writeFile(join(dir, 'notes.txt'), 'not a log');
    const { events, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id']).sort()).toEqual(['a1', 'c1', 'd1', 'd2']);
    expect(events.find((e) => e['event.id'] === 'd2')?.['user.name']).toBe('x,y');
    expect(errors).toMatchObject([
      {
        file: join(dir, 'notes.txt'),
        severity: 'warning',
        message: 'notes.txt skipped: not NDJSON, JSON or CSV',
      },
    ]);
  });

  it('reports a bad row with the path of its file', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'd1'));
    await writeFile(join(dir, 'd1', 'proxy.ndjson'), '{"@timestamp":"2026-01-01T00:00:00Z"}\n{oops\n');
    const { errors } = await readDataset(dir);
    expect(errors).toMatchObject([{ file: join(dir, 'd1', 'proxy.ndjson'), line: 2 }]);
  });

  it('gives same-named files in two subfolders distinct ids, named by their path in the folder', async () => {
    const dir = await scratch();
    for (const day of ['d1', 'd2']) {
      await mkdir(join(dir, day));
      await writeFile(join(dir, day, 'proxy.ndjson'), `{"@timestamp":"2026-01-0${day[1]}T00:00:00Z"}\n`);
      await writeFile(join(dir, day, 'mail.csv'), `@timestamp,user.name\n2026-01-0${day[1]}T00:00:00Z,bob\n`);
    }
    const { events } = await readDataset(dir);
    expect(events.map((e) => e['event.id']).sort()).toEqual([
      'd1/mail.csv:2',
      'd1/proxy.ndjson:1',
      'd2/mail.csv:2',
      'd2/proxy.ndjson:1',
    ]);
    const forced = await readDataset(dir, { format: 'ndjson' });
    expect(forced.events.map((e) => e['event.id'])).toEqual(['d1/proxy.ndjson:1', 'd2/proxy.ndjson:1']);
  });

  it("keeps a lone file's ids to its own name, read whole or streamed", async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'logs'));
    const path = join(dir, 'logs', 'proxy.ndjson');
    await writeFile(path, '{"@timestamp":"2026-01-01T00:00:00Z"}\n{oops\n');
    const whole = await readDataset(path);
    const streamed = [];
    for await (const batch of streamDatasetEvents(path)) streamed.push(batch);
    expect(whole.events.map((e) => e['event.id'])).toEqual(['proxy.ndjson:1']);
    expect(streamed.flatMap((b) => b.events)).toEqual(whole.events);
    expect(streamed.flatMap((b) => b.errors)).toEqual(whole.errors);
    expect(whole.errors).toMatchObject([{ file: path, line: 2 }]);
  });
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

describe('readDataset: CERT data not given as the release folder itself', () => {
  const header = 'id,date,user,pc,activity';
  const logon = `${header}\n{A1},01/04/2010 07:02:09,ABC0001,PC-1,Logon\n{A2},01/04/2010 17:02:09,ABC0001,PC-1,Logoff\n`;

  it('reads a folder holding one CERT release folder as that release, and says which', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'r6.2', 'LDAP'), { recursive: true });
    await writeFile(join(dir, 'r6.2', 'logon.csv'), logon);
    await writeFile(
      join(dir, 'r6.2', 'LDAP', '2010-01.csv'),
      'employee_name,user_id,email,role,projects,business_unit,functional_unit,department,team,supervisor\nAnn Bee,ABC0001,ann@dtaa.com,Engineer,,1,2,3,4,\n',
    );
    const { events, context, errors } = await readDataset(dir);
    expect(events.map((e) => e['event.id'])).toEqual(['{A1}', '{A2}']);
    expect(events[0]).toMatchObject({ 'user.name': 'ABC0001', 'event.category': 'authentication' });
    expect(context.directory.map((u) => u.name)).toEqual(['ABC0001']);
    expect(errors).toEqual([
      expect.objectContaining({ file: dir, severity: 'warning', message: expect.stringContaining('r6.2/') }),
    ]);
  });

  it('refuses a folder holding several CERT releases, naming them', async () => {
    const dir = await scratch();
    for (const release of ['r4.2', 'r6.2']) {
      await mkdir(join(dir, release));
      await writeFile(join(dir, release, 'logon.csv'), logon);
    }
    await expect(readDataset(dir)).rejects.toThrow(/r4\.2\/, r6\.2\//);
  });

  it('reads a lone CERT activity log with the CERT reader for its table, with a note', async () => {
    const dir = await scratch();
    const path = join(dir, 'logon.csv');
    await writeFile(path, logon);
    const { events, errors } = await readDataset(path);
    expect(events[0]).toMatchObject({
      'event.id': '{A1}',
      '@timestamp': '2010-01-04T07:02:09Z',
      'user.name': 'ABC0001',
      'event.action': 'logon',
    });
    expect(errors).toEqual([
      expect.objectContaining({
        file: path,
        severity: 'warning',
        message: expect.stringContaining('CERT logon'),
      }),
    ]);
  });

  it('still reads a logon.csv of other columns as a plain CSV', async () => {
    const dir = await scratch();
    const path = join(dir, 'logon.csv');
    await writeFile(path, 'event.id,user.name\n1,amy\n');
    const { events, errors } = await readDataset(path);
    expect(events).toEqual([{ 'event.id': '1', 'user.name': 'amy' }]);
    expect(timed(errors)).toEqual([]);
  });

  it('reads a Latin-1 CERT table as Windows-1252 and names the file in a warning', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'logon.csv'), logon);
    const http = `id,date,user,pc,url,activity,content\n{H1},01/04/2010 08:00:00,ABC0001,PC-1,http://caf\xe9.com/x,WWW Visit,na\xefve r\xe9sum\xe9\n`;
    await writeFile(join(dir, 'http.csv'), Buffer.from(http, 'latin1'));
    const { events, errors } = await readDataset(dir);
    const visit = events.find((e) => e['event.id'] === '{H1}');
    expect(visit?.content).toBe('naïve résumé');
    expect(JSON.stringify(events)).not.toContain('\ufffd');
    expect(errors).toEqual([
      expect.objectContaining({
        file: join(dir, 'http.csv'),
        severity: 'warning',
        message: expect.stringMatching(/^not UTF-8/),
      }),
    ]);
  });
});

describe('readDataset: a JSON list on one line', () => {
  it('gives each element its own id, so the engine keeps them apart', async () => {
    const dir = await scratch();
    const event = (minute: number) => ({
      '@timestamp': `2024-03-01T10:${minute}:00Z`,
      user: { name: 'dave' },
      event: { category: 'erp' },
    });
    const list = [event(10), event(20), event(30)];
    await writeFile(join(dir, 'exp1.json'), `${JSON.stringify(list)}\n`);
    await writeFile(join(dir, 'exp2.json'), JSON.stringify(list, null, 1));
    const one = await readDataset(join(dir, 'exp1.json'));
    const pretty = await readDataset(join(dir, 'exp2.json'));
    expect(new Set(one.events.map((e) => e['event.id'])).size).toBe(3);
    expect(one.errors).toEqual([]);
    expect(pretty.events.map((e) => e['event.id'])).toEqual(['exp2.json:2', 'exp2.json:11', 'exp2.json:20']);
  });
});
