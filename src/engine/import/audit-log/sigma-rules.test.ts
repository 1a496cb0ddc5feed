// The point of keeping a cloud audit record's own fields and adding ECS ones: a SigmaHQ rule written
// against the vendor's names and a rule of ours written against the data model both match it.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../pack.ts';
import { evaluateShard } from '../../run/evaluate-shard.ts';
import type { DatasetContext } from '../../types.ts';
import { parseCsvEvents } from '../csv.ts';
import { parseJsonEvents } from '../json.ts';
import {
  ASSUME_ROLE_BY_SERVICE,
  CONSOLE_LOGIN_FAILURE,
  FILE_DOWNLOADED,
  MAIL_ITEMS_ACCESSED,
  S3_GET_OBJECT,
} from './samples.test-support.ts';

const RULES = `title: Object read from a finance bucket (SigmaHQ style, CloudTrail names)
id: 0b6f3d9e-1c2a-4e5b-8f7d-3a9c1e0b2d4f
status: experimental
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: s3.amazonaws.com
    eventName: GetObject
    requestParameters.bucketName|contains: finance
  condition: selection
level: medium
---
title: Failed console sign-in from outside (our fields)
id: console-signin-failed
logsource: { category: authentication }
detection:
  selection:
    event.action: ConsoleLogin
    event.outcome: failure
    source.ip|cidr: 203.0.113.0/24
  condition: selection
level: medium
---
title: Spreadsheet downloaded (Microsoft 365 names)
id: m365-spreadsheet-download
logsource: { product: m365, service: audit }
detection:
  selection:
    Workload: [SharePoint, OneDrive]
    Operation: FileDownloaded
    SourceFileName|endswith: .xlsx
  condition: selection
level: low
---
title: Mailbox read from an address (our fields)
id: mailbox-read
logsource: { product: m365, service: audit }
detection:
  selection:
    event.action: MailItemsAccessed
    user.name: megan.b@contoso.com
    source.ip|cidr: 2001:db8::/32
  condition: selection
level: low
`;

const CONTEXT: DatasetContext = {
  manifest: { id: 'cloud', title: 'Cloud audit logs' },
  entitlements: [],
  scenarios: [],
  directory: [],
  resources: [],
};

describe('rules on cloud audit logs', () => {
  const { pack, errors } = compilePack([{ name: 'cloud.yml', text: RULES }]);

  it('compile', () => {
    expect(errors).toEqual([]);
  });

  it('match CloudTrail records by their own names and by ours', () => {
    const trail = { Records: [CONSOLE_LOGIN_FAILURE, S3_GET_OBJECT, ASSUME_ROLE_BY_SERVICE] };
    const { events } = parseJsonEvents(JSON.stringify(trail), 'trail.json');
    const { matches } = evaluateShard(pack, events, CONTEXT);
    expect(matches.map((m) => [m.rule, m.eventId])).toEqual([
      ['console-signin-failed', CONSOLE_LOGIN_FAILURE.eventID],
      ['0b6f3d9e-1c2a-4e5b-8f7d-3a9c1e0b2d4f', S3_GET_OBJECT.eventID],
    ]);
  });

  it('match Microsoft 365 export rows by their own names and by ours', () => {
    const cell = (record: object) => `"${JSON.stringify(record).replaceAll('"', '""')}"`;
    const csv = [
      'RecordId,CreationDate,RecordType,Operation,UserId,AuditData',
      `${FILE_DOWNLOADED.Id},2026-03-02T09:31:17.0000000Z,SharePointFileOperation,FileDownloaded,megan.b@contoso.com,${cell(FILE_DOWNLOADED)}`,
      `${MAIL_ITEMS_ACCESSED.Id},2026-03-02T09:40:02.0000000Z,ExchangeItemAggregated,MailItemsAccessed,megan.b@contoso.com,${cell(MAIL_ITEMS_ACCESSED)}`,
    ].join('\n');
    const { events } = parseCsvEvents(csv, 'audit.csv');
    const { matches } = evaluateShard(pack, events, CONTEXT);
    expect(matches.map((m) => [m.rule, m.eventId])).toEqual([
      ['m365-spreadsheet-download', FILE_DOWNLOADED.Id],
      ['mailbox-read', MAIL_ITEMS_ACCESSED.Id],
    ]);
  });
});
