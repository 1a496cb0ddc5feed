// The five activity logs of a CERT folder, registered in one table: file name → row mapper.
import type { EngineEvent } from '../../types.ts';
import type { CertRow, CertTableKind } from './columns.ts';
import { ACTIONS as DEVICE_ACTIONS, deviceEvent } from './device.ts';
import { ACTIONS as EMAIL_ACTIONS, emailEvent } from './email.ts';
import { ACTIONS as FILE_ACTIONS, fileEvent } from './file.ts';
import { ACTIONS as HTTP_ACTIONS, httpEvent } from './http.ts';
import { ACTIONS as LOGON_ACTIONS, logonEvent } from './logon.ts';

export const ACTIVITY_TABLES: Record<CertTableKind, (row: CertRow) => EngineEvent | Error> = {
  logon: logonEvent,
  device: deviceEvent,
  file: fileEvent,
  email: emailEvent,
  http: httpEvent,
};

/** The words each table's `activity` column holds (lower case), to recognise a headerless file. */
export const ACTIVITY_WORDS: Record<CertTableKind, ReadonlySet<string>> = {
  logon: new Set(Object.keys(LOGON_ACTIONS)),
  device: new Set(Object.keys(DEVICE_ACTIONS)),
  file: new Set(Object.keys(FILE_ACTIONS)),
  email: new Set(Object.keys(EMAIL_ACTIONS)),
  http: new Set(Object.keys(HTTP_ACTIONS)),
};

/** The event category each table's rows get, and back: answer files name the table. */
export const CATEGORY_OF_TABLE: Record<CertTableKind, string> = {
  logon: 'authentication',
  device: 'device',
  file: 'file',
  email: 'email',
  http: 'web',
};

/** `r4.2/logon.csv` → `logon`; anything else → undefined. */
export function activityTableOf(path: string): CertTableKind | undefined {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const kind = base.replace(/\.csv$/, '');
  return base.endsWith('.csv') && kind in ACTIVITY_TABLES ? (kind as CertTableKind) : undefined;
}
