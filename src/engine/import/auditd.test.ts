// Linux audit logs in auditd's text format, read by the NDJSON reader line by line: the records of
// one event (one `msg=audit(<time>:<serial>)`) are one event.
import { describe, expect, it } from 'vitest';
import { guessFileFormat } from './guess-format.ts';
import { NdjsonReader, parseNdjson } from './ndjson.ts';
import { readInPieces } from './read-in-pieces.test-support.ts';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

/** A file opened for writing in a watched folder, its name with a space (hex-encoded). */
const OPEN_FOR_WRITE = [
  'type=SYSCALL msg=audit(1772442000.243:24287): arch=c000003e syscall=257 success=yes exit=3 items=2 ppid=2686 pid=3538 auid=1000 uid=1000 tty=pts0 ses=3 comm="cp" exe="/usr/bin/cp" key="finance-watch"',
  'type=CWD msg=audit(1772442000.243:24287): cwd="/home/dana"',
  'type=PATH msg=audit(1772442000.243:24287): item=0 name="/srv/finance/" inode=131 mode=040755 nametype=PARENT',
  `type=PATH msg=audit(1772442000.243:24287): item=1 name=${hex('/srv/finance/q3 forecast.xlsx')} inode=977 mode=0100644 nametype=CREATE`,
  `type=PROCTITLE msg=audit(1772442000.243:24287): proctitle=${hex('cp\0forecast.xlsx\0/srv/finance/')}`,
  'type=EOE msg=audit(1772442000.243:24287): ',
];

/** A failed SSH login, a user-space record whose fields sit in msg='…', written ENRICHED. */
const LOGIN_FAILED =
  'node=ws-17 type=USER_LOGIN msg=audit(1772442060.5:24301): pid=411 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="dana" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.50 terminal=ssh res=failed\'\x1dUID="root" AUID="unset"';

describe('Linux audit logs (auditd)', () => {
  const text = [...OPEN_FOR_WRITE, LOGIN_FAILED, ''].join('\n');

  it('make one event of the records of one audit event, with the file, process and user', () => {
    const { events, errors } = parseNdjson(text, 'audit.log');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      '@timestamp': '2026-03-02T09:00:00.243Z',
      'event.id': 'audit.log:1',
      'event.action': 'SYSCALL',
      'event.category': 'file',
      'event.outcome': 'success',
      'event.dataset': 'auditd',
      'user.id': '1000',
      'file.path': '/srv/finance/q3 forecast.xlsx',
      'file.name': 'q3 forecast.xlsx',
      'process.executable': '/usr/bin/cp',
      'process.name': 'cp',
      'process.command_line': 'cp forecast.xlsx /srv/finance/',
      'rule.name': 'finance-watch',
      'auditd.cwd.cwd': '/home/dana',
      'auditd.path.nametype': ['PARENT', 'CREATE'],
    });
    expect(events[0]).not.toHaveProperty('user.name');
    expect(errors.map((e) => e.severity)).toEqual(['warning']);
  });

  it("read a user-space record's nested fields and the ENRICHED values", () => {
    const [, login] = parseNdjson(text, 'audit.log').events;
    expect(login).toMatchObject({
      'event.id': 'audit.log:7',
      'event.action': 'USER_LOGIN',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'host.name': 'ws-17',
      'user.name': 'dana',
      'source.ip': '203.0.113.50',
      'auditd.user_login.AUID': 'unset',
    });
    expect(login).not.toHaveProperty('user.id');
  });

  it('read the same in pieces, and keep JSON lines around them', () => {
    const whole = parseNdjson(text, 'audit.log');
    for (const size of [1, 13, 200])
      expect(readInPieces(new NdjsonReader('audit.log'), text, size)).toEqual(whole);
    const mixed = parseNdjson(`${OPEN_FOR_WRITE.slice(0, 2).join('\n')}\n{"user.name":"x"}\n`, 'mixed.log');
    expect(mixed.events.map((e) => e['event.id'])).toEqual(['mixed.log:1', 'mixed.log:3']);
  });

  it('are told as lines whatever their name, and a record without its stamp is reported', () => {
    expect(guessFileFormat('audit.log', text)).toBe('ndjson');
    const { events, errors } = parseNdjson('type=SYSCALL msg=audit(garbage): arch=c000003e\n', 'audit.log');
    expect(events).toEqual([]);
    expect(errors[1]).toMatchObject({ line: 1, path: 'msg', severity: 'error' });
  });
});
