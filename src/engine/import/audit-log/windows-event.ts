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
  '4728': { category: 'iam', action: 'added-member-to-group' },
  '4732': { category: 'iam', action: 'added-member-to-group' },
  '4756': { category: 'iam', action: 'added-member-to-group' },
};

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

export const WINDOWS_EVENT: AuditLogFormat = {
  name: 'Windows event log records (Winlogbeat)',
  recognises: (event) =>
    typeof event['winlog.channel'] === 'string' &&
    typeof event['winlog.provider_name'] === 'string' &&
    idOf(event) !== undefined,
  fields: (event) => {
    const kind = kindOf(event);
    const who = actor(event, kind);
    const path = kind?.category === 'file' ? filePath(event) : undefined;
    const address = data(event, 'IpAddress') ?? data(event, 'SourceIp');
    const fields: Record<string, EventValue | undefined> = {
      'event.category': kind?.category,
      'event.action': kind?.action,
      'event.outcome': kind?.outcome,
      'user.name': who.user,
      'user.domain': who.domain,
      'target.user.name': kind?.category === 'iam' ? data(event, 'TargetUserName') : undefined,
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
