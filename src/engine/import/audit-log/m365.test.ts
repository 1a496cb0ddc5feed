// Microsoft 365 unified audit log records as the Management Activity API and the Purview audit
// search export write them (invented tenant, users, addresses and ids).
import { describe, expect, it } from 'vitest';
import { parseCsvEvents } from '../csv.ts';
import { parseJsonEvents } from '../json.ts';
import { addressWithoutPort } from './ip-address.ts';
import {
  DLP_RULE_MATCH_EXCHANGE,
  FILE_DOWNLOADED,
  MAIL_ITEMS_ACCESSED,
  NEW_INBOX_RULE_FORWARD,
  USER_LOGIN_FAILED,
} from './samples.test-support.ts';

describe('Microsoft 365 audit records from the Management API', () => {
  const { events, errors } = parseJsonEvents(
    JSON.stringify([FILE_DOWNLOADED, MAIL_ITEMS_ACCESSED]),
    'audit.json',
  );

  it('keep their own fields and are given the ECS fields our rules read', () => {
    expect(events[0]).toMatchObject({
      Operation: 'FileDownloaded',
      Workload: 'OneDrive',
      ClientIP: '203.0.113.80:50321',
      ObjectId: FILE_DOWNLOADED.ObjectId,
      SourceFileName: 'Budget 2026.xlsx',
      // UTC written without a zone.
      '@timestamp': '2026-03-02T09:31:17Z',
      'event.id': '5d2f7a61-0c4b-4e8a-9f13-08de1c2b3a4f',
      // our word for a file downloaded; the record's own stays in Operation
      'event.action': 'download',
      'event.category': 'file',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '203.0.113.80',
      'user_agent.original': FILE_DOWNLOADED.UserAgent,
      'file.path': FILE_DOWNLOADED.ObjectId,
      'url.full': FILE_DOWNLOADED.ObjectId,
      'file.name': 'Budget 2026.xlsx',
      'file.extension': 'xlsx',
      'file.size': 184320,
    });
    expect(events[1]).toMatchObject({
      '@timestamp': '2026-03-02T09:40:02Z',
      'event.action': 'MailItemsAccessed',
      'event.category': 'email',
      'event.outcome': 'success',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '2001:db8:44::7',
    });
    expect(errors.map((e) => e.message)).toEqual([
      'read as Microsoft 365 audit records (first at line 1): each keeps its own fields and is given @timestamp, event.id, event.action, event.category, event.outcome, user.name, source.ip, user_agent.original, file.path, file.name, file.extension, file.previous_name, file.size, url.full, email.from, email.to, email.subject, destination.domain, rule.name where it lacks them',
    ]);
  });
});

/** A CSV cell, quoted as the export quotes it. */
const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe('a Purview audit search export (CSV)', () => {
  const broken = JSON.stringify({ ...FILE_DOWNLOADED, Id: 'c0ffee00-0000-4000-8000-000000000001' }).slice(
    0,
    120,
  );
  const csv = [
    'CreationDate,UserIds,Operations,AuditData',
    `2026-03-02T09:31:17.0000000Z,megan.b@contoso.com,FileDownloaded,${cell(JSON.stringify(FILE_DOWNLOADED))}`,
    `2026-03-02T09:40:02.0000000Z,megan.b@contoso.com,MailItemsAccessed,${cell(JSON.stringify(MAIL_ITEMS_ACCESSED))}`,
    `2026-03-02T10:02:44.0000000Z,adele.v@contoso.com,FileDownloaded,${cell(broken)}`,
  ].join('\r\n');
  const { events, errors, rowsSkipped } = parseCsvEvents(csv, 'audit-export.csv');

  it("reads each row's AuditData record into the row, under the record's own names", () => {
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      CreationDate: '2026-03-02T09:31:17.0000000Z',
      UserIds: 'megan.b@contoso.com',
      Operation: 'FileDownloaded',
      Workload: 'OneDrive',
      ObjectId: FILE_DOWNLOADED.ObjectId,
      SourceFileName: 'Budget 2026.xlsx',
      FileSizeBytes: 184320,
      '@timestamp': '2026-03-02T09:31:17Z',
      'event.id': FILE_DOWNLOADED.Id,
      'event.action': 'download',
      'event.category': 'file',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '203.0.113.80',
    });
    expect(events[0]!.AuditData).toBeUndefined();
    expect(events[1]).toMatchObject({ 'event.action': 'MailItemsAccessed', 'source.ip': '2001:db8:44::7' });
  });

  it('reports a broken AuditData cell with its file, line and column, and keeps the row with what it could read', () => {
    const problems = errors.filter((e) => e.severity === 'error');
    expect(errors.filter((e) => e.severity === 'warning').map((e) => e.line)).toEqual([2]);
    expect(problems).toMatchObject([{ file: 'audit-export.csv', line: 4, column: 4, path: 'AuditData' }]);
    expect(problems[0]!.message).toMatch(
      /^column "AuditData" is not valid JSON \(.+\): the row is kept with its other columns and this cell as written$/,
    );
    expect(rowsSkipped).toBe(0);
    expect(events[2]).toMatchObject({
      AuditData: broken,
      // The export's own column, which writes its zone (and ten-millionths, kept as written).
      '@timestamp': '2026-03-02T10:02:44.0000000Z',
      // told by its Operations column
      Operations: 'FileDownloaded',
      'event.action': 'download',
      'event.category': 'file',
      'user.name': 'adele.v@contoso.com',
      'event.id': 'audit-export.csv:4',
    });
  });
});

/** Records read as a Management API list. */
const readRecords = (...records: object[]) => parseJsonEvents(JSON.stringify(records), 'audit.json').events;

describe('Microsoft 365 sign-ins', () => {
  // JSON drops the undefined fields: a sign-in has no LogonError
  const signIn = {
    ...USER_LOGIN_FAILED,
    Operation: 'UserLoggedIn',
    ResultStatus: 'Success',
    ErrorNumber: '0',
    LogonError: undefined,
  };

  it('UserLoggedIn is a logon (authentication, success); an application signing in keeps its own word', () => {
    const [person, app] = readRecords(signIn, { ...signIn, UserId: 'ReportingConnector', UserType: 5 });
    expect(person).toMatchObject({
      Operation: 'UserLoggedIn',
      'event.category': 'authentication',
      'event.action': 'logon',
      'event.outcome': 'success',
      'user.name': 'megan.b@contoso.example',
      'source.ip': '203.0.113.45',
    });
    expect(app).toMatchObject({ 'event.category': 'authentication', 'event.action': 'UserLoggedIn' });
  });

  it('UserLoginFailed with a wrong password is a failed logon; an MFA or "stay signed in?" interrupt is not', () => {
    const [wrong, mfa, kmsi, byName] = readRecords(
      USER_LOGIN_FAILED,
      {
        ...USER_LOGIN_FAILED,
        ErrorNumber: '50074',
        LogonError: 'UserStrongAuthClientAuthNRequiredInterrupt',
      },
      { ...USER_LOGIN_FAILED, ErrorNumber: '50140', LogonError: 'KmsiInterrupt' },
      { ...USER_LOGIN_FAILED, ErrorNumber: undefined, LogonError: 'DeviceAuthenticationRequired' },
    );
    expect(wrong).toMatchObject({
      'event.category': 'authentication',
      'event.action': 'logon-failed',
      'event.outcome': 'failure',
      LogonError: 'InvalidUserNameOrPassword',
    });
    for (const interrupt of [mfa, kmsi, byName])
      expect(interrupt).toMatchObject({
        'event.category': 'authentication',
        'event.action': 'UserLoginFailed',
        'event.outcome': 'failure',
      });
  });
});

describe('Microsoft 365 file operations (SharePoint, OneDrive)', () => {
  const op = (Operation: string, changes: object = {}) => ({ ...FILE_DOWNLOADED, Operation, ...changes });

  it('in our words where they mean the same: read, download, copy, write, delete, rename', () => {
    const events = readRecords(
      op('FileAccessed'),
      op('FileSyncDownloadedFull'),
      op('FileCopied'),
      op('FileModified'),
      op('FileDeleted'),
      op('FileRenamed', { DestinationFileName: 'holiday.jpg' }),
    );
    expect(events.map((e) => [e['event.category'], e['event.action']])).toEqual([
      ['file', 'read'],
      ['file', 'download'],
      ['file', 'copy'],
      ['file', 'write'],
      ['file', 'delete'],
      ['file', 'rename'],
    ]);
    expect(events[5]).toMatchObject({ 'file.name': 'holiday.jpg', 'file.previous_name': 'Budget 2026.xlsx' });
    expect(events[5]!['file.extension']).toBeUndefined();
  });

  it('uploads, recycle-bin clean-ups and sharing are file events under their own names', () => {
    const events = readRecords(
      op('FileUploaded'),
      op('FileDeletedFirstStageRecycleBin'),
      op('AnonymousLinkCreated', { SourceFileName: undefined }),
    );
    expect(events.map((e) => [e['event.category'], e['event.action']])).toEqual([
      ['file', 'FileUploaded'],
      ['file', 'FileDeletedFirstStageRecycleBin'],
      ['file', 'AnonymousLinkCreated'],
    ]);
    // without SourceFileName, the name is the last part of the file's address
    expect(events[2]!['file.name']).toBe('Budget 2026.xlsx');
  });
});

describe('Microsoft 365 mail (Exchange)', () => {
  it('an inbox rule forwarding mail is forward-rule-create, to the addresses it forwards to', () => {
    const [forward] = readRecords(NEW_INBOX_RULE_FORWARD);
    expect(forward).toMatchObject({
      Operation: 'New-InboxRule',
      'event.category': 'email',
      'event.action': 'forward-rule-create',
      'event.outcome': 'success',
      'email.to': ['m.b.archive@gmail.com', 'colleague@contoso.example'],
      'destination.domain': 'gmail.com',
      'source.ip': '203.0.113.45',
    });
  });

  it('a rule that only files mail away, a failed cmdlet, and Set-Mailbox without forwarding keep their own words', () => {
    const moveOnly = {
      ...NEW_INBOX_RULE_FORWARD,
      Parameters: [
        { Name: 'Name', Value: 'Newsletters' },
        { Name: 'MoveToFolder', Value: 'Newsletters' },
      ],
    };
    const failed = { ...NEW_INBOX_RULE_FORWARD, ResultStatus: 'False' };
    const mailboxForward = {
      ...NEW_INBOX_RULE_FORWARD,
      Operation: 'Set-Mailbox',
      Parameters: [
        { Name: 'Identity', Value: 'megan.b' },
        { Name: 'ForwardingSmtpAddress', Value: 'smtp:m.b.archive@gmail.com' },
      ],
    };
    const mailboxOther = {
      ...mailboxForward,
      Parameters: [
        { Name: 'Identity', Value: 'megan.b' },
        { Name: 'ForwardingSmtpAddress', Value: '' },
      ],
    };
    const events = readRecords(moveOnly, failed, mailboxForward, mailboxOther);
    expect(events.map((e) => [e['event.category'], e['event.action'], e['event.outcome']])).toEqual([
      ['email', 'New-InboxRule', 'success'],
      ['email', 'New-InboxRule', 'failure'],
      ['email', 'forward-rule-create', 'success'],
      ['configuration', 'Set-Mailbox', 'success'],
    ]);
    expect(events[2]!['email.to']).toEqual(['m.b.archive@gmail.com']);
  });

  it('Send and SendAs are our send; SendAs is sent from the address it used', () => {
    const send = {
      ...MAIL_ITEMS_ACCESSED,
      Operation: 'Send',
      Item: { Subject: 'Q1 figures', SizeInBytes: 20134 },
    };
    const sendAs = { ...send, Operation: 'SendAs', SendAsUserSmtp: 'finance.director@contoso.com' };
    const [own, as] = readRecords(send, sendAs);
    expect(own).toMatchObject({ 'event.category': 'email', 'event.action': 'send' });
    expect(own!['email.from']).toBeUndefined();
    expect(as).toMatchObject({
      'event.category': 'email',
      'event.action': 'send',
      'email.from': 'finance.director@contoso.com',
      'user.name': 'megan.b@contoso.com',
    });
  });

  it('a DLP rule match names the rule matched, and the message it matched', () => {
    const [match] = readRecords(DLP_RULE_MATCH_EXCHANGE);
    expect(match).toMatchObject({
      'event.category': 'email',
      'event.action': 'DlpRuleMatch',
      'rule.name': 'Card numbers sent outside',
      'email.from': 'megan.b@contoso.example',
      'email.to': ['m.b.archive@gmail.com'],
      'email.subject': 'card list',
    });
  });
});

describe('addressWithoutPort', () => {
  it.each([
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[::1]:443', '::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['203.0.113.80', '203.0.113.80'],
    ['ec2.amazonaws.com', undefined],
    ['<null>', undefined],
    ['999.1.1.1', undefined],
  ])('%s → %s', (written, address) => {
    expect(addressWithoutPort(written)).toBe(address);
  });
});
