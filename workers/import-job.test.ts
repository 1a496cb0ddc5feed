import { describe, it, expect, vi } from 'vitest';
import {
  runImport,
  detectFormat,
  type ImportPreviewReport,
  type ImportProgressReport,
} from './import-job.ts';
import { listDatasets, readDatasetContext, readDatasetEvents } from '../src/store/datasets.ts';
import { openTestDatabase } from '../tests/store/test-database.ts';
import { parseCsvEvents } from '../src/engine/import/csv.ts';
import { parseEcsExport } from '../src/engine/import/ecs.ts';

const line = (i: number) =>
  JSON.stringify({
    '@timestamp': `2026-03-02T10:00:${String(i % 60).padStart(2, '0')}Z`,
    'event.id': `e${i}`,
    user: { name: `u${i % 3}` },
  });
const ndjson = (count: number) => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';

/** A file whose bytes stop coming half-way, as a disk or network read that fails does. */
function brokenBlob(text: string, failAfterBytes: number): Blob {
  const bytes = new TextEncoder().encode(text);
  return new (class extends Blob {
    override stream() {
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, failAfterBytes));
        },
        pull(controller) {
          controller.error(new DOMException('The file could not be read.', 'NotReadableError'));
        },
      }) as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
  })([bytes]);
}

/** A file that arrives in 4 KiB pieces, as a large file does (`onPiece` gets each piece's offset). */
function arrivingInPieces(bytes: Uint8Array, onPiece?: (at: number) => void): Blob {
  return new (class extends Blob {
    override stream() {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          onPiece?.(at);
          controller.enqueue(bytes.slice(at, (at += 4096)));
        },
      }) as ReadableStream<Uint8Array<ArrayBuffer>>;
    }
  })([bytes as Uint8Array<ArrayBuffer>]);
}

describe('import worker job', () => {
  it('streams an NDJSON file into segments, flattening nested objects, and reports bad lines', async () => {
    const db = await openTestDatabase();
    const text = ndjson(250) + '{not json}\n' + line(250) + '\n';
    const reports: ImportProgressReport[] = [];
    const outcome = await runImport(
      db,
      { files: [{ name: 'logs.ndjson', blob: new Blob([text]) }], segmentSize: 100 },
      { onProgress: (r) => reports.push(r) },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.dataset).toMatchObject({ title: 'logs', eventCount: 251, segmentCount: 3 });
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({ file: 'logs.ndjson', line: 251 });
    const events = await readDatasetEvents(db, outcome.dataset.id);
    expect(events[0]).toMatchObject({ 'event.id': 'e0', 'user.name': 'u0' });
    expect(reports.at(-1)).toMatchObject({ phase: 'committing', events: 251, bytesRead: text.length });
  });

  it('reads UTF-16 (with a byte-order mark) and Windows-1252 files as the command line does', async () => {
    const db = await openTestDatabase();
    const body = '{"event.id":"w1","user.name":"M\u00fcller","content":"SSN 536\u201322\u20131847"}\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(body, 'utf16le'))]);
    const cp1252 = new Uint8Array([...body].map((char) => (char === '\u2013' ? 0x96 : char.charCodeAt(0))));
    for (const [name, bytes, warned] of [
      ['powershell.ndjson', utf16, false],
      ['legacy.ndjson', cp1252, true],
    ] as const) {
      const outcome = await runImport(db, { files: [{ name, blob: new Blob([bytes]) }] });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(await readDatasetEvents(db, outcome.dataset.id)).toEqual([
        { 'event.id': 'w1', 'user.name': 'Müller', content: 'SSN 536–22–1847' },
      ]);
      expect(outcome.errors.map((e) => e.severity)).toEqual(warned ? ['warning'] : []);
    }
  });

  it('commits nothing when the file breaks half-way through', async () => {
    const db = await openTestDatabase();
    const text = ndjson(2000);
    const outcome = await runImport(db, {
      files: [{ name: 'big.ndjson', blob: brokenBlob(text, text.length / 2) }],
      segmentSize: 100,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.message).toMatch(/could not be read/);
    expect(await db.datasets.count()).toBe(0);
    expect(await db.segments.count()).toBe(0);
  });

  it('a cancelled import leaves nothing behind', async () => {
    const db = await openTestDatabase();
    const controller = new AbortController();
    const outcome = await runImport(
      db,
      { files: [{ name: 'big.ndjson', blob: new Blob([ndjson(3000)]) }], segmentSize: 100 },
      { signal: controller.signal, onProgress: (r) => r.events >= 500 && controller.abort() },
    );
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'cancelled' } });
    expect(await db.segments.count()).toBe(0);
    expect(await listDatasets(db)).toEqual([]);
  });

  it('asks before committing: the preview holds the first events, the users and every bad row; discard stores nothing', async () => {
    const db = await openTestDatabase();
    const text = ndjson(250) + '{not json}\n';
    const previews: ImportPreviewReport[] = [];
    const file = () => [{ name: 'logs.ndjson', blob: new Blob([text]) }];
    const discarded = await runImport(
      db,
      { files: file(), segmentSize: 100 },
      {
        confirm: async (preview) => {
          previews.push(preview);
          // Staged while the user decides: written, but not listed.
          expect(await db.segments.count()).toBe(3);
          expect(await listDatasets(db)).toEqual([]);
          return false;
        },
      },
    );
    expect(discarded).toMatchObject({ ok: false, problem: { kind: 'cancelled', message: /discarded/ } });
    expect(previews).toHaveLength(1);
    expect(previews[0]).toMatchObject({ events: 250, users: 3, directoryUsers: 0, withoutCategory: 250 });
    expect(previews[0]!.first.map((e) => e['event.id'])).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(previews[0]!.errors).toMatchObject([{ file: 'logs.ndjson', line: 251 }]);
    expect(await db.segments.count()).toBe(0);
    expect(await db.datasets.count()).toBe(0);

    const kept = await runImport(db, { files: file(), segmentSize: 100 }, { confirm: () => true });
    expect(kept).toMatchObject({ ok: true, dataset: { eventCount: 250, status: 'ready' } });
    expect(await listDatasets(db)).toHaveLength(1);
  });

  it('a storage failure is told before the user is asked, and leaves nothing behind', async () => {
    const db = await openTestDatabase();
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const bulkAdd = db.segments.bulkAdd.bind(db.segments);
    let writes = 0;
    db.segments.bulkAdd = ((...args: Parameters<typeof bulkAdd>) =>
      ++writes === 1 ? Promise.reject(quota) : bulkAdd(...args)) as typeof db.segments.bulkAdd;
    let asked = false;
    const outcome = await runImport(
      db,
      { files: [{ name: 'big.ndjson', blob: new Blob([ndjson(2000)]) }], segmentSize: 100 },
      { confirm: () => (asked = true) },
    );
    expect(asked).toBe(false);
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'quota' } });
    expect(await db.segments.count()).toBe(0);
    expect(await db.datasets.count()).toBe(0);
  });

  it('says when a file holds no events, rather than importing it as a clean empty log', async () => {
    const db = await openTestDatabase();
    const outcome = await runImport(db, {
      files: [
        { name: 'empty.ndjson', blob: new Blob([]) },
        { name: 'blank.ndjson', blob: new Blob(['\n  \n']) },
        { name: 'one.ndjson', blob: new Blob([line(1)]) },
      ],
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.errors).toMatchObject([
      { file: 'empty.ndjson', severity: 'warning', message: 'the file is empty: no events in it' },
      { file: 'blank.ndjson', severity: 'warning', message: 'no events in this file' },
    ]);
  });

  it('imports a dataset bundle: events streamed, directory and ground truth stored with them', async () => {
    const db = await openTestDatabase();
    const files = [
      {
        name: 'classroom/dataset.json',
        blob: new Blob([
          JSON.stringify({
            id: 'classroom',
            title: 'Classroom',
            scenarios: [{ id: 's1', title: 'Leak', category: 'leakage', steps: [] }],
          }),
        ]),
      },
      { name: 'classroom/events.ndjson', blob: new Blob([ndjson(10)]) },
      {
        name: 'classroom/directory.json',
        blob: new Blob([JSON.stringify([{ name: 'u1', department: 'Sales' }])]),
      },
    ];
    expect(detectFormat(files.map((f) => f.name))).toBe('bundle');
    const outcome = await runImport(db, { files, datasetId: 'classroom', title: 'Imported: classroom' });
    expect(outcome.ok).toBe(true);
    // A dataset that names itself is listed by its own title, not the importer's.
    expect(outcome.ok && outcome.dataset.title).toBe('Classroom');
    const context = await readDatasetContext(db, 'classroom');
    expect(context.directory).toEqual([{ name: 'u1', department: 'Sales' }]);
    expect(context.scenarios.map((s) => s.id)).toEqual(['s1']);
    expect(context.manifest.title).toBe('Classroom');
    expect(await readDatasetEvents(db, 'classroom')).toHaveLength(10);
  });

  it('imports a JSON list and a CSV file through the engine importers', async () => {
    const db = await openTestDatabase();
    const json = await runImport(db, {
      files: [
        { name: 'a.json', blob: new Blob([JSON.stringify([{ 'event.id': 'x', user: { name: 'amy' } }])]) },
      ],
      datasetId: 'a',
    });
    expect(json.ok).toBe(true);
    expect(await readDatasetEvents(db, 'a')).toEqual([{ 'event.id': 'x', 'user.name': 'amy' }]);
    const csv = await runImport(db, {
      files: [{ name: 'b.csv', blob: new Blob(['event.id,user.name\n1,amy\n2,bob\n']) }],
      datasetId: 'b',
    });
    expect(csv.ok).toBe(true);
    expect((await readDatasetEvents(db, 'b')).map((e) => e['user.name'])).toEqual(['amy', 'bob']);
  });

  it('reads a lone .json file as its text shows: a search response, events per line, a one-line document', async () => {
    const db = await openTestDatabase();
    const hit = (id: string) => ({ _id: id, _source: { event: { action: 'read' }, user: { name: 'amy' } } });
    const files: Record<string, string> = {
      search: `${JSON.stringify({ took: 2, hits: { hits: [hit('h1'), hit('h2')] } })}\n`,
      lines: `${JSON.stringify({ 'event.id': 'l1' })}\n${JSON.stringify({ 'event.id': 'l2' })}\n`,
      document: `${JSON.stringify({ events: [{ 'event.id': 'd1' }, { 'event.id': 'd2' }] })}\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const outcome = await runImport(db, {
        files: [{ name: `${name}.json`, blob: new Blob([text]) }],
        datasetId: name,
      });
      expect(outcome.ok, name).toBe(true);
      expect(
        (await readDatasetEvents(db, name)).map((e) => e['event.id']),
        name,
      ).toHaveLength(2);
    }
    expect((await readDatasetEvents(db, 'search')).map((e) => e['event.id'])).toEqual(['h1', 'h2']);
  });

  it('reads a lone log its name does not type as its text shows: a Zeek conn.log, a Linux audit.log', async () => {
    const db = await openTestDatabase();
    const zeek = [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tconn',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring',
      '1772445600.250000\tCx1\t10.0.0.5\t50000\t93.184.216.34\t443\ttcp\tssl',
      '1772445601.500000\tCx2\t10.0.0.6\t50001\t93.184.216.35\t80\ttcp\t-',
      '',
    ].join('\n');
    const audit = [
      'type=SYSCALL msg=audit(1772445600.123:41): arch=c000003e syscall=257 success=yes exit=3 uid=1000 auid=1000 comm="cat" exe="/usr/bin/cat" key="secrets"',
      'type=PATH msg=audit(1772445600.123:41): item=0 name="/srv/secrets/payroll.csv" nametype=NORMAL',
      'type=EOE msg=audit(1772445600.123:41):',
      '',
    ].join('\n');
    const zeekOutcome = await runImport(db, {
      files: [{ name: 'conn.log', blob: new Blob([zeek]) }],
      datasetId: 'z',
    });
    expect(zeekOutcome.ok).toBe(true);
    const connections = await readDatasetEvents(db, 'z');
    expect(connections.map((e) => [e['@timestamp'], e['id.resp_h'] ?? e['destination.ip']])).toEqual([
      ['2026-03-02T10:00:00.250Z', '93.184.216.34'],
      ['2026-03-02T10:00:01.500Z', '93.184.216.35'],
    ]);
    expect(connections[1]).not.toHaveProperty('service');
    const auditOutcome = await runImport(db, {
      files: [{ name: 'audit.log', blob: new Blob([audit]) }],
      datasetId: 'a',
    });
    expect(auditOutcome.ok).toBe(true);
    const [opened] = await readDatasetEvents(db, 'a');
    expect(opened?.['file.path']).toBe('/srv/secrets/payroll.csv');
  });

  it('reads a lone .json list of Elastic hits as hits, one line or pretty', async () => {
    const db = await openTestDatabase();
    const hits = [
      { _index: 'x', _id: 'l1', _source: { user: { name: 'amy' }, event: { category: ['network', 'web'] } } },
      { _index: 'x', _id: 'l2', _source: { user: { name: ['bo'] }, event: { category: 'file' } } },
    ];
    for (const [name, text] of [
      ['oneline', JSON.stringify(hits)],
      ['pretty', JSON.stringify(hits, null, 2)],
    ] as const) {
      const outcome = await runImport(db, {
        files: [{ name: `${name}.json`, blob: new Blob([text]) }],
        datasetId: name,
      });
      expect(outcome.ok, name).toBe(true);
      expect(await readDatasetEvents(db, name), name).toEqual([
        { 'user.name': 'amy', 'event.category': ['web', 'network'], 'event.id': 'l1' },
        { 'user.name': 'bo', 'event.category': 'file', 'event.id': 'l2' },
      ]);
    }
  });

  it('reads a Latin-1 CERT table as Windows-1252, with a warning naming the file', async () => {
    const db = await openTestDatabase();
    const text =
      'id,date,user,pc,url,activity,content\n{H1},01/04/2010 08:00:00,ABC0001,PC-1,http://x.com/,WWW Visit,r\xe9sum\xe9\n';
    const outcome = await runImport(db, {
      files: [{ name: 'r6/http.csv', blob: new Blob([Buffer.from(text, 'latin1')]) }],
      format: 'cert',
      datasetId: 'cert',
    });
    expect(outcome.ok).toBe(true);
    expect((await readDatasetEvents(db, 'cert'))[0]?.content).toBe('résumé');
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        file: 'r6/http.csv',
        severity: 'warning',
        message: expect.stringMatching(/^not UTF-8/),
      }),
    ]);
  });

  it('streams a _bulk body and a scroll dump (.ndjson) as their documents', async () => {
    const db = await openTestDatabase();
    const bulk =
      '{"index":{"_id":"b1"}}\n{"user":{"name":"amy"}}\n{"create":{"_id":"b2"}}\n{"user":{"name":"bo"}}\n';
    const hit = (id: string) => ({ _id: id, _source: { user: { name: 'cy' } } });
    const scroll = `${JSON.stringify({ took: 1, hits: { hits: [hit('s1'), hit('s2')] } })}\n${JSON.stringify({ took: 1, hits: { hits: [hit('s3')] } })}\n`;
    for (const [name, text, expected] of [
      ['bulk', bulk, ['b1', 'b2']],
      ['scroll', scroll, ['s1', 's2', 's3']],
    ] as const) {
      const outcome = await runImport(db, {
        files: [{ name: `${name}.ndjson`, blob: new Blob([text]) }],
        datasetId: name,
      });
      expect(outcome.ok, name).toBe(true);
      expect(
        (await readDatasetEvents(db, name)).map((e) => e['event.id']),
        name,
      ).toEqual(expected);
    }
  });

  it('streams a CSV file: written while it is read, the same events and errors as reading it whole', async () => {
    const db = await openTestDatabase();
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `2026-03-02T10:${String(i % 60).padStart(2, '0')}:00Z;u${i % 7};"note ${i}${i % 500 === 0 ? '\nsecond line' : ''}, with ""quotes""";${i}`,
    );
    rows[1234] = '2026-03-02T10:00:00Z;broken row';
    const text = ['@timestamp;user.name;note;file.size', ...rows].join('\n') + '\n';
    const chunks: number[] = [];
    const bytes = new TextEncoder().encode(text);
    const blob = arrivingInPieces(bytes, (at) => chunks.push(at));
    const reports: ImportProgressReport[] = [];
    const outcome = await runImport(
      db,
      { files: [{ name: 'notes.csv', blob }], segmentSize: 500, datasetId: 'n' },
      { onProgress: (r) => reports.push(r) },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const whole = parseCsvEvents(text, 'notes.csv');
    expect(outcome.errors).toEqual(whole.errors);
    expect(outcome.errors.map((e) => e.line)).toEqual([1239]);
    expect(await readDatasetEvents(db, 'n')).toEqual(whole.events);
    // Written piece by piece while reading, not once at the end.
    const writing = reports.filter((r) => r.phase === 'writing');
    expect(chunks.length).toBeGreaterThan(20);
    expect(writing.length).toBeGreaterThan(20);
    expect(writing[0]!.bytesRead).toBeLessThan(bytes.length / 10);
  });

  it('streams an Elastic export of one hit per line, as the whole-text importer reads it', async () => {
    const db = await openTestDatabase();
    const hits = Array.from({ length: 2000 }, (_, i) =>
      i === 777
        ? '{"_id": "broken", '
        : JSON.stringify({
            _id: `h${i}`,
            _source: {
              '@timestamp': `2026-03-02T10:${String(i % 60).padStart(2, '0')}:00Z`,
              event: { category: ['network', 'web'], action: 'upload' },
              user: { name: `u${i % 5}` },
            },
          }),
    );
    const text = hits.join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const blob = arrivingInPieces(bytes);
    const reports: ImportProgressReport[] = [];
    const outcome = await runImport(
      db,
      { files: [{ name: 'export.ndjson', blob }], format: 'ecs', segmentSize: 500, datasetId: 'e' },
      { onProgress: (r) => reports.push(r) },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const whole = parseEcsExport(text, 'export.ndjson');
    expect(whole.events).toHaveLength(1999);
    expect(outcome.errors).toEqual(whole.errors);
    expect(outcome.errors.map((e) => e.line)).toEqual([778]);
    expect(await readDatasetEvents(db, 'e')).toEqual(whole.events);
    const writing = reports.filter((r) => r.phase === 'writing');
    expect(writing[0]!.bytesRead).toBeLessThan(bytes.length / 4);
  });
});

describe('an import under a name the store already holds', () => {
  it('takes the next free id in the transaction that claims it, and says so in its title', async () => {
    const db = await openTestDatabase();
    const file = () => [{ name: 'mail.ndjson', blob: new Blob([ndjson(3)]) }];
    // Another tab's import of the same file name is still staged under "mail".
    let release: (add: boolean) => void = () => {};
    const first = runImport(
      db,
      { files: file(), datasetId: 'mail', title: 'Imported: mail.ndjson', freeId: true },
      { confirm: () => new Promise<boolean>((resolve) => (release = resolve)) },
    );
    await vi.waitFor(async () => expect(await db.datasets.get('mail')).toMatchObject({ status: 'staging' }));
    const previews: ImportPreviewReport[] = [];
    const second = await runImport(
      db,
      { files: file(), datasetId: 'mail', title: 'Imported: mail.ndjson', freeId: true },
      { confirm: (preview) => (previews.push(preview), true) },
    );
    expect(previews[0]?.datasetId).toBe('mail-2');
    expect(second).toMatchObject({
      ok: true,
      dataset: { id: 'mail-2', title: 'Imported: mail.ndjson (mail-2)' },
    });
    // The first import was not touched: it commits under its own id.
    release(true);
    expect(await first).toMatchObject({ ok: true, dataset: { id: 'mail', status: 'ready' } });
    expect((await listDatasets(db)).map((d) => d.id).sort()).toEqual(['mail', 'mail-2']);
    expect(await readDatasetEvents(db, 'mail')).toHaveLength(3);
    expect(await readDatasetEvents(db, 'mail-2')).toHaveLength(3);
  });
});

describe('a file of the wrong layout', () => {
  it('lists the first 1,000 problem rows and counts the rest, rather than carrying one per line', async () => {
    const db = await openTestDatabase();
    const notNdjson = Array.from({ length: 5000 }, (_, i) => `row ${i};"broken`).join('\n') + '\n';
    const outcome = await runImport(
      db,
      { files: [{ name: 'table.csv', blob: new Blob([notNdjson]) }], format: 'ndjson' },
      { confirm: () => false },
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.errors).toHaveLength(1001);
    expect(outcome.errors.at(-1)).toMatchObject({
      file: 'table.csv',
      severity: 'warning',
      message: '4,000 more problem rows in this file are not listed',
    });
  });
});

describe('a reader that runs out of stack on a file of another layout', () => {
  it('stops that file with a located error listed first, and goes on with the others', async () => {
    const db = await openTestDatabase();
    const { CsvEventReader } = await import('../src/engine/import/csv.ts');
    const push = CsvEventReader.prototype.push;
    const spy = vi.spyOn(CsvEventReader.prototype, 'push').mockImplementation(function (
      this: InstanceType<typeof CsvEventReader>,
      text: string,
    ) {
      if (text.includes('{"')) throw new RangeError('Maximum call stack size exceeded');
      return push.call(this, text);
    });
    try {
      const outcome = await runImport(
        db,
        {
          files: [
            { name: 'lines.csv', blob: new Blob([ndjson(5)]) },
            { name: 'good.csv', blob: new Blob(['user.name,event.id\nann,g1\n']) },
          ],
          format: 'csv',
        },
        { confirm: () => true },
      );
      expect(outcome.ok).toBe(true);
      expect(outcome.errors[0]).toMatchObject({
        file: 'lines.csv',
        severity: 'error',
        message: /reading stopped/,
      });
      expect(outcome.ok && outcome.dataset.eventCount).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
