// The point of keeping a cloud audit record's own fields and adding ECS ones: a SigmaHQ rule written
// against the vendor's names and a rule of ours written against the data model both match it.
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../pack.ts';
import { evaluateShard } from '../../run/evaluate-shard.ts';
import type { DatasetContext } from '../../types.ts';
import { parseCsvEvents } from '../csv.ts';
import { parseJsonEvents } from '../json.ts';
import { parseNdjson } from '../ndjson.ts';
import {
  ASSUME_ROLE_BY_SERVICE,
  CONSOLE_LOGIN_FAILURE,
  ENTRA_AUDIT_GRAPH,
  ENTRA_SIGN_IN_DIAGNOSTIC,
  ENTRA_SIGN_IN_GRAPH,
  FILE_DOWNLOADED,
  GITHUB_ADD_MEMBER,
  GITHUB_GIT_CLONE,
  LOOKUP_EVENTS_ENTRY,
  MAIL_ITEMS_ACCESSED,
  OKTA_LOGIN_FAILURE,
  OKTA_MFA_RESET,
  S3_GET_OBJECT,
  WORKSPACE_DRIVE_DOWNLOAD,
  WORKSPACE_LOGIN_FAILURE,
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

/** Per format: a rule on the vendor's own names, and one on ours. */
const MORE_RULES = `title: MFA factors reset (Okta's names)
id: okta-mfa-reset
logsource: { product: okta, service: okta }
detection:
  selection:
    eventType: user.mfa.factor.reset_all
    target.alternateId|endswith: '@acme.example'
  condition: selection
---
title: MFA factors reset (SigmaHQ's okta rules write field names in lower case)
id: okta-mfa-reset-lowercase
logsource: { product: okta, service: okta }
detection:
  selection:
    eventtype: user.mfa.factor.reset_all
  condition: selection
---
title: Failed sign-in from a known range (our fields, on Okta)
id: okta-signin-failed
logsource: { product: okta, service: okta }
detection:
  selection:
    event.category: authentication
    event.outcome: failure
    source.ip|cidr: 198.51.100.0/28
  condition: selection
---
title: Single-factor PowerShell sign-in (Entra diagnostic export's names)
id: entra-powershell-single-factor
logsource: { product: azure, service: signinlogs }
detection:
  selection:
    properties.appDisplayName|contains: PowerShell
    properties.authenticationRequirement: singleFactorAuthentication
  condition: selection
---
title: Global Administrator granted (Entra audit names)
id: entra-global-admin
logsource: { product: azure, service: auditlogs }
detection:
  selection:
    activityDisplayName: Add member to role
    targetResources.modifiedProperties.newValue|contains: Global Administrator
  condition: selection
---
title: Sign-in that worked (our fields, on Entra)
id: entra-signin-ok
logsource: { product: azure, service: signinlogs }
detection:
  selection:
    event.category: authentication
    event.outcome: success
    user.name: megan.b@contoso.com
  condition: selection
---
title: Spreadsheet downloaded from Drive (Workspace names)
id: workspace-drive-download
logsource: { product: gcp, service: google_workspace.admin }
detection:
  selection:
    id.applicationName: drive
    events.name: download
    events.parameters.value: Customer list 2026
  condition: selection
---
title: Failed sign-in (our fields, on Workspace)
id: workspace-login-failed
logsource: { product: gcp, service: google_workspace.admin }
detection:
  selection:
    event.action: login_failure
    event.outcome: failure
    source.ip|cidr: 2001:db8::/32
  condition: selection
---
title: Private repository cloned (GitHub names)
id: github-private-clone
logsource: { product: github, service: audit }
detection:
  selection:
    action: git.clone
    repository_public: false
  condition: selection
---
title: Member added (our fields, on GitHub)
id: github-member-added
logsource: { product: github, service: audit }
detection:
  selection:
    event.category: iam
    user.name: octo-admin
  condition: selection
---
title: Console sign-in without MFA (CloudTrail names, from lookup-events)
id: lookup-signin-without-mfa
logsource: { product: aws, service: cloudtrail }
detection:
  selection:
    eventSource: signin.amazonaws.com
    additionalEventData.MFAUsed: 'No'
  condition: selection
`;

describe('rules on the other cloud audit logs', () => {
  const { pack, errors } = compilePack([{ name: 'cloud.yml', text: RULES + '---\n' + MORE_RULES }]);
  const matched = (events: Parameters<typeof evaluateShard>[1]) =>
    evaluateShard(pack, events, CONTEXT).matches.map((m) => [m.rule, m.eventId]);

  it('compile', () => {
    expect(errors).toEqual([]);
  });

  it('match Okta events by their own names and by ours; a lower-case field name matches nothing', () => {
    const { events } = parseJsonEvents(JSON.stringify([OKTA_LOGIN_FAILURE, OKTA_MFA_RESET]), 'okta.json');
    // Field names are compared exactly: `eventtype` is not `eventType`, so okta-mfa-reset-lowercase
    // matches no event.
    expect(matched(events)).toEqual([
      ['okta-signin-failed', OKTA_LOGIN_FAILURE.uuid],
      ['okta-mfa-reset', OKTA_MFA_RESET.uuid],
    ]);
  });

  it('match Entra ID records by their own names and by ours', () => {
    const signIns = parseJsonEvents(JSON.stringify({ records: [ENTRA_SIGN_IN_DIAGNOSTIC] }), 'PT1H.json');
    const graph = parseNdjson(
      [ENTRA_SIGN_IN_GRAPH, ENTRA_AUDIT_GRAPH].map((r) => JSON.stringify(r)).join('\n'),
      'graph.ndjson',
    );
    expect(matched([...signIns.events, ...graph.events])).toEqual([
      ['entra-powershell-single-factor', ENTRA_SIGN_IN_DIAGNOSTIC.properties.id],
      ['entra-signin-ok', ENTRA_SIGN_IN_GRAPH.id],
      ['entra-global-admin', ENTRA_AUDIT_GRAPH.id],
    ]);
  });

  it('match Google Workspace activities by their own names and by ours', () => {
    const { events } = parseJsonEvents(
      JSON.stringify({
        kind: 'admin#reports#activities',
        items: [WORKSPACE_DRIVE_DOWNLOAD, WORKSPACE_LOGIN_FAILURE],
      }),
      'activities.json',
    );
    expect(matched(events)).toEqual([
      ['workspace-drive-download', WORKSPACE_DRIVE_DOWNLOAD.id.uniqueQualifier],
      ['workspace-login-failed', WORKSPACE_LOGIN_FAILURE.id.uniqueQualifier],
    ]);
  });

  it('match GitHub audit log entries by their own names and by ours', () => {
    const { events } = parseJsonEvents(JSON.stringify([GITHUB_GIT_CLONE, GITHUB_ADD_MEMBER]), 'export.json');
    expect(matched(events)).toEqual([
      ['github-private-clone', GITHUB_GIT_CLONE._document_id],
      ['github-member-added', GITHUB_ADD_MEMBER._document_id],
    ]);
  });

  it('match lookup-events entries by CloudTrail names and by ours', () => {
    const { events } = parseJsonEvents(JSON.stringify({ Events: [LOOKUP_EVENTS_ENTRY] }), 'lookup.json');
    expect(matched(events)).toEqual([
      ['console-signin-failed', CONSOLE_LOGIN_FAILURE.eventID],
      ['lookup-signin-without-mfa', CONSOLE_LOGIN_FAILURE.eventID],
    ]);
  });
});
