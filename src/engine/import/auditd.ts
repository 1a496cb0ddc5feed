// Linux audit logs in auditd's own text format (`/var/log/audit/audit.log`): each line is one record,
// `[node=<host> ]type=<TYPE> msg=audit(<epoch seconds>:<serial>): key=value …`, and the records of
// one event (a SYSCALL, its CWD, PATH and PROCTITLE records) share `msg=audit(…)` and are written
// together. Each event becomes one event here, its records' fields under `auditd.<type>.<key>`
// (`auditd.syscall.exe`, `auditd.path.name`; a type written twice, PATH items, gives lists). Values
// are `"quoted"`, bare, or hex-encoded (a name with a space or a non-ASCII byte: `name=2F746D70…`);
// user-space records nest theirs in `msg='op=login acct="dana" …'`; the ENRICHED format appends the
// interpreted values after a 0x1D byte (`AUID="dana"`).
import type { Diagnostic, EngineEvent, EventValue } from '../types.ts';
import { isIpAddress } from './audit-log/ip-address.ts';
import { importError } from './diagnostic.ts';

/** Whether a line is an auditd record (cheap: asked of every line that is not JSON). */
export function isAuditdLine(line: string): boolean {
  return (line.startsWith('type=') || line.startsWith('node=')) && line.includes(' msg=audit(');
}

/** Fields auditd writes hex-encoded when their text holds a space, a quote or a byte past ASCII. */
const ENCODED = new Set([
  'name',
  'cwd',
  'exe',
  'comm',
  'proctitle',
  'path',
  'acct',
  'key',
  'data',
  'old',
  'new',
]);
const HEX = /^(?:[0-9A-F]{2})+$/;

function decodeHex(text: string, field: string): string {
  if (!ENCODED.has(field) || !HEX.test(text)) return text;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  // A process title's arguments are separated by NUL bytes.
  return new TextDecoder().decode(bytes).replace(/\0/g, ' ');
}

/** The `key=value` pairs of `text`, in order, into `into` (a nested `msg='…'` read in place). */
function readPairs(text: string, into: Map<string, string>): void {
  let at = 0;
  while (at < text.length) {
    while (text.charCodeAt(at) === 32) at++;
    const equals = text.indexOf('=', at);
    if (equals < 0) return;
    const key = text.slice(at, equals);
    let value: string;
    const quote = text[equals + 1];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, equals + 2);
      const end = close < 0 ? text.length : close;
      value = text.slice(equals + 2, end);
      at = end + 1;
      if (quote === "'" && key === 'msg') {
        readPairs(value, into);
        continue;
      }
    } else {
      const space = text.indexOf(' ', equals + 1);
      const end = space < 0 ? text.length : space;
      value = decodeHex(text.slice(equals + 1, end), key);
      at = end;
    }
    if (key !== '' && !key.includes(' ')) into.set(key, value);
  }
}

interface AuditRecord {
  type: string;
  fields: Map<string, string>;
}

interface PendingEvent {
  stamp: string;
  time: number;
  line: number;
  node?: string;
  records: AuditRecord[];
}

/** The value of `field` in the first record that has it (`AUID` enriched before `auid`). */
function first(records: readonly AuditRecord[], field: string): string | undefined {
  for (const record of records) {
    const value = record.fields.get(field);
    if (value !== undefined && value !== '' && value !== '?' && value !== '(null)') return value;
  }
  return undefined;
}

const AUTHENTICATION = new Set(['USER_LOGIN', 'USER_AUTH', 'USER_LOGOUT']);
/** auid/uid 4294967295 (-1): no login user (a daemon). */
const UNSET_ID = '4294967295';

/**
 * Who acted: a login's account (`acct`), else the login user the ENRICHED format names (`AUID`;
 * `unset` for a daemon), else the account a user-space record names. Numeric ids are no names.
 */
function userName(records: readonly AuditRecord[], login: boolean): string | undefined {
  const account = first(records, 'acct');
  const auid = first(records, 'AUID');
  const loginUser = auid === 'unset' ? undefined : auid;
  return login ? (account ?? loginUser) : (loginUser ?? account);
}

function outcomeOf(records: readonly AuditRecord[]): 'success' | 'failure' | undefined {
  const success = first(records, 'success') ?? first(records, 'res');
  if (success === 'yes' || success === 'success') return 'success';
  if (success === 'no' || success === 'failed') return 'failure';
  return undefined;
}

function toEvent(pending: PendingEvent): EngineEvent {
  const { records } = pending;
  const event: EngineEvent = { '@timestamp': pending.time };
  for (const record of records) {
    const prefix = `auditd.${record.type.toLowerCase()}.`;
    for (const [key, value] of record.fields) {
      const name = prefix + key;
      const had = event[name];
      event[name] =
        had === undefined
          ? value
          : Array.isArray(had)
            ? [...(had as string[]), value]
            : [had as string, value];
    }
  }
  const type = records[0]!.type;
  // The file the call named, not the folder it sits in (a PATH of nametype PARENT).
  const path = records.find(
    (r) => r.type === 'PATH' && r.fields.get('nametype') !== 'PARENT' && r.fields.get('name') !== undefined,
  );
  const filePath = path?.fields.get('name');
  const auid = first(records, 'auid');
  const address = first(records, 'addr');
  const fields: Record<string, EventValue | undefined> = {
    'event.action': type,
    'event.category': AUTHENTICATION.has(type)
      ? 'authentication'
      : filePath !== undefined
        ? 'file'
        : records.some((r) => r.type === 'EXECVE')
          ? 'process'
          : undefined,
    'event.outcome': outcomeOf(records),
    'event.dataset': 'auditd',
    'user.name': userName(records, AUTHENTICATION.has(type)),
    'user.id': auid === UNSET_ID ? undefined : auid,
    'host.name': pending.node,
    'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
    'file.path': filePath,
    'file.name': filePath?.slice(filePath.lastIndexOf('/') + 1),
    'process.executable': first(records, 'exe'),
    'process.name': first(records, 'comm'),
    'process.command_line': first(records, 'proctitle'),
    'rule.name': first(records, 'key'),
  };
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) event[field] = value;
  return event;
}

/**
 * One file's auditd records, read line by line: `read` returns the events completed by a line (the
 * previous event, once a line of another event begins), `finish` the last one.
 */
export class AuditdLines {
  private pending: PendingEvent | undefined;
  private noted = false;

  constructor(private readonly file: string) {}

  /** The events a record line completes, its own record held until its event ends. */
  read(line: string, lineNumber: number): { events: EngineEvent[]; errors: Diagnostic[]; lines: number[] } {
    const done = { events: [] as EngineEvent[], errors: [] as Diagnostic[], lines: [] as number[] };
    if (!this.noted) {
      this.noted = true;
      done.errors.push(
        importError(
          this.file,
          lineNumber,
          `read as Linux audit (auditd) records (first at line ${lineNumber}): the records of one event (SYSCALL, PATH, …) are one event, their fields under auditd.<type>.<field>`,
          { severity: 'warning' },
        ),
      );
    }
    const open = line.indexOf(' msg=audit(');
    const close = line.indexOf('):', open);
    const head = line.slice(0, open);
    const stamp = close < 0 ? '' : line.slice(open + 11, close);
    const colon = stamp.indexOf(':');
    const time = Number(stamp.slice(0, colon));
    if (close < 0 || colon < 0 || Number.isNaN(time)) {
      done.errors.push(
        importError(
          this.file,
          lineNumber,
          `line ${lineNumber} is an auditd record without a readable "msg=audit(<time>:<serial>):": skipped`,
          {
            path: 'msg',
          },
        ),
      );
      return done;
    }
    const headFields = new Map<string, string>();
    readPairs(head, headFields);
    const type = headFields.get('type') ?? 'UNKNOWN';
    const node = headFields.get('node');
    const fields = new Map<string, string>();
    const body = line.slice(close + 2);
    const enriched = body.indexOf('\x1d');
    readPairs(enriched < 0 ? body : body.slice(0, enriched), fields);
    if (enriched >= 0) readPairs(body.slice(enriched + 1), fields);
    const key = `${node ?? ''}|${stamp}`;
    if (this.pending !== undefined && this.pending.stamp !== key) this.flush(done);
    this.pending ??= {
      stamp: key,
      time,
      line: lineNumber,
      records: [],
      ...(node === undefined ? {} : { node }),
    };
    if (type !== 'EOE') this.pending.records.push({ type, fields });
    else this.flush(done);
    return done;
  }

  /** The event still held, if any: at the end of the file, or before a line of another kind. */
  finish(): { events: EngineEvent[]; errors: Diagnostic[]; lines: number[] } {
    const done = { events: [] as EngineEvent[], errors: [] as Diagnostic[], lines: [] as number[] };
    this.flush(done);
    return done;
  }

  private flush(done: { events: EngineEvent[]; lines: number[] }): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined || pending.records.length === 0) return;
    done.events.push(toEvent(pending));
    done.lines.push(pending.line);
  }
}
