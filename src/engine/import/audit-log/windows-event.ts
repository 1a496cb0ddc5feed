// Windows event logs as Winlogbeat and Elastic Agent write them (`winlog.channel`,
// `winlog.event_id`, `winlog.provider_name`, the event's own values under `winlog.event_data.*`):
// the Security channel's logons, object access, process creation and account changes, and Sysmon's
// process, network, file and DNS events. Winlogbeat 8 leaves the ECS fields (`user.name`,
// `event.category`, `file.path`) to Elasticsearch's ingest pipelines, so a file or Logstash output
// has none of them; an event that went through a pipeline has them already and keeps its own.
import type { EngineEvent, EventValue } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const DATA = 'winlog.event_data.';

/** What an event of a channel and id is: our category, an action name, and its outcome. */
interface EventKind {
  /** None for network events: our vocabulary has no network category. */
  category?: string;
  action: string;
  outcome?: 'success' | 'failure';
  /** A group membership change: `TargetUserName` names the group, `MemberName` the member. */
  group?: boolean;
}

const SECURITY: Readonly<Record<string, EventKind>> = {
  '4624': { category: 'authentication', action: 'logged-in', outcome: 'success' },
  '4625': { category: 'authentication', action: 'logon-failed', outcome: 'failure' },
  '4634': { category: 'authentication', action: 'logged-out', outcome: 'success' },
  '4647': { category: 'authentication', action: 'logged-out', outcome: 'success' },
  '4648': { category: 'authentication', action: 'logged-in-explicit', outcome: 'success' },
  '4656': { category: 'file', action: 'requested-object-handle' },
  '4660': { category: 'file', action: 'deleted-object' },
  '4663': { category: 'file', action: 'accessed-object' },
  '5140': { category: 'file', action: 'accessed-network-share' },
  '5145': { category: 'file', action: 'checked-network-share-object' },
  '4688': { category: 'process', action: 'created-process' },
  '4720': { category: 'iam', action: 'added-user-account' },
  '4722': { category: 'iam', action: 'enabled-user-account' },
  '4724': { category: 'iam', action: 'reset-password' },
  '4725': { category: 'iam', action: 'disabled-user-account' },
  '4726': { category: 'iam', action: 'deleted-user-account' },
  // a member added to a security group (global, local, universal): our `group-add`
  '4728': { category: 'iam', action: 'group-add', group: true },
  '4732': { category: 'iam', action: 'group-add', group: true },
  '4756': { category: 'iam', action: 'group-add', group: true },
  '4729': { category: 'iam', action: 'removed-member-from-group', group: true },
  '4733': { category: 'iam', action: 'removed-member-from-group', group: true },
  '4757': { category: 'iam', action: 'removed-member-from-group', group: true },
};

/**
 * File access rights (winnt.h), as a 4663 or 5145 `AccessMask` writes them and as their `AccessList`
 * names them (`%%4416` ReadData, `%%4417` WriteData, `%%4418` AppendData, `%%1537` DELETE).
 */
const READ_DATA = 0x1;
const WRITE_DATA = 0x2;
const APPEND_DATA = 0x4;
const DELETE = 0x10000;
const ACCESS_LIST_CODES: Readonly<Record<string, number>> = {
  '%%4416': READ_DATA,
  '%%4417': WRITE_DATA,
  '%%4418': APPEND_DATA,
  '%%1537': DELETE,
};

/** Object access events whose access rights say what was done to the file. */
const ACCESS_EVENTS = new Set(['4663', '5145']);

const SYSMON_EVENTS: Readonly<Record<string, EventKind>> = {
  '1': { category: 'process', action: 'Process Create' },
  '3': { action: 'Network connection detected' },
  '11': { category: 'file', action: 'File created' },
  '22': { action: 'Dns query' },
  '23': { category: 'file', action: 'File Delete archived' },
  '26': { category: 'file', action: 'File Delete logged' },
};

function idOf(event: EngineEvent): string | undefined {
  const id = event['winlog.event_id'] ?? event['event.code'];
  return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}

function kindOf(event: EngineEvent): EventKind | undefined {
  const id = idOf(event);
  if (id === undefined) return undefined;
  const channel = textOf(event, 'winlog.channel');
  if (channel === 'Security') return SECURITY[id];
  if (channel === SYSMON) return SYSMON_EVENTS[id];
  return undefined;
}

/** A value of the event's own data that says something (Windows writes `-` for none). */
function data(event: EngineEvent, name: string): string | undefined {
  const value = textOf(event, `${DATA}${name}`);
  return value === '-' ? undefined : value;
}

/** `CORP\dana` → its user and domain; a name without a domain is the user. */
function account(text: string | undefined): { user?: string; domain?: string } {
  if (text === undefined) return {};
  const slash = text.indexOf('\\');
  return slash < 0 ? { user: text } : { user: text.slice(slash + 1), domain: text.slice(0, slash) };
}

/** Who acted: the account logged on (logons), else the one Sysmon names, else the subject. */
function actor(event: EngineEvent, kind: EventKind | undefined): { user?: string; domain?: string } {
  if (kind?.category === 'authentication')
    return { user: data(event, 'TargetUserName'), domain: data(event, 'TargetDomainName') };
  const sysmonUser = data(event, 'User');
  if (sysmonUser !== undefined) return account(sysmonUser);
  return { user: data(event, 'SubjectUserName'), domain: data(event, 'SubjectDomainName') };
}

function filePath(event: EngineEvent): string | undefined {
  const target = data(event, 'TargetFilename') ?? data(event, 'ObjectName');
  if (target !== undefined) return target;
  const share = data(event, 'ShareName');
  const relative = data(event, 'RelativeTargetName');
  return share !== undefined && relative !== undefined ? `${share}\\${relative}` : undefined;
}

/** `CN=Eve Example,OU=Staff,DC=corp,DC=example` → `Eve Example` (a group change's member). */
function commonName(dn: string | undefined): string | undefined {
  const match = dn === undefined ? null : /^CN=((?:\\.|[^,])+)/i.exec(dn);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : dn;
}

/** The access rights an object access event says were used: its `AccessMask`, else its `AccessList`. */
function accessRights(event: EngineEvent): number | undefined {
  const mask = event[`${DATA}AccessMask`];
  if (typeof mask === 'number') return mask;
  if (typeof mask === 'string' && /^\s*0x[0-9a-f]+\s*$/i.test(mask)) return parseInt(mask.trim(), 16);
  const list = data(event, 'AccessList');
  if (list === undefined) return undefined;
  let rights = 0;
  for (const code of list.match(/%%\d+/g) ?? []) rights |= ACCESS_LIST_CODES[code] ?? 0;
  // the list as a rendered message words it
  if (/\bReadData\b/.test(list)) rights |= READ_DATA;
  if (/\bWriteData\b/.test(list)) rights |= WRITE_DATA;
  if (/\bAppendData\b/.test(list)) rights |= APPEND_DATA;
  if (/\bDELETE\b/.test(list)) rights |= DELETE;
  return rights;
}

function keywordsSay(event: EngineEvent, keyword: string): boolean {
  const keywords = event['winlog.keywords'];
  return Array.isArray(keywords) ? keywords.includes(keyword) : keywords === keyword;
}

/**
 * A 4663 or 5145 on a file in our words: `delete` when the DELETE right was used, else `write` for
 * WriteData or AppendData, else `read` for ReadData; other rights (attributes, permissions) keep
 * the event's own action. A 5145 refused (`Audit Failure`) did nothing to the file.
 */
function fileAccess(event: EngineEvent, kind: EventKind): EventKind {
  const id = idOf(event)!;
  if (!ACCESS_EVENTS.has(id)) return kind;
  const failed = keywordsSay(event, 'Audit Failure');
  const outcome = failed ? 'failure' : keywordsSay(event, 'Audit Success') ? 'success' : undefined;
  const rights = failed ? undefined : accessRights(event);
  const action =
    rights === undefined
      ? kind.action
      : rights & DELETE
        ? 'delete'
        : rights & (WRITE_DATA | APPEND_DATA)
          ? 'write'
          : rights & READ_DATA
            ? 'read'
            : kind.action;
  return { ...kind, action, outcome };
}

/**
 * What the event is. Object access events (4656, 4663) on something other than a file (a registry
 * key, a service) are no file event: they keep their action, without a category or path.
 */
function describe(event: EngineEvent): EventKind | undefined {
  const kind = kindOf(event);
  if (kind?.category !== 'file') return kind;
  const type = data(event, 'ObjectType');
  if (type !== undefined && type !== 'File') return { action: kind.action };
  return fileAccess(event, kind);
}

export const WINDOWS_EVENT: AuditLogFormat = {
  name: 'Windows event log records (Winlogbeat)',
  recognises: (event) =>
    typeof event['winlog.channel'] === 'string' &&
    typeof event['winlog.provider_name'] === 'string' &&
    idOf(event) !== undefined,
  fields: (event) => {
    const kind = describe(event);
    const who = actor(event, kind);
    const path = kind?.category === 'file' ? filePath(event) : undefined;
    const address = data(event, 'IpAddress') ?? data(event, 'SourceIp');
    const fields: Record<string, EventValue | undefined> = {
      'event.category': kind?.category,
      'event.action': kind?.action,
      'event.outcome': kind?.outcome,
      'user.name': who.user,
      'user.domain': who.domain,
      'target.user.name':
        kind?.category !== 'iam'
          ? undefined
          : kind.group
            ? commonName(data(event, 'MemberName'))
            : data(event, 'TargetUserName'),
      'group.name': kind?.group ? data(event, 'TargetUserName') : undefined,
      'group.domain': kind?.group ? data(event, 'TargetDomainName') : undefined,
      'host.name': textOf(event, 'winlog.computer_name'),
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
      'destination.ip': data(event, 'DestinationIp'),
      'destination.domain': data(event, 'DestinationHostname') ?? data(event, 'QueryName'),
      'file.path': path,
      'file.name': path?.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1),
      'process.executable':
        data(event, 'Image') ?? data(event, 'NewProcessName') ?? data(event, 'ProcessName'),
      'process.command_line': data(event, 'CommandLine'),
    };
    return fields;
  },
};
