import { describe, expect, it } from 'vitest';
import type { Diagnostic, EngineEvent } from '../../types.ts';
import { CertImport, importCert } from './index.ts';
import { RowChunker } from './read-csv.ts';
import { ActivityTableReader, columnsForRow } from './table-reader.ts';

const where = (errors: readonly Diagnostic[]) =>
  errors.map((e) => `${e.file}:${e.line} ${e.severity}: ${e.message}`);

describe('headerless activity logs', () => {
  it('reads an r5/r6 http.csv without a header by its activity column, reporting bad rows', () => {
    const text = [
      'garbage',
      '{H0},3/9/2011 9:00:00,AB1,WS-1,http://x.example/,WWW Teleport,x',
      '{H1},3/9/2011 9:01:00,AB1,WS-1,https://mega.nz/fm,WWW Upload,plans, budget',
      '{H2},3/9/2011 9:02:00,AB1,WS-1,http://news.example/a,WWW Visit,sport',
    ].join('\n');
    const result = importCert([{ name: 'http.csv', text }]);
    expect(result.events.map((e) => [e['event.id'], e['event.action'], e['content']])).toEqual([
      ['{H1}', 'upload', 'plans, budget'],
      ['{H2}', 'visit', 'sport'],
    ]);
    expect(where(result.errors)).toEqual([
      'http.csv:1 error: http.csv has no header and this row (1 cell) fits no CERT column set',
      'http.csv:2 warning: http.csv has no header; read as id,date,user,pc,url,activity,content',
      'http.csv:2 error: activity "WWW Teleport" is not one of www visit, www download, www upload',
    ]);
    expect(result.manifest?.description).toContain('r5/r6');
  });

  it('takes an r4.2 row whose unquoted content has a comma for r4.2, not for r5 with a strange activity', () => {
    const cells = '{H1},01/04/2010 08:00:00,AB1,PC-1,http://a.example/,jobs, resume'.split(',');
    expect(columnsForRow('http', cells)).toEqual(['id', 'date', 'user', 'pc', 'url', 'content']);
    const result = importCert([{ name: 'http.csv', text: cells.join(',') + '\n' }]);
    expect(result.events[0]).toMatchObject({ 'event.action': 'visit', content: 'jobs, resume' });
  });

  it('tells r4.2 from r5/r6 device rows, where file_tree sits before activity', () => {
    expect(columnsForRow('device', ['{D}', '1/4/2010 9:00:00', 'A', 'PC', 'Connect'])).toHaveLength(5);
    expect(
      columnsForRow('device', ['{D}', '1/4/2010 9:00:00', 'A', 'PC', 'R:\\;R:\\x', 'Connect']),
    ).toHaveLength(6);
    expect(columnsForRow('device', ['{D}', 'yesterday', 'A', 'PC', 'Connect'])).toBeUndefined();
  });

  it('gives up on a file no CERT column set reads, saying so, with no events', () => {
    const text = Array.from({ length: 25 }, (_, i) => `a${i},b,c`).join('\n');
    const result = importCert([{ name: 'logon.csv', text }]);
    expect(result.events).toEqual([]);
    const errors = where(result.errors);
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toBe(
      'logon.csv:20 error: cannot tell which CERT column set logon.csv follows; file skipped',
    );
  });
});

describe('reading a log in chunks', () => {
  const header = 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content';
  const rows = [
    '{E1},1/4/2010 9:05:00,AB1,PC-1,x@corp.com,,,ab1@corp.com,Send,10,,"hello, ""team""\nsecond line"',
    '{E2},1/4/2010 9:06:00,AB1,PC-1,x@corp.com,,,ab1@corp.com,Fax,10,,bad activity',
    '{E3},1/4/2010 9:07:00,AB1,PC-1,me@gmail.com,,,ab1@corp.com,Send,10,C:\\a.doc(12),plain',
    '{E4},1/4/2010 9:08:00,AB1,PC-1',
  ];
  const text = [header, ...rows].join('\r\n') + '\r\n';

  function read(chunkSize: number) {
    const events: EngineEvent[] = [];
    const errors: Diagnostic[] = [];
    const reader = new ActivityTableReader('email', 'email.csv', events, errors);
    for (let i = 0; i < text.length; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
    reader.end();
    return { events, errors };
  }

  it('gives the same events and the same lines whatever the chunk size', () => {
    const whole = read(text.length);
    expect(whole.events.map((e) => e['event.id'])).toEqual(['{E1}', '{E3}']);
    expect(whole.events[0]!['content']).toBe('hello, "team"\nsecond line');
    // {E1} spans lines 2–3, so {E2} is on line 4 and {E4} on line 6.
    expect(where(whole.errors)).toEqual([
      'email.csv:4 error: activity "Fax" is not one of send, view',
      'email.csv:6 error: row has 4 cells, the header has 12',
    ]);
    for (const size of [1, 3, 7, 64]) expect(read(size)).toEqual(whole);
  });

  it('never cuts a row in two, even inside a quoted line break', () => {
    const chunker = new RowChunker();
    const pieces = ['a,"x\n', 'y",b\nc,d', '\ne,f'].map((c) => chunker.push(c));
    expect(pieces).toEqual([
      undefined,
      { text: 'a,"x\ny",b\n', firstLine: 1 },
      { text: 'c,d\n', firstLine: 3 },
    ]);
    expect(chunker.end()).toEqual({ text: 'e,f', firstLine: 4 });
  });

  it('streams a folder through CertImport: tables in chunks, small files whole', () => {
    const certImport = new CertImport();
    const table = certImport.openTable('email.csv')!;
    for (const c of text.match(/[\s\S]{1,5}/g)!) table.push(c);
    table.end();
    expect(certImport.openTable('LDAP/2010-01.csv')).toBeUndefined();
    expect(certImport.openTable('answers/r4.2-1/logon.csv')).toBeUndefined();
    certImport.addFile({
      name: 'LDAP/2010-01.csv',
      text: 'employee_name,user_id,email,role\nAnn Bee,AB1,ab1@corp.com,Clerk\n',
    });
    const result = certImport.finish();
    expect(result.events.find((e) => e['event.id'] === '{E3}')).toMatchObject({
      'email.external': true,
      'destination.domain': 'gmail.com',
    });
    expect(result.directory.map((u) => u.name)).toEqual(['AB1']);
  });
});

describe('answer files', () => {
  it('labels the row of the table the answer names: CERT ids are unique per table only', () => {
    const result = importCert([
      { name: 'logon.csv', text: 'id,date,user,pc,activity\n{SAME},1/4/2010 22:00:00,AB1,PC-1,Logon\n' },
      { name: 'device.csv', text: 'id,date,user,pc,activity\n{SAME},1/4/2010 22:05:00,AB1,PC-1,Connect\n' },
      { name: 'answers/r4.2-1/r4.2-1-AB1.csv', text: 'device,{SAME},1/4/2010 22:05:00,AB1,PC-1,Connect\n' },
      { name: 'answers/readme.txt', text: 'Scenario descriptions, not rows.\n' },
    ]);
    const labelled = result.events.map((e) => [e['event.category'], e['labels.scenario'] ?? null]);
    expect(labelled).toEqual([
      ['authentication', null],
      ['device', 'cert-r4.2-1'],
    ]);
    expect(result.errors).toEqual([]);
  });
});

describe('mail to the sender’s own private address', () => {
  const header = 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content';
  const mail = (id: string, to: string, from: string, user = 'BK1') =>
    `${id},1/4/2010 9:00:00,${user},PC-1,${to},,,${from},Send,10,C:\\a.doc(5),x`;
  const result = importCert([
    {
      name: 'LDAP/2010-01.csv',
      text: 'employee_name,user_id,email,role\nBea Kowal,BK1,bea.kowal@corp.com,Clerk\nAl Li,AL2,al.li@corp.com,Clerk\n',
    },
    {
      name: 'email.csv',
      text: [
        header,
        mail('{E1}', 'friend@corp.com', 'bee1970@home-isp.example'), // she writes from her home address
        mail('{E2}', 'bee1970@home-isp.example', 'bea.kowal@corp.com'), // …and later mails files to it
        mail('{E3}', 'b.kowal.private@family.example', 'bea.kowal@corp.com'), // her surname
        mail('{E4}', 'buyer@customer.example', 'bea.kowal@corp.com'), // a customer
        mail('{E5}', 'lisa@family.example', 'al.li@corp.com', 'AL2'), // a two-letter surname proves nothing
      ].join('\n'),
    },
  ]);
  const toSelf = (id: string) => result.events.find((e) => e['event.id'] === id)?.['email.to_self'];

  it('marks an address the user also sends from, or one carrying the surname', () => {
    expect([toSelf('{E2}'), toSelf('{E3}')]).toEqual([true, true]);
  });

  it('leaves customers and short surnames alone', () => {
    expect([toSelf('{E4}'), toSelf('{E5}')]).toEqual([false, false]);
  });
});
