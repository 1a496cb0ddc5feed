// Writes the invented CERT-layout fixtures r4.2/ and r6/ (run: node sample-data/cert-fixture/build-fixture.mjs).
// Every row is made up here, with a seeded random generator so the output never changes; nothing
// comes from CERT's data, whose licence forbids redistribution. The five published CERT scenarios
// are played by five insiders among benign users, some of whom look like them on purpose.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const DOMAIN = 'examplecorp.com';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// name, id, role, department, team, supervisor id, pc
const PEOPLE = [
  ['Helena Marsh', 'HMA0100', 'Director', 'Engineering', 'Leadership', null, 'PC-1100'],
  ['Simon Underwood', 'SUP0310', 'ITManager', 'IT', 'Operations', 'HMA0100', 'PC-1310'],
  ['Rosa Bellamy', 'RMB0301', 'Engineer', 'Engineering', 'Platform', 'HMA0100', 'PC-1301'],
  ['Jonah Kettering', 'JTK0302', 'Salesman', 'Sales', 'Accounts', 'HMA0100', 'PC-1302'],
  ['Silas Adair', 'SAD0303', 'ITAdmin', 'IT', 'Operations', 'SUP0310', 'PC-1303'],
  ['Lionel Crane', 'LOC0304', 'Clerk', 'Finance', 'Payables', 'HMA0100', 'PC-1304'],
  ['Dora Prewitt', 'DRP0305', 'Analyst', 'Research', 'Materials', 'HMA0100', 'PC-1305'],
  ['Nina Talbot', 'NIT0306', 'Engineer', 'Engineering', 'Platform', 'HMA0100', 'PC-1306'],
  ['Ugo Sandoval', 'USB0307', 'Technician', 'Engineering', 'Lab', 'HMA0100', 'PC-1307'],
  ['Ida Tamsin', 'ITA0308', 'ITAdmin', 'IT', 'Operations', 'SUP0310', 'PC-1308'],
  ['Mara Quill', 'MAQ0309', 'Salesman', 'Sales', 'Accounts', 'HMA0100', 'PC-1309'],
  ['Lars Ayers', 'LAY0321', 'Analyst', 'Research', 'Materials', 'HMA0100', 'PC-1321'],
  ['Lena Aylward', 'LAY0322', 'Analyst', 'Research', 'Materials', 'HMA0100', 'PC-1322'],
];
const byId = new Map(PEOPLE.map((p) => [p[1], p]));
const email = (id) => {
  const [name] = byId.get(id);
  return `${name.replace(' ', '.')}@${DOMAIN}`;
};
const HOME = { LOC0304: 'lcrane77@juno.com', RMB0301: 'rosab1980@hotmail.com' };

// Working days from Mon 4 Jan 2010 to Fri 26 Mar 2010. Leavers stop early; LDAP shows it.
const DAYS = [];
for (let d = new Date(Date.UTC(2010, 0, 4)); d <= new Date(Date.UTC(2010, 2, 26)); d = new Date(d.getTime() + 864e5)) {
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) DAYS.push(d);
}
const LAST_DAY = {
  RMB0301: '2010-02-19',
  JTK0302: '2010-03-05',
  SAD0303: '2010-03-09',
  LAY0321: '2010-02-26',
  LAY0322: '2010-02-26',
};
const iso = (d) => d.toISOString().slice(0, 10);
const working = (id, day) => !LAST_DAY[id] || iso(day) <= LAST_DAY[id];

const BENIGN_SITES = [
  'http://intranet.examplecorp.com/news',
  'http://www.weather.example/today',
  'http://www.newsdaily.example/world',
  'http://docs.vendorsoft.example/manual',
  'http://www.maps.example/route',
  'http://www.supplier-parts.example/catalog',
];
const JOB_SITES = ['http://www.monster.com/jobs/search', 'http://www.careerbuilder.com/jobs', 'http://www.indeed.com/q-engineer', 'http://hotjobs.yahoo.com/jobseeker'];
const WORDS = 'project schedule budget meeting review design customer order quarter report vendor plan test release invoice prototype materials supply forecast'.split(' ');

function build(release, seed) {
  const r6 = release === 'r6';
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const id = () => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const part = (n) => Array.from({ length: n }, () => pick([...A])).join('');
    return `{${part(4)}-${part(8)}-${part(8)}}`;
  };
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  // r6 copies write month, day and hour without zero padding (`1/4/2010 9:04:16`), r4.2 pads them.
  const two = (n) => String(n).padStart(2, '0');
  const pad = (n) => (r6 ? String(n) : two(n));
  const date = (day, hour, minute, second = Math.floor(random() * 60)) => {
    const d = new Date(day.getTime() + ((hour * 60 + minute) * 60 + second) * 1000);
    return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };
  const tables = { logon: [], device: [], file: [], email: [], http: [] };
  const answers = new Map(); // user → { scenario, rows: [] }
  const t = (day, hour, minute) => ({ day, hour, minute });
  const stamp = (at) => date(at.day, at.hour, at.minute);

  // Each helper writes one row in this release's column set and returns it for the answer file.
  const logon = (user, pc, at, activity = 'Logon') => row('logon', [id(), stamp(at), user, pc, activity]);
  const device = (user, pc, at, activity) =>
    row('device', r6 ? [id(), stamp(at), user, pc, activity === 'Connect' ? 'R:\\;R:\\docs' : '', activity] : [id(), stamp(at), user, pc, activity]);
  const file = (user, pc, at, filename, activity, toRemovable, content) =>
    row(
      'file',
      r6
        ? [id(), stamp(at), user, pc, filename, activity, toRemovable ? 'True' : 'False', 'False', content]
        : [id(), stamp(at), user, pc, filename, content],
    );
  const mail = (user, pc, at, to, cc, from, size, attachments, content) =>
    row(
      'email',
      r6
        ? [id(), stamp(at), user, pc, to, cc, '', from, 'Send', size, attachments.map((a) => `${a}(${1000 + Math.floor(random() * 90000)})`).join(';'), content]
        : [id(), stamp(at), user, pc, to, cc, '', from, size, String(attachments.length), content],
    );
  const web = (user, pc, at, url, activity, content) =>
    row('http', r6 ? [id(), stamp(at), user, pc, url, activity, content] : [id(), stamp(at), user, pc, url, content]);
  function row(table, cells) {
    tables[table].push({ sortKey: cells[1], cells, table });
    return { table, cells };
  }
  const mark = (user, scenario, rows) => {
    const entry = answers.get(user) ?? { scenario, rows: [] };
    entry.rows.push(...rows);
    answers.set(user, entry);
  };

  // Benign rhythm: logon near 8, a few sites, a mail or two, logoff near 17.
  for (const day of DAYS) {
    for (const [, user, , dept, , , pc] of PEOPLE) {
      if (!working(user, day) || random() < 0.05) continue;
      const night = user === 'NIT0306';
      const start = night ? 19 + Math.floor(random() * 2) : 7 + Math.floor(random() * 2);
      logon(user, pc, t(day, start, Math.floor(random() * 50)));
      for (let i = 0; i < 2 + Math.floor(random() * 3); i++) {
        web(user, pc, t(day, start + 1 + i, Math.floor(random() * 59)), pick(BENIGN_SITES), 'WWW Visit', words(6));
      }
      if (random() < 0.6) {
        const peer = pick(PEOPLE.filter((p) => p[1] !== user && p[3] === dept)) ?? pick(PEOPLE);
        mail(user, pc, t(day, start + 2, Math.floor(random() * 59)), email(peer[1]), '', email(user), 2000 + Math.floor(random() * 30000), [], words(12));
      }
      if (dept === 'Sales' && random() < 0.3) {
        mail(user, pc, t(day, start + 3, 10), 'buyer@partner-retail.example', '', email(user), 25000, ['quote.pdf'], 'quote as discussed ' + words(8));
      }
      if (user === 'USB0307' && random() < 0.5) {
        // A lab technician who moves test logs on a thumb drive most days: USB is his habit.
        device(user, pc, t(day, start + 3, 5), 'Connect');
        file(user, pc, t(day, start + 3, 7), `R:\\lab\\run-${iso(day)}.log`, 'File Copy', true, 'test run log ' + words(5));
        device(user, pc, t(day, start + 3, 20), 'Disconnect');
      }
      if (user === 'ITA0308' && random() < 0.3) {
        // IT support logs on to colleagues' machines as part of the job: a look-alike of scenario 4.
        const other = pick(PEOPLE.filter((p) => p[1] !== user));
        logon(user, other[6], t(day, start + 4, 30));
        logon(user, other[6], t(day, start + 4, 50), 'Logoff');
      }
      if (user === 'MAQ0309' && iso(day) === '2010-02-10') {
        web(user, pc, t(day, 12, 15), JOB_SITES[2], 'WWW Visit', 'market salary survey'); // one visit, not a campaign
      }
      if (random() < 0.1) {
        mail(user, pc, t(day, start + 5, 40), 'family.mail@gmail.com', '', email(user), 1500, [], 'see you at dinner');
      }
      logon(user, pc, t(day, night ? start + 8 : start + 9, Math.floor(random() * 50)), 'Logoff');
    }
  }

  const day = (s) => DAYS.find((d) => iso(d) === s);

  // Scenario 1: after-hours logons, a removable drive, uploads to wikileaks.org; leaves on 19 Feb.
  for (const [n, s] of ['2010-02-15', '2010-02-16', '2010-02-18'].entries()) {
    const d = day(s);
    const u = 'RMB0301';
    const pc = 'PC-1301';
    mark(u, 1, [
      logon(u, pc, t(d, 22, 5 + n)),
      device(u, pc, t(d, 22, 20), 'Connect'),
      file(u, pc, t(d, 22, 25), `R:\\out\\design-spec-${n + 1}.doc`, 'File Copy', true, 'confidential design specification ' + words(8)),
      web(u, pc, t(d, 22, 40), 'http://wikileaks.org/submit', 'WWW Upload', 'leak submission design specification'),
      device(u, pc, t(d, 23, 0), 'Disconnect'),
      logon(u, pc, t(d, 23, 10), 'Logoff'),
    ]);
  }

  // Scenario 2: weeks of job-site browsing, then a thumb drive used far above habit; leaves 5 Mar.
  for (const s of ['2010-02-01', '2010-02-04', '2010-02-09', '2010-02-12', '2010-02-17', '2010-02-22', '2010-02-25']) {
    const d = day(s);
    mark('JTK0302', 2, [
      web('JTK0302', 'PC-1302', t(d, 12, 10), pick(JOB_SITES), 'WWW Visit', 'jobs sales account manager apply resume'),
      web('JTK0302', 'PC-1302', t(d, 12, 25), pick(JOB_SITES), 'WWW Visit', 'resume upload job application'),
    ]);
  }
  for (const s of ['2010-03-01', '2010-03-02', '2010-03-03', '2010-03-04', '2010-03-05']) {
    const d = day(s);
    const rows = [];
    for (let k = 0; k < 3; k++) {
      rows.push(device('JTK0302', 'PC-1302', t(d, 10 + 2 * k, 0), 'Connect'));
      for (let f = 0; f < 4; f++) {
        rows.push(file('JTK0302', 'PC-1302', t(d, 10 + 2 * k, 5 + f * 5), `R:\\accounts\\customers-${k}${f}.xls`, 'File Copy', true, 'customer list accounts pricing ' + words(5)));
      }
      rows.push(device('JTK0302', 'PC-1302', t(d, 11 + 2 * k, 0), 'Disconnect'));
    }
    mark('JTK0302', 2, rows);
  }

  // Scenario 3: the administrator downloads a keylogger, carries it to his supervisor's PC, and
  // the next day logs on as the supervisor and mails everyone an alarming message; leaves 9 Mar.
  {
    const d8 = day('2010-03-08');
    const d9 = day('2010-03-09');
    const everyone = PEOPLE.map((p) => email(p[1])).join(';');
    mark('SAD0303', 3, [
      web('SAD0303', 'PC-1303', t(d8, 9, 30), 'http://www.keystroke-spy.example/download/keylogger.exe', 'WWW Download', 'free keylogger download record keystrokes'),
      device('SAD0303', 'PC-1303', t(d8, 9, 45), 'Connect'),
      file('SAD0303', 'PC-1303', t(d8, 9, 47), 'R:\\tools\\keylogger.exe', 'File Copy', true, 'MZ executable keylogger'),
      device('SAD0303', 'PC-1303', t(d8, 9, 55), 'Disconnect'),
      logon('SAD0303', 'PC-1310', t(d8, 12, 40)),
      device('SAD0303', 'PC-1310', t(d8, 12, 45), 'Connect'),
      device('SAD0303', 'PC-1310', t(d8, 12, 55), 'Disconnect'),
      logon('SAD0303', 'PC-1310', t(d8, 13, 0), 'Logoff'),
      logon('SUP0310', 'PC-1303', t(d9, 8, 40)),
      mail('SUP0310', 'PC-1303', t(d9, 8, 50), everyone, '', email('SUP0310'), 4000, [], 'urgent all staff the company is being shut down layoffs effective immediately panic'),
      logon('SUP0310', 'PC-1303', t(d9, 9, 0), 'Logoff'),
    ]);
  }

  // Scenario 4: logs on to colleagues' machines, opens their files, mails them home — more and
  // more often (1 time in January, 3 in February, 6 in March).
  const s4 = ['2010-01-20', '2010-02-03', '2010-02-15', '2010-02-24', '2010-03-02', '2010-03-04', '2010-03-09', '2010-03-11', '2010-03-16', '2010-03-18'];
  s4.forEach((s, n) => {
    const d = day(s);
    const victim = PEOPLE[[0, 7, 9, 10, 6, 8][n % 6]];
    const pc = victim[6];
    const doc = `C:\\Users\\${victim[1]}\\Documents\\${pick(['salaries', 'merger-notes', 'budget-2010', 'reviews'])}-${n}.doc`;
    mark('LOC0304', 4, [
      logon('LOC0304', pc, t(d, 12, 30)),
      file('LOC0304', pc, t(d, 12, 35), doc, 'File Open', false, 'private ' + words(6)),
      mail('LOC0304', pc, t(d, 12, 45), HOME.LOC0304, '', email('LOC0304'), 60000 + n * 1000, [doc.split('\\').pop()], 'for later ' + words(4)),
      logon('LOC0304', pc, t(d, 12, 55), 'Logoff'),
    ]);
  });

  // Scenario 5: after the Materials team's layoffs (two colleagues gone by March), the analyst
  // uploads documents to Dropbox.
  for (const [n, s] of ['2010-03-10', '2010-03-12', '2010-03-17', '2010-03-22'].entries()) {
    const d = day(s);
    mark('DRP0305', 5, [
      web('DRP0305', 'PC-1305', t(d, 15, 10), 'https://www.dropbox.com/upload', 'WWW Upload', `materials research formulas batch ${n + 1} ` + words(5)),
    ]);
  }

  // Write the tables.
  const headers = {
    logon: 'id,date,user,pc,activity',
    device: r6 ? 'id,date,user,pc,file_tree,activity' : 'id,date,user,pc,activity',
    file: r6 ? 'id,date,user,pc,filename,activity,to_removable_media,from_removable_media,content' : 'id,date,user,pc,filename,content',
    email: r6 ? 'id,date,user,pc,to,cc,bcc,from,activity,size,attachments,content' : 'id,date,user,pc,to,cc,bcc,from,size,attachments,content',
    http: r6 ? 'id,date,user,pc,url,activity,content' : 'id,date,user,pc,url,content',
  };
  const out = join(here, release);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'LDAP'), { recursive: true });
  const when = (cells) => {
    const [m, d, rest] = cells[1].split('/');
    const [y, time] = rest.split(' ');
    return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')} ${time.split(':').map((x) => x.padStart(2, '0')).join(':')}`;
  };
  const csvCell = (c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  for (const [table, rows] of Object.entries(tables)) {
    rows.sort((a, b) => when(a.cells).localeCompare(when(b.cells)));
    writeFileSync(join(out, `${table}.csv`), [headers[table], ...rows.map((r) => r.cells.map(csvCell).join(','))].join('\n') + '\n');
  }

  // LDAP snapshots: leavers vanish from the first month after they left.
  const months = ['2010-01', '2010-02', '2010-03', '2010-04'];
  const ldapHeader = r6
    ? 'employee_name,user_id,email,role,projects,business_unit,functional_unit,department,team,supervisor'
    : 'employee_name,user_id,email,role,business_unit,functional_unit,department,team,supervisor';
  for (const month of months) {
    const rows = PEOPLE.filter(([, user]) => !LAST_DAY[user] || LAST_DAY[user].slice(0, 7) >= month).map(
      ([name, user, role, dept, team, sup]) => {
        const supervisor = sup ? byId.get(sup)[0] : '';
        const cells = r6
          ? [name, user, email(user), role, '', '1', '1 - Operations', dept, team, supervisor]
          : [name, user, email(user), role, '1', '1 - Operations', dept, team, supervisor];
        return cells.map(csvCell).join(',');
      },
    );
    writeFileSync(join(out, 'LDAP', `${month}.csv`), [ldapHeader, ...rows].join('\n') + '\n');
  }
  writeFileSync(
    join(out, 'psychometric.csv'),
    ['employee_name,user_id,O,C,E,A,N', ...PEOPLE.map(([name, user]) => [name, user, ...Array.from({ length: 5 }, () => 10 + Math.floor(random() * 40))].join(','))].join('\n') + '\n',
  );

  // Answer key in CERT's layout: insiders.csv + one detail file per insider in <release>-<n>/.
  const dataset = r6 ? '6.2' : '4.2';
  const name = r6 ? 'r6.2' : 'r4.2';
  const insiders = ['dataset,scenario,details,user,start,end'];
  for (const [user, { scenario, rows }] of [...answers].sort((a, b) => a[1].scenario - b[1].scenario)) {
    rows.sort((a, b) => when(a.cells).localeCompare(when(b.cells)));
    const details = `${name}-${scenario}-${user}.csv`;
    insiders.push([dataset, scenario, details, user, rows[0].cells[1], rows.at(-1).cells[1]].join(','));
    mkdirSync(join(out, 'answers', `${name}-${scenario}`), { recursive: true });
    writeFileSync(
      join(out, 'answers', `${name}-${scenario}`, details),
      rows.map((r) => [r.table, ...r.cells].map(csvCell).join(',')).join('\n') + '\n',
    );
  }
  writeFileSync(join(out, 'answers', 'insiders.csv'), insiders.join('\n') + '\n');
  return Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length]));
}

console.log('r4.2', build('r4.2', 42));
console.log('r6', build('r6', 6));
