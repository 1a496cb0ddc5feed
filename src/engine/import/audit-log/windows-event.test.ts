// Windows Security and Sysmon events as Winlogbeat writes them: each keeps its `winlog.*` fields
// and is given the ECS fields our rules read, which Winlogbeat 8 leaves to Elasticsearch.
import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../ndjson.ts';
import { WINLOGBEAT_OBJECT_ACCESS, WINLOGBEAT_SYSMON_FILE_CREATE } from './samples.test-support.ts';

const read = (...records: unknown[]) =>
  parseNdjson(records.map((r) => JSON.stringify(r)).join('\n'), 'winlogbeat.ndjson');

describe('Windows event log records (Winlogbeat)', () => {
  it('a Security 4663 is a file access by its subject', () => {
    const { events, errors } = read(WINLOGBEAT_OBJECT_ACCESS);
    expect(events[0]).toMatchObject({
      '@timestamp': '2026-03-02T09:12:44.518Z',
      'event.code': '4663',
      'event.category': 'file',
      'event.action': 'accessed-object',
      'user.name': 'dana',
      'user.domain': 'CORP',
      'host.name': 'fs-02.corp.example',
      'file.path': 'D:\\Shares\\Finance\\customers-2026.xlsx',
      'file.name': 'customers-2026.xlsx',
      'process.executable': 'System',
      'winlog.event_data.AccessMask': '0x1',
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
});
