import { compileTimestampFormat } from '../timestamp-format.ts';

const withSeconds = compileTimestampFormat('MM/DD/YYYY HH:mm:ss')!;
const withoutSeconds = compileTimestampFormat('MM/DD/YYYY HH:mm')!;

/**
 * CERT writes `MM/DD/YYYY HH:MM:SS`, zero-padded in some releases and copies and not in others,
 * with no zone. We read it as UTC so the hour a rule sees is the hour the log shows.
 */
export function parseCertDate(text: string): string | undefined {
  return withSeconds(text) ?? withoutSeconds(text);
}

/** LDAP files are named for their month: `LDAP/2010-05.csv` → `2010-05`. */
export function monthOfLdapFile(name: string): string | undefined {
  const match = /(\d{4})-(\d{1,2})(?:\.csv)?$/i.exec(name);
  if (!match) return undefined;
  return `${match[1]}-${match[2]!.padStart(2, '0')}`;
}
