// Microsoft 365 unified audit log records as the Management Activity API and the Purview audit
// search export write them (invented tenant, users, addresses and ids).
import { describe, expect, it } from 'vitest';
import { parseCsvEvents } from '../csv.ts';
import { parseJsonEvents } from '../json.ts';
import { addressWithoutPort } from './ip-address.ts';
import { FILE_DOWNLOADED, MAIL_ITEMS_ACCESSED } from './samples.test-support.ts';

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
      'event.action': 'FileDownloaded',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '203.0.113.80',
      'user_agent.original': FILE_DOWNLOADED.UserAgent,
    });
    expect(events[1]).toMatchObject({
      '@timestamp': '2026-03-02T09:40:02Z',
      'event.action': 'MailItemsAccessed',
      'event.outcome': 'success',
      'user.name': 'megan.b@contoso.com',
      'source.ip': '2001:db8:44::7',
    });
    expect(errors.map((e) => e.message)).toEqual([
      'read as Microsoft 365 audit records (first at line 1): each keeps its own fields and is given @timestamp, event.id, event.action, event.outcome, user.name, source.ip, user_agent.original where it lacks them',
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
      'event.action': 'FileDownloaded',
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
      'event.action': 'FileDownloaded',
      'user.name': 'adele.v@contoso.com',
      'event.id': 'audit-export.csv:4',
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
