import { describe, expect, it } from 'vitest';
import { importCert } from './index.ts';

const r42 = [
  {
    name: 'logon.csv',
    text: 'id,date,user,pc,activity\n{A1B2-C3D4E5F6-G7H8I9J0},01/04/2010 07:05:09,ABC0001,PC-0001,Logon\n{A1B2-C3D4E5F6-G7H8I9J1},1/4/2010 7:06:00,ABC0001,PC-0001,Sleep\n{A1B2-C3D4E5F6-G7H8I9J2},13/45/2010 07:05:09,ABC0001,PC-0001,Logoff\n',
  },
  {
    name: 'device.csv',
    text: 'id,date,user,pc,activity\n{D1},01/04/2010 22:00:00,ABC0001,PC-0001,Connect\n',
  },
  {
    name: 'file.csv',
    text: 'id,date,user,pc,filename,content\n{F1},01/04/2010 22:01:00,ABC0001,PC-0001,R:\\out\\plan.doc,plan text, with a comma\n',
  },
  {
    name: 'email.csv',
    text: 'id,date,user,pc,to,cc,bcc,from,size,attachments,content\n{E1},01/05/2010 09:00:00,ABC0001,PC-0001,bob@corp.com;me@home.example,,,abc@corp.com,1200,2,hello\n',
  },
  {
    name: 'http.csv',
    text: 'id,date,user,pc,url,content\n{H1},01/05/2010 09:30:00,ABC0001,PC-0001,http://www.wikileaks.org/submit,leak\n',
  },
];

const r6 = [
  {
    name: 'device.csv',
    text: 'id,date,user,pc,file_tree,activity\n{D1},1/4/2010 9:00:00,XYZ0002,PC-0002,R:\\;R:\\docs,Connect\n',
  },
  {
    name: 'file.csv',
    text: 'id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content\n{F1},1/4/2010 9:01:00,XYZ0002,PC-0002,C:\\a\\b.pdf,File Copy,True,False,x\n{F2},1/4/2010 9:02:00,XYZ0002,PC-0002,C:\\a\\c.pdf,File Open,False,False,y\n{F3},1/4/2010 9:03:00,XYZ0002,PC-0002,C:\\a\\d.pdf,File Shred,False,False,z\n',
  },
  {
    name: 'email.csv',
    text: 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content\n{E1},1/4/2010 9:05:00,XYZ0002,PC-0002,x@corp.com,,,xyz@corp.com,View,10,C:\\a\\b.pdf(123);C:\\q\\r.doc(9),hi\n',
  },
  {
    name: 'http.csv',
    text: 'id,date,user,pc,url,activity,content\n{H1},1/4/2010 9:10:00,XYZ0002,PC-0002,https://www.dropbox.com/up,WWW Upload,doc\n',
  },
];

const byId = (events: ReturnType<typeof importCert>['events'], id: string) =>
  events.find((e) => e['event.id'] === id);

describe('importCert — r4.2 column set', () => {
  const result = importCert(r42);

  it('keeps CERT ids, reads padded and unpadded dates as UTC, maps logons', () => {
    expect(byId(result.events, '{A1B2-C3D4E5F6-G7H8I9J0}')).toMatchObject({
      '@timestamp': '2010-01-04T07:05:09Z',
      'event.category': 'authentication',
      'event.action': 'logon',
      'user.name': 'ABC0001',
      'host.name': 'PC-0001',
    });
  });

  it('reports a bad row with file and line and keeps going', () => {
    expect(result.errors.map((e) => [e.file, e.line])).toEqual([
      ['logon.csv', 3],
      ['logon.csv', 4],
    ]);
    expect(result.errors[0]!.message).toContain('Sleep');
    expect(result.errors[1]!.message).toContain('13/45/2010');
    expect(result.events).toHaveLength(5);
  });

  it('reads r4.2 file rows as copies to removable media, an unquoted content with commas intact', () => {
    expect(byId(result.events, '{F1}')).toMatchObject({
      'event.action': 'copy',
      'file.name': 'plan.doc',
      'file.extension': 'doc',
      'file.to_removable_media': true,
      'device.type': 'usb',
      content: 'plan text, with a comma',
    });
    expect(byId(result.events, '{D1}')).toMatchObject({
      'event.category': 'device',
      'event.action': 'connect',
      'device.type': 'usb',
    });
  });

  it('splits recipients, counts attachments, and marks the outside domain', () => {
    expect(byId(result.events, '{E1}')).toMatchObject({
      'event.action': 'send',
      'email.to': ['bob@corp.com', 'me@home.example'],
      'email.recipient_count': 2,
      'email.attachment_count': 2,
      'email.external': true,
      'email.external_recipients': ['me@home.example'],
      'destination.domain': 'home.example',
    });
  });

  it('maps web visits with url.full and the site as destination.domain', () => {
    expect(byId(result.events, '{H1}')).toMatchObject({
      'event.category': 'web',
      'event.action': 'visit',
      'url.full': 'http://www.wikileaks.org/submit',
      'destination.domain': 'wikileaks.org',
    });
  });

  it('names the column set in the manifest and returns events in time order', () => {
    expect(result.manifest?.description).toContain('r4.2');
    const times = result.events.map((e) => e['@timestamp'] as string);
    expect([...times].sort()).toEqual(times);
  });
});

describe('importCert — r5/r6 column set', () => {
  const result = importCert(r6);

  it('detects the set by header and maps the activity column', () => {
    expect(result.manifest?.description).toContain('r5/r6');
    expect(byId(result.events, '{F1}')).toMatchObject({
      'event.action': 'copy',
      'file.to_removable_media': true,
      'device.type': 'usb',
    });
    expect(byId(result.events, '{F2}')).toMatchObject({
      'event.action': 'read',
      'file.to_removable_media': false,
    });
    expect(byId(result.events, '{F2}')!['device.type']).toBeUndefined();
    expect(byId(result.events, '{H1}')).toMatchObject({
      'event.action': 'upload',
      'destination.domain': 'dropbox.com',
      'network.protocol': 'https',
    });
    expect(byId(result.events, '{E1}')).toMatchObject({
      'event.action': 'receive',
      'email.attachments': ['b.pdf', 'r.doc'],
      'email.attachment_count': 2,
    });
    expect(byId(result.events, '{D1}')).toMatchObject({ 'device.file_tree': ['R:\\', 'R:\\docs'] });
  });

  it('names an unknown activity with its line', () => {
    expect(result.errors).toMatchObject([{ file: 'file.csv', line: 4 }]);
    expect(result.errors[0]!.message).toContain('File Shred');
  });

  it('refuses a removable-media flag that is neither True nor False, naming it, instead of reading false', () => {
    const file = r6.find((table) => table.name === 'file.csv')!;
    const flagged = importCert([
      { ...file, text: file.text.replace('File Copy,True,False', 'File Copy,maybe,False') },
    ]);
    expect(byId(flagged.events, '{F1}')).toBeUndefined();
    expect(flagged.errors[0]).toMatchObject({ file: 'file.csv', line: 2 });
    expect(flagged.errors[0]!.message).toContain('to_removable_media is "maybe"');
  });

  it('refuses a table whose header lacks required columns, saying which', () => {
    const bad = importCert([{ name: 'http.csv', text: 'id,date,user\n{H},1/1/2010 1:00:00,a\n' }]);
    expect(bad.events).toEqual([]);
    expect(bad.errors[0]).toMatchObject({ file: 'http.csv', line: 1 });
    expect(bad.errors[0]!.message).toContain('pc, url');
  });
});

describe('importCert — LDAP, psychometric and answers', () => {
  const ldap = (month: string, rows: string[]) => ({
    name: `LDAP/${month}.csv`,
    text: [
      'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor',
      ...rows,
    ].join('\n'),
  });
  const boss = 'Ann Boss,BOS0001,Ann.Boss@corp.com,Director,1,1 - Ops,Sales,T1,';
  const stay = 'Sam Stay,STA0002,Sam.Stay@corp.com,Salesman,1,1 - Ops,Sales,T1,Ann Boss';
  const leave = 'Lee Leave,LEA0003,Lee.Leave@corp.com,Salesman,1,1 - Ops,Sales,T1,Ann Boss';
  const hire = 'Hal Hire,HIR0004,Hal.Hire@corp.com,Engineer,1,1 - Ops,R&D,T2,Ann Boss';
  const files = [
    ldap('2010-02', [boss, stay, hire]),
    ldap('2010-01', [boss, stay, leave]),
    ldap('2010-03', [boss, stay, hire]),
    {
      name: 'psychometric.csv',
      text: 'employee_name,user_id,O,C,E,A,N\nSam Stay,STA0002,40,39,36,19,40\nLee Leave,LEA0003,x,1,1,1,1\n',
    },
    {
      name: 'logon.csv',
      text: 'id,date,user,pc,activity\n{L1},01/20/2010 22:00:00,LEA0003,PC-1,Logon\n{L2},01/20/2010 23:00:00,LEA0003,PC-1,Logoff\n{L3},01/21/2010 08:00:00,STA0002,PC-2,Logon\n',
    },
    {
      name: 'answers/insiders.csv',
      text: 'dataset,scenario,details,user,start,end\n4.2,1,r4.2-1-LEA0003.csv,LEA0003,01/20/2010 22:00:00,01/20/2010 23:00:00\n',
    },
    {
      name: 'answers/r4.2-1/r4.2-1-LEA0003.csv',
      text: 'logon,{L1},01/20/2010 22:00:00,LEA0003,PC-1,Logon\nlogon,{L9},01/22/2010 22:00:00,LEA0003,PC-1,Logon\n',
    },
  ];
  const result = importCert(files);
  const user = (name: string) => result.directory.find((u) => u.name === name)!;

  it('turns monthly snapshots into employment periods: leavers end the month they vanish', () => {
    expect(user('LEA0003').employment).toEqual({ end: '2010-02-01' });
    expect(user('HIR0004').employment).toEqual({ start: '2010-02-01', end: null });
    expect(user('STA0002').employment).toEqual({ end: null });
  });

  it('keeps role and department, and names the manager by account', () => {
    expect(user('STA0002')).toMatchObject({
      role: 'Salesman',
      department: 'Sales',
      manager: 'BOS0001',
      email: 'Sam.Stay@corp.com',
    });
  });

  it('joins psychometric scores as hr.psychometric and reports a non-number', () => {
    expect(user('STA0002').hr).toEqual({ psychometric: { O: 40, C: 39, E: 36, A: 19, N: 40 } });
    expect(result.errors).toContainEqual(
      expect.objectContaining({ file: 'psychometric.csv', line: 3, path: 'O' }),
    );
  });

  it('labels the answer rows with scenario and step, and lists the scenario as ground truth', () => {
    const labelled = result.events.filter((e) => e['labels.scenario'] !== undefined);
    expect(labelled.map((e) => [e['event.id'], e['labels.scenario'], e['labels.step']])).toEqual([
      ['{L1}', 'cert-r4.2-1', 1],
    ]);
    expect(result.scenarios.map((s) => [s.id, s.category])).toEqual([['cert-r4.2-1', 'leakage']]);
    expect(result.scenarios[0]!.steps.some((s) => s.damaging)).toBe(true);
  });

  it('warns about answer rows that name events missing from the logs', () => {
    expect(result.errors).toContainEqual(
      expect.objectContaining({ file: 'answers/r4.2-1/r4.2-1-LEA0003.csv', severity: 'warning' }),
    );
  });
});

describe('importCert — a header without id, a supervisor outside the directory, paths', () => {
  it('reports a header that lacks the id column as such, naming the columns found and needed', () => {
    const text =
      'date,user,pc,activity\n01/02/2010 07:05:00,AB1,PC-1,Logon\n01/02/2010 17:05:00,AB1,PC-1,Logoff\n';
    const result = importCert([{ name: 'logon.csv', text }]);
    expect(result.events).toEqual([]);
    expect(result.errors.map((e) => `${e.file}:${e.line} ${e.severity}: ${e.message}`)).toEqual([
      "logon.csv:1 error: logon.csv's header lacks the column id (it names date, user, pc, activity; CERT's logon.csv needs id, date, user, pc, activity); file skipped",
    ]);
    expect(result.errors[0]!.suggestion).toContain('id,date,user,pc,activity');
  });

  it('leaves out the manager of a user whose supervisor is not a user, with a warning', () => {
    const result = importCert([
      {
        name: 'LDAP/2010-01.csv',
        text: [
          'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor',
          'Ann Boss,BOS0001,ann@corp.com,Director,1,1 - Ops,Sales,T1,Bob Ray',
          'Sam Stay,STA0002,sam@corp.com,Salesman,1,1 - Ops,Sales,T1,Ann Boss',
        ].join('\n'),
      },
    ]);
    const boss = result.directory.find((u) => u.name === 'BOS0001')!;
    expect(boss.manager).toBeUndefined();
    expect(boss.supervisor_name).toBe('Bob Ray');
    expect(result.directory.find((u) => u.name === 'STA0002')!.manager).toBe('BOS0001');
    expect(result.errors).toMatchObject([{ file: 'LDAP/2010-01.csv', line: 1, severity: 'warning' }]);
    expect(result.errors[0]!.message).toBe(
      '1 user has a supervisor who is not among the LDAP users: "Bob Ray" (of BOS0001); their manager is left out (supervisor_name keeps the name)',
    );
  });

  it('names files by the path of the folder they were read from, when given it', () => {
    const text = 'id,date,user,pc,activity\n{L1},13/01/2010 07:05:00,AB1,PC-1,Logon\n';
    const result = importCert([{ name: 'logon.csv', text }], undefined, '/data/cert/r4.2');
    expect(result.errors.map((e) => e.file)).toEqual(['/data/cert/r4.2/logon.csv']);
    expect(importCert([{ name: 'logon.csv', text }]).errors.map((e) => e.file)).toEqual(['logon.csv']);
  });
});
