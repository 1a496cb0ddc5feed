import type { EngineEvent } from '../../types.ts';
import { actionOf, baseEvent, splitList } from './activity-event.ts';
import type { CertRow } from './columns.ts';

export const ACTIONS = { send: 'send', view: 'receive' };

export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at < 0 ? undefined : address.slice(at + 1).toLowerCase();
}

/** r5/r6 attachments: `C:\…\report.doc(23488);C:\…\a.pdf(120)` → names without the size. */
function attachmentNames(text: string): string[] {
  return splitList(text).map((item) => {
    const path = item.replace(/\(\d+\)$/, '');
    return path.split(/[\\/]/).pop() ?? path;
  });
}

/**
 * email.csv: r4.2 rows are sent mail and `attachments` is a count; r5/r6 add `activity`
 * (Send/View) and list the attachments. Recipients are lists; whether they leave the organisation
 * is decided once the organisation's domain is known (see `markExternalRecipients`).
 */
export function emailEvent(row: CertRow): EngineEvent | Error {
  const event = baseEvent(row, 'email');
  if (event instanceof Error) return event;
  const action = actionOf(row.get('activity'), ACTIONS, row.has('activity') ? undefined : 'send');
  if (action instanceof Error) return action;
  event['event.action'] = action;
  const to = splitList(row.get('to'));
  const cc = splitList(row.get('cc'));
  const bcc = splitList(row.get('bcc'));
  if (to.length + cc.length + bcc.length === 0) return new Error('the mail has no recipient');
  event['email.to'] = to;
  // A mass mailing is one mail to many: rules compare the count, not the list.
  event['email.recipient_count'] = to.length + cc.length + bcc.length;
  if (cc.length > 0) event['email.cc'] = cc;
  if (bcc.length > 0) event['email.bcc'] = bcc;
  const from = (row.get('from') ?? '').trim();
  if (from !== '') event['email.from'] = from;
  const size = row.get('size')?.trim();
  if (size) {
    const n = Number(size);
    if (!Number.isFinite(n)) return new Error(`size "${size}" is not a number`);
    event['email.size'] = n;
  }
  const attachments = row.get('attachments')?.trim() ?? '';
  if (/^\d+$/.test(attachments)) {
    event['email.attachment_count'] = Number(attachments);
  } else if (attachments !== '') {
    const names = attachmentNames(attachments);
    event['email.attachments'] = names;
    event['email.attachment_count'] = names.length;
  } else {
    event['email.attachment_count'] = 0;
  }
  const content = row.get('content');
  if (content !== undefined && content !== '') event['content'] = content;
  const domains = [
    ...new Set([...to, ...cc, ...bcc].map(domainOf).filter((d): d is string => d !== undefined)),
  ];
  event['email.recipient_domains'] = domains;
  return event;
}

/**
 * Adds `email.external` (some recipient is outside the organisation), the outside addresses, and
 * `destination.domain` (the first outside domain) — where the data went.
 */
export function markExternalRecipients(event: EngineEvent, organisation: ReadonlySet<string>): void {
  const recipients = ['email.to', 'email.cc', 'email.bcc'].flatMap((field) => {
    const value = event[field];
    return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as string[]) : [];
  });
  const external = recipients.filter((address) => {
    const domain = domainOf(address);
    return domain !== undefined && !organisation.has(domain);
  });
  event['email.external'] = external.length > 0;
  event['email.external_recipients'] = external;
  const first = external[0] ?? recipients[0];
  const domain = first === undefined ? undefined : domainOf(first);
  if (domain !== undefined) event['destination.domain'] = domain;
}

/** Letters only, lower case: `O'Brien-Smith` → `obriensmith`. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Marks `email.to_self` on sent mail whose outside recipients include what looks like the
 * sender's own private address: one the same user has sent mail from (CERT users have non-work
 * addresses they also write from), or one whose local part carries the sender's surname from the
 * directory (four letters or more). Where files go home, no list of webmail providers is needed.
 */
export function markMailToSelf(
  events: readonly EngineEvent[],
  organisation: ReadonlySet<string>,
  surnames: ReadonlyMap<string, string>,
): void {
  const ownAddresses = new Map<string, Set<string>>();
  for (const event of events) {
    if (event['event.category'] !== 'email' || event['event.action'] !== 'send') continue;
    const from = event['email.from'];
    const user = event['user.name'];
    if (typeof from !== 'string' || typeof user !== 'string') continue;
    const domain = domainOf(from);
    if (domain === undefined || organisation.has(domain)) continue;
    const own = ownAddresses.get(user) ?? new Set<string>();
    own.add(from.trim().toLowerCase());
    ownAddresses.set(user, own);
  }
  for (const event of events) {
    if (event['event.category'] !== 'email' || event['event.action'] !== 'send') continue;
    const user = event['user.name'];
    const external = event['email.external_recipients'];
    if (typeof user !== 'string' || !Array.isArray(external) || external.length === 0) continue;
    const own = ownAddresses.get(user);
    const surname = surnames.get(user);
    const toSelf = external.some((address) => {
      if (typeof address !== 'string') return false;
      const lower = address.trim().toLowerCase();
      if (own?.has(lower)) return true;
      const local = letters(lower.slice(0, Math.max(0, lower.lastIndexOf('@'))));
      return surname !== undefined && surname.length >= 4 && local.includes(surname);
    });
    event['email.to_self'] = toSelf;
  }
}

/** The directory's surnames by account: the last word of `full_name`, letters only. */
export function surnamesOf(directory: readonly { name: string; full_name?: unknown }[]): Map<string, string> {
  const surnames = new Map<string, string>();
  for (const user of directory) {
    if (typeof user.full_name !== 'string') continue;
    const words = user.full_name.trim().split(/\s+/);
    const last = letters(words[words.length - 1] ?? '');
    if (last !== '') surnames.set(user.name, last);
  }
  return surnames;
}
