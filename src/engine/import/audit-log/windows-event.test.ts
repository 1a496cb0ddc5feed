// Windows Security and Sysmon events as Winlogbeat writes them: each keeps its `winlog.*` fields
// and is given the ECS fields our rules read, which Winlogbeat 8 leaves to Elasticsearch.
import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../ndjson.ts';
import {
  WINLOGBEAT_GROUP_ADD,
  WINLOGBEAT_OBJECT_ACCESS,
  WINLOGBEAT_SHARE_DELETE,
  WINLOGBEAT_SYSMON_FILE_CREATE,
} from './samples.test-support.ts';

const read = (...records: unknown[]) =>
  parseNdjson(records.map((r) => JSON.stringify(r)).join('\n'), 'winlogbeat.ndjson');

describe('Windows event log records (Winlogbeat)', () => {
  it('a Security 4663 is a file read by its subject (ReadData)', () => {
    const { events, errors } = read(WINLOGBEAT_OBJECT_ACCESS);
    expect(events[0]).toMatchObject({
      '@timestamp': '2026-03-02T09:12:44.518Z',
      'event.code': '4663',
      'event.category': 'file',
      'event.action': 'read',
      'event.outcome': 'success',
      'user.name': 'dana',
      'user.domain': 'CORP',
      'host.name': 'fs-02.corp.example',
      'file.path': 'D:\\Shares\\Finance\\customers-2026.xlsx',
      'file.name': 'customers-2026.xlsx',
      'process.executable': 'System',
      'winlog.event_data.AccessMask': '0x1',
      'winlog.event_data.AccessList': '%%4416',
    });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^read as Windows event log records \(Winlogbeat\) \(first at line 1\)/),
    ]);
  });

  it('a Sysmon 11 is a file created, its "User" split into user and domain', () => {
    const { events } = read(WINLOGBEAT_SYSMON_FILE_CREATE);
    expect(events[0]).toMatchObject({
      'event.category': 'file',
      'event.action': 'File created',
      'user.name': 'dana',
      'user.domain': 'CORP',
      'file.path': 'E:\\backup\\customers-2026.xlsx',
      'file.name': 'customers-2026.xlsx',
      'process.executable': 'C:\\Windows\\explorer.exe',
    });
  });

  it('a logon names the account logged on, and an event through an ingest pipeline keeps its own fields', () => {
    const logon = {
      '@timestamp': '2026-03-02T08:00:00Z',
      winlog: {
        channel: 'Security',
        event_id: '4625',
        provider_name: 'Microsoft-Windows-Security-Auditing',
        event_data: {
          SubjectUserName: '-',
          TargetUserName: 'dana',
          TargetDomainName: 'CORP',
          IpAddress: '10.20.4.17',
        },
      },
    };
    const processed = {
      ...logon,
      event: { category: ['authentication'], action: 'logon-failed', outcome: 'failure' },
      user: { name: 'DANA' },
    };
    const { events } = read(logon, processed);
    expect(events[0]).toMatchObject({
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'user.name': 'dana',
      'source.ip': '10.20.4.17',
    });
    expect(events[1]).toMatchObject({ 'event.category': ['authentication'], 'user.name': 'DANA' });
  });

  /** The 4663 sample with other access rights. */
  const access = (data: Record<string, string | undefined>) => ({
    ...WINLOGBEAT_OBJECT_ACCESS,
    winlog: {
      ...WINLOGBEAT_OBJECT_ACCESS.winlog,
      event_data: { ...WINLOGBEAT_OBJECT_ACCESS.winlog.event_data, ...data },
    },
  });

  it('a 4663 says write for WriteData or AppendData, delete for DELETE, by its mask or else its list', () => {
    const { events } = read(
      access({ AccessMask: '0x2', AccessList: '%%4417\n\t\t\t\t' }),
      access({ AccessMask: '0x4', AccessList: '%%4418\n\t\t\t\t' }),
      access({ AccessMask: '0x10000', AccessList: '%%1537\n\t\t\t\t' }),
      access({ AccessMask: '0x10006', AccessList: '%%1537 %%4417 %%4418' }),
      access({ AccessMask: undefined, AccessList: '%%4417\n\t\t\t\t' }),
      access({ AccessMask: undefined, AccessList: 'DELETE\n\t\t\t\t' }),
      // attributes and permissions say nothing of the file's content
      access({ AccessMask: '0x80', AccessList: '%%4423\n\t\t\t\t' }),
      access({ AccessMask: '0x40000', AccessList: '%%1539\n\t\t\t\t' }),
    );
    expect(events.map((e) => e['event.action'])).toEqual([
      'write',
      'write',
      'delete',
      'delete',
      'write',
      'delete',
      'accessed-object',
      'accessed-object',
    ]);
    expect(events.every((e) => e['event.category'] === 'file')).toBe(true);
  });

  it('a 4663 on a registry key is no file event', () => {
    const { events } = read(
      access({ ObjectType: 'Key', ObjectName: '\\REGISTRY\\MACHINE\\SOFTWARE\\Contoso', AccessMask: '0x2' }),
    );
    expect(events[0]).toMatchObject({ 'event.action': 'accessed-object', 'user.name': 'dana' });
    expect(events[0]!['event.category']).toBeUndefined();
    expect(events[0]!['file.path']).toBeUndefined();
  });

  it('a 5145 on a share says what was done to the file; one refused did nothing', () => {
    const refused = {
      ...WINLOGBEAT_SHARE_DELETE,
      winlog: { ...WINLOGBEAT_SHARE_DELETE.winlog, keywords: ['Audit Failure'] },
    };
    const { events } = read(WINLOGBEAT_SHARE_DELETE, refused);
    expect(events[0]).toMatchObject({
      'event.category': 'file',
      'event.action': 'delete',
      'event.outcome': 'success',
      'user.name': 'dana',
      'source.ip': '10.20.4.17',
      'file.path': '\\\\*\\Finance\\Budgets\\2026.xlsx',
      'file.name': '2026.xlsx',
      'winlog.event_data.AccessMask': '0x10080',
    });
    expect(events[1]).toMatchObject({
      'event.category': 'file',
      'event.action': 'checked-network-share-object',
      'event.outcome': 'failure',
    });
  });

  it('a member added to a group is our group-add: the group is group.name, the member the target', () => {
    const removed = {
      ...WINLOGBEAT_GROUP_ADD,
      winlog: { ...WINLOGBEAT_GROUP_ADD.winlog, event_id: '4729' },
    };
    const { events } = read(WINLOGBEAT_GROUP_ADD, removed);
    expect(events[0]).toMatchObject({
      'event.category': 'iam',
      'event.action': 'group-add',
      'user.name': 'rkoch',
      'group.name': 'Domain Admins',
      'group.domain': 'CORP',
      'target.user.name': 'Maint Svc',
    });
    expect(events[1]).toMatchObject({
      'event.action': 'removed-member-from-group',
      'group.name': 'Domain Admins',
    });
  });
});
