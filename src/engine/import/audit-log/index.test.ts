// The table's recognisers must not overlap: a record is one format's or none, and our own events
// (the generator's sample data) are no format's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flattenRecord } from '../../event/flatten.ts';
import { AUDIT_LOG_FORMATS } from './index.ts';
import * as samples from './samples.test-support.ts';

const recognisers = (record: Record<string, unknown>) =>
  AUDIT_LOG_FORMATS.filter((format) => format.recognises(flattenRecord(record))).map((f) => f.name);

const EXPECTED: Record<keyof typeof samples, string> = {
  CONSOLE_LOGIN_FAILURE: 'AWS CloudTrail records',
  S3_GET_OBJECT: 'AWS CloudTrail records',
  ASSUME_ROLE_BY_SERVICE: 'AWS CloudTrail records',
  LOOKUP_EVENTS_ENTRY: 'AWS CloudTrail lookup-events entries',
  FILE_DOWNLOADED: 'Microsoft 365 audit records',
  MAIL_ITEMS_ACCESSED: 'Microsoft 365 audit records',
  ENTRA_SIGN_IN_GRAPH: 'Microsoft Entra ID sign-in records',
  ENTRA_SIGN_IN_DIAGNOSTIC: 'Microsoft Entra ID sign-in records',
  ENTRA_AUDIT_GRAPH: 'Microsoft Entra ID audit records',
  ENTRA_AUDIT_DIAGNOSTIC: 'Microsoft Entra ID audit records',
  AZURE_KEY_VAULT_SECRET_GET: 'Azure resource log records',
  OKTA_LOGIN_FAILURE: 'Okta System Log events',
  OKTA_MFA_RESET: 'Okta System Log events',
  WORKSPACE_DRIVE_DOWNLOAD: 'Google Workspace activities',
  WORKSPACE_LOGIN_FAILURE: 'Google Workspace activities',
  GITHUB_GIT_CLONE: 'GitHub audit log entries',
  GITHUB_ADD_MEMBER: 'GitHub audit log entries',
  ZEEK_HTTP_POST: 'Zeek log records',
  ZEEK_FILE_SEEN: 'Zeek log records',
  SURICATA_FILEINFO: 'Suricata EVE events',
  SURICATA_SMTP: 'Suricata EVE events',
  WINLOGBEAT_OBJECT_ACCESS: 'Windows event log records (Winlogbeat)',
  WINLOGBEAT_SYSMON_FILE_CREATE: 'Windows event log records (Winlogbeat)',
  USER_LOGIN_FAILED: 'Microsoft 365 audit records',
  NEW_INBOX_RULE_FORWARD: 'Microsoft 365 audit records',
  DLP_RULE_MATCH_EXCHANGE: 'Microsoft 365 audit records',
  WINLOGBEAT_SHARE_DELETE: 'Windows event log records (Winlogbeat)',
  WINLOGBEAT_GROUP_ADD: 'Windows event log records (Winlogbeat)',
};

describe('audit log formats', () => {
  it.each(Object.entries(samples))('%s is recognised by exactly one format', (name, record) => {
    expect(recognisers(record)).toEqual([EXPECTED[name as keyof typeof samples]]);
  });

  it('recognise no event of our sample data', () => {
    const lines = readFileSync('sample-data/classroom/events.ndjson', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const recognised = lines.filter(
      (line) => recognisers(JSON.parse(line) as Record<string, unknown>).length > 0,
    );
    expect(lines.length).toBeGreaterThan(1000);
    expect(recognised).toEqual([]);
  });
});
