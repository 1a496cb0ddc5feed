// What every CERT activity row has: id, date, user, pc. Each table's module adds the rest.
import type { EngineEvent } from '../../types.ts';
import type { CertRow } from './columns.ts';
import { parseCertDate } from './date.ts';

/** CERT ids look like `{X1D9-S0ES98JV-5357PWMI}`; they are kept exactly, braces included. */
export function baseEvent(row: CertRow, category: string): EngineEvent | Error {
  const id = row.get('id')?.trim() ?? '';
  if (id === '') return new Error('the row has no id');
  const date = row.get('date') ?? '';
  const timestamp = parseCertDate(date);
  if (timestamp === undefined) return new Error(`date "${date}" is not MM/DD/YYYY HH:MM:SS`);
  const user = (row.get('user') ?? '').trim();
  if (user === '') return new Error('the row has no user');
  const event: EngineEvent = {
    '@timestamp': timestamp,
    'event.id': id,
    'event.category': category,
    'event.dataset': 'cert',
  };
  // Some copies prefix the account with the domain (`DTAA/ABC0123`); the directory key is the id.
  const slash = user.lastIndexOf('/');
  event['user.name'] = slash >= 0 ? user.slice(slash + 1) : user;
  if (slash >= 0) event['user.domain'] = user.slice(0, slash);
  const pc = row.get('pc')?.trim();
  if (pc) event['host.name'] = pc;
  return event;
}

/** An r5/r6 `activity` cell → our action, through a table of the release's words. */
export function actionOf(
  text: string | undefined,
  actions: Record<string, string>,
  fallback: string | undefined,
): string | Error {
  if (text === undefined || text.trim() === '') {
    return fallback ?? new Error('the row has no activity');
  }
  const action = actions[text.trim().toLowerCase()];
  if (action === undefined) {
    return new Error(`activity "${text.trim()}" is not one of ${Object.keys(actions).join(', ')}`);
  }
  return action;
}

/** A True/False column (empty: false); anything else is an error naming the column and value. */
export function flagOf(text: string | undefined, column: string): boolean | Error {
  const value = text?.trim() ?? '';
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)?$/i.test(value)) return false;
  return new Error(`${column} is "${value}", not True or False`);
}

/** `a@x.com;b@y.com` → ['a@x.com', 'b@y.com']. */
export function splitList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
