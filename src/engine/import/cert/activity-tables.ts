// The five activity logs of a CERT folder, registered in one table: file name → row mapper.
import type { EngineEvent } from '../../types.ts';
import type { CertRow, CertTableKind } from './columns.ts';
import { deviceEvent } from './device.ts';
import { emailEvent } from './email.ts';
import { fileEvent } from './file.ts';
import { httpEvent } from './http.ts';
import { logonEvent } from './logon.ts';

export const ACTIVITY_TABLES: Record<CertTableKind, (row: CertRow) => EngineEvent | Error> = {
  logon: logonEvent,
  device: deviceEvent,
  file: fileEvent,
  email: emailEvent,
  http: httpEvent,
};

/** `r4.2/logon.csv` → `logon`; anything else → undefined. */
export function activityTableOf(path: string): CertTableKind | undefined {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const kind = base.replace(/\.csv$/, '');
  return base.endsWith('.csv') && kind in ACTIVITY_TABLES ? (kind as CertTableKind) : undefined;
}
