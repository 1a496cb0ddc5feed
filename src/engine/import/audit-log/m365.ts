// Microsoft 365 unified audit log records: the Management Activity API's JSON (objects with
// `CreationTime`, `Id`, `Operation`, `UserId`, `Workload`, `ClientIP`, …), and the rows of a
// Purview "Export results" CSV once their `AuditData` cell is read (`auditDataFields`). The
// record's own names stay; the ECS fields our rules read are added: the category, and the action in
// our vocabulary's word (docs/data-model.md) where the operation means the same thing (a sign-in,
// a file read, downloaded, copied, written, renamed or deleted, a mail sent, a mailbox forwarding
// set up); other operations keep their own name as `event.action`.
import type { EngineEvent, EventValue } from '../../types.ts';
import { firstTextOf, textOf, type AuditLogFormat } from './format.ts';
import { addressWithoutPort } from './ip-address.ts';

type Outcome = 'success' | 'failure';

/**
 * `ResultStatus` words (they differ by workload: Exchange admin cmdlets write `True`/`False`);
 * other values (`PartiallySucceeded`) say no outcome.
 */
const OUTCOMES: Readonly<Record<string, Outcome>> = {
  Succeeded: 'success',
  Success: 'success',
  True: 'success',
  Failed: 'failure',
  Failure: 'failure',
  False: 'failure',
};

/** SharePoint and OneDrive file operations that are one of our file actions. */
const FILE_ACTIONS: Readonly<Record<string, string>> = {
  FileAccessed: 'read',
  FileDownloaded: 'download',
  FileSyncDownloadedFull: 'download',
  FileCopied: 'copy',
  FileModified: 'write',
  FileRenamed: 'rename',
  // moved to the site's recycle bin; emptying the bin (FileDeletedFirstStageRecycleBin, …) is the
  // same file's deletion again, and keeps its own name
  FileDeleted: 'delete',
  FileRecycled: 'delete',
};

/**
 * Other SharePoint and OneDrive operations on a file or its sharing: category `file`, their own
 * name. An upload (`FileUploaded`) puts a file into the organisation's own tenant, which our
 * `upload` (data leaving for another site) is not; sharing has no word of ours.
 */
const OTHER_FILE_OPERATIONS = new Set([
  'FileAccessedExtended',
  'FilePreviewed',
  'FileUploaded',
  'FileSyncUploadedFull',
  'FileSyncDownloadedPartial',
  'FileModifiedExtended',
  'FileMoved',
  'FileCheckedIn',
  'FileCheckedOut',
  'FileRestored',
  'FileDeletedFirstStageRecycleBin',
  'FileDeletedSecondStageRecycleBin',
  'FileVersionsAllDeleted',
  'AnonymousLinkCreated',
  'AnonymousLinkUpdated',
  'AnonymousLinkUsed',
  'CompanyLinkCreated',
  'CompanyLinkUsed',
  'SecureLinkCreated',
  'SecureLinkUsed',
  'AddedToSecureLink',
  'SharingInvitationCreated',
  'SharingInvitationAccepted',
  'SharingSet',
  'SharingRevoked',
]);

/** Exchange mailbox operations on mail: category `email`. `Send` and `SendAs` are our `send`. */
const MAIL_OPERATIONS = new Set([
  'MailItemsAccessed',
  'SendOnBehalf',
  'MoveToDeletedItems',
  'SoftDelete',
  'HardDelete',
  'UpdateInboxRules',
]);

/** Exchange cmdlets that can send a mailbox's mail elsewhere, and the parameters that say where. */
const FORWARDING_CMDLETS: Readonly<Record<string, readonly string[]>> = {
  'New-InboxRule': ['ForwardTo', 'RedirectTo', 'ForwardAsAttachmentTo'],
  'Set-InboxRule': ['ForwardTo', 'RedirectTo', 'ForwardAsAttachmentTo'],
  'Set-Mailbox': ['ForwardingSmtpAddress', 'ForwardingAddress'],
};

/**
 * `UserLoginFailed` records that are no wrong password: Entra ID asked for more (MFA, "stay signed
 * in?", a password change due). The same interrupts as the default pack's `failed-logon-audit`
 * leaves out of Entra ID sign-ins, by `ErrorNumber` and by `LogonError` name.
 */
const INTERRUPT_ERRORS = new Set([
  '50055',
  '50072',
  '50074',
  '50076',
  '50079',
  '50097',
  '50125',
  '50140',
  '50158',
  '16000',
  '16001',
  '16003',
  '81010',
]);
const INTERRUPT_NAMES =
  /Interrupt$|^UserStrongAuth|^DeviceAuthenticationRequired$|^InvalidPasswordExpiredPassword$|^ConvergedTou|^UserPasswordChangeRequired/;

/** `UserType` of an application, a service principal or the system signing in: nobody at a keyboard. */
const NOT_A_PERSON = new Set([4, 5, 6, 7, 8, '4', '5', '6', '7', '8']);

/** A record of the API, or a CSV row whose `AuditData` could not be read (its columns only). */
function recognises(event: EngineEvent): boolean {
  if (typeof event.CreationTime === 'string' && typeof event.Operation === 'string')
    return event.Workload !== undefined || event.RecordType !== undefined;
  // The export's columns: CreationDate, UserIds, Operations (older), or UserId, Operation (newer).
  return (
    typeof event.CreationDate === 'string' &&
    (typeof event.Operations === 'string' || typeof event.Operation === 'string') &&
    (typeof event.UserIds === 'string' || typeof event.UserId === 'string')
  );
}

/** The texts of a field that may hold a list. */
function textsOf(event: EngineEvent, field: string): string[] {
  const value = event[field];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((one): one is string => typeof one === 'string' && one !== '');
}

/** Mail addresses written in a text (`"Eve" [SMTP:eve@mail.example]`, `smtp:a@b.example; c@d.example`). */
function addressesIn(text: string): string[] {
  return [...text.matchAll(/[^\s<>"'[\]:;,()]+@[^\s<>"'[\]:;,()]+\.[^\s<>"'[\]:;,()]+/g)].map((m) => m[0]);
}

/** A cmdlet's parameter values, by name, from its `Parameters` list (`[{Name, Value}]`, flattened). */
function parameter(event: EngineEvent, name: string): string | undefined {
  const names = event['Parameters.Name'];
  const values = event['Parameters.Value'];
  if (!Array.isArray(names) || !Array.isArray(values) || names.length !== values.length) return undefined;
  const index = names.indexOf(name);
  const value = index < 0 ? undefined : values[index];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The addresses a forwarding cmdlet sends the mailbox's mail to; none when it sets no forwarding. */
function forwardingAddresses(event: EngineEvent, operation: string): string[] | undefined {
  const parameters = FORWARDING_CMDLETS[operation];
  if (parameters === undefined) return undefined;
  const addresses = parameters.flatMap((name) => {
    const value = parameter(event, name);
    return value === undefined ? [] : addressesIn(value);
  });
  return addresses.length > 0 ? addresses : undefined;
}

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return address !== undefined && at >= 0 ? address.slice(at + 1).toLowerCase() : undefined;
}

/** What a record is in our words: its category, action and the fields that go with them. */
interface Kind {
  category?: string;
  action?: string;
  outcome?: Outcome;
  fields?: Record<string, EventValue | undefined>;
}

function logon(event: EngineEvent, operation: string, outcome: Outcome | undefined): Kind | undefined {
  if (operation === 'UserLoggedIn') {
    const type = event.UserType;
    const person = !(typeof type === 'number' || typeof type === 'string') || !NOT_A_PERSON.has(type);
    return {
      category: 'authentication',
      action: person && outcome !== 'failure' ? 'logon' : undefined,
      outcome: outcome ?? 'success',
    };
  }
  if (operation !== 'UserLoginFailed') return undefined;
  const error =
    textOf(event, 'ErrorNumber') ??
    (typeof event.ErrorNumber === 'number' ? String(event.ErrorNumber) : undefined);
  const name = textOf(event, 'LogonError');
  const interrupt =
    (error !== undefined && INTERRUPT_ERRORS.has(error)) ||
    (name !== undefined && INTERRUPT_NAMES.test(name));
  return { category: 'authentication', action: interrupt ? undefined : 'logon-failed', outcome: 'failure' };
}

function fileOperation(event: EngineEvent, operation: string): Kind | undefined {
  const action = FILE_ACTIONS[operation];
  if (action === undefined && !OTHER_FILE_OPERATIONS.has(operation)) return undefined;
  const address = textOf(event, 'ObjectId');
  const source = textOf(event, 'SourceFileName');
  const renamedTo = operation === 'FileRenamed' ? textOf(event, 'DestinationFileName') : undefined;
  const name = renamedTo ?? source ?? address?.slice(address.lastIndexOf('/') + 1);
  const size = event.FileSizeBytes;
  return {
    category: 'file',
    action,
    fields: {
      'file.path': address,
      'file.name': name === '' ? undefined : name,
      'file.extension':
        renamedTo === undefined ? textOf(event, 'SourceFileExtension')?.toLowerCase() : undefined,
      'file.previous_name': renamedTo === undefined ? undefined : source,
      'file.size': typeof size === 'number' ? size : undefined,
      'url.full': address !== undefined && /^https?:\/\//i.test(address) ? address : undefined,
    },
  };
}

function mailOperation(
  event: EngineEvent,
  operation: string,
  outcome: Outcome | undefined,
): Kind | undefined {
  if (operation === 'Send') return { category: 'email', action: 'send' };
  // mail sent under another mailbox's address (a delegate's "send as"): that address is its sender
  if (operation === 'SendAs')
    return { category: 'email', action: 'send', fields: { 'email.from': textOf(event, 'SendAsUserSmtp') } };
  if (MAIL_OPERATIONS.has(operation)) return { category: 'email' };
  if (
    operation in FORWARDING_CMDLETS ||
    operation === 'Remove-InboxRule' ||
    operation === 'Disable-InboxRule'
  ) {
    const to = outcome === 'failure' ? undefined : forwardingAddresses(event, operation);
    if (to === undefined) return { category: operation === 'Set-Mailbox' ? 'configuration' : 'email' };
    return {
      category: 'email',
      action: 'forward-rule-create',
      fields: { 'email.to': to, 'destination.domain': domainOf(to[0]) },
    };
  }
  return undefined;
}

/** A Purview DLP policy match: on a mail (Exchange) or a file (SharePoint, OneDrive), with the rule matched. */
function dlpMatch(event: EngineEvent, operation: string): Kind | undefined {
  if (operation !== 'DlpRuleMatch') return undefined;
  const rule = firstTextOf(event, 'PolicyDetails.Rules.RuleName');
  const filePath = textOf(event, 'SharePointMetaData.FilePathUrl');
  if (filePath !== undefined || textOf(event, 'SharePointMetaData.FileName') !== undefined)
    return {
      category: 'file',
      fields: {
        'rule.name': rule,
        'file.path': filePath,
        'file.name': textOf(event, 'SharePointMetaData.FileName'),
        'url.full': filePath,
      },
    };
  const to = textsOf(event, 'ExchangeMetaData.To');
  return {
    category: textOf(event, 'ExchangeMetaData.From') === undefined ? undefined : 'email',
    fields: {
      'rule.name': rule,
      'email.from': textOf(event, 'ExchangeMetaData.From'),
      'email.to': to.length > 0 ? to : undefined,
      'email.subject': textOf(event, 'ExchangeMetaData.Subject'),
    },
  };
}

function kindOf(event: EngineEvent, operation: string | undefined, outcome: Outcome | undefined): Kind {
  if (operation === undefined) return {};
  return (
    logon(event, operation, outcome) ??
    fileOperation(event, operation) ??
    mailOperation(event, operation, outcome) ??
    dlpMatch(event, operation) ??
    {}
  );
}

/** Every field a kind may give, so the note names them all whatever the file's first record. */
const KIND_FIELDS = [
  'file.path',
  'file.name',
  'file.extension',
  'file.previous_name',
  'file.size',
  'url.full',
  'email.from',
  'email.to',
  'email.subject',
  'destination.domain',
  'rule.name',
] as const;

export const M365_AUDIT: AuditLogFormat = {
  name: 'Microsoft 365 audit records',
  recognises,
  fields: (event) => {
    const client = textOf(event, 'ClientIP') ?? textOf(event, 'ClientIPAddress');
    const status = textOf(event, 'ResultStatus');
    const operation = textOf(event, 'Operation') ?? textOf(event, 'Operations');
    const statusOutcome = status === undefined ? undefined : OUTCOMES[status];
    const kind = kindOf(event, operation, statusOutcome);
    const fields: Record<string, EventValue | undefined> = {
      // UTC, written without a zone: the time reader reads such text as UTC.
      '@timestamp': textOf(event, 'CreationTime') ?? textOf(event, 'CreationDate'),
      'event.id': textOf(event, 'Id') ?? textOf(event, 'RecordId'),
      'event.action': kind.action ?? operation,
      'event.category': kind.category,
      'event.outcome': kind.outcome ?? statusOutcome,
      'user.name': textOf(event, 'UserId') ?? textOf(event, 'UserIds'),
      'source.ip': client === undefined ? undefined : addressWithoutPort(client),
      'user_agent.original': textOf(event, 'UserAgent'),
    };
    for (const field of KIND_FIELDS) fields[field] = kind.fields?.[field];
    return fields;
  },
};
