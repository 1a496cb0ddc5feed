// LDAP/YYYY-MM.csv: a monthly snapshot of the organisation. Read in month order they give each
// user's latest role and department, and employment periods: a user who first appears after the
// first month was hired that month; one who vanishes has left (employment.end = the first day of
// the first month they are missing from).
import type { Diagnostic, DirectoryUser } from '../../types.ts';
import { readCertCsv } from './read-csv.ts';
import { importError } from '../diagnostic.ts';
import { columnIndex } from './columns.ts';
import { monthOfLdapFile } from './date.ts';

export interface LdapSnapshot {
  month: string;
  users: Map<string, DirectoryUser>;
  /** The file it was read from, for diagnostics. */
  file?: string;
}

const REQUIRED = ['employee_name', 'user_id', 'role'];
const OPTIONAL: Record<string, string> = {
  email: 'email',
  projects: 'projects',
  business_unit: 'business_unit',
  functional_unit: 'functional_unit',
  department: 'department',
  team: 'team',
};

export function parseLdapMonth(
  file: string,
  text: string,
): { snapshot?: LdapSnapshot; errors: Diagnostic[] } {
  const month = monthOfLdapFile(file);
  if (month === undefined) {
    return {
      errors: [
        importError(file, 1, 'an LDAP file must be named for its month', {
          severity: 'warning',
          suggestion: 'name it YYYY-MM.csv, e.g. LDAP/2010-05.csv',
        }),
      ],
    };
  }
  const users = new Map<string, DirectoryUser>();
  let index: Map<string, number> | undefined;
  const errors: Diagnostic[] = [];
  errors.push(
    ...readCertCsv(text, file, (cells, line) => {
      if (!index) {
        index = columnIndex(cells);
        const missing = REQUIRED.filter((c) => !index!.has(c));
        if (missing.length > 0) {
          errors.push(
            importError(file, line, `the header lacks ${missing.join(', ')}`, {
              suggestion: 'LDAP files start with employee_name,user_id,email,role,…,supervisor',
            }),
          );
        }
        return;
      }
      if (REQUIRED.some((c) => !index!.has(c))) return;
      const cell = (name: string) => {
        const i = index!.get(name);
        return i === undefined ? undefined : cells[i]?.trim();
      };
      const id = cell('user_id');
      if (!id) {
        errors.push(importError(file, line, 'the row has no user_id'));
        return;
      }
      const user: DirectoryUser = {
        name: id,
        full_name: cell('employee_name') ?? id,
        role: cell('role') ?? '',
      };
      for (const [column, field] of Object.entries(OPTIONAL)) {
        const value = cell(column);
        if (value !== undefined && value !== '') user[field] = value;
      }
      const supervisor = cell('supervisor');
      if (supervisor) user.supervisor_name = supervisor;
      users.set(id, user);
    }),
  );
  return { snapshot: { month, users, file }, errors };
}

function firstDayOf(month: string): string {
  return `${month}-01`;
}

/**
 * Merges the monthly snapshots (any order) into one directory with employment periods. A user whose
 * supervisor is not among the users gets no `manager` (a warning into `errors` says who).
 */
export function directoryFromLdap(
  snapshots: readonly LdapSnapshot[],
  errors?: Diagnostic[],
): DirectoryUser[] {
  const ordered = [...snapshots].sort((a, b) => a.month.localeCompare(b.month));
  const first = ordered[0]?.month;
  const latest = new Map<string, DirectoryUser>();
  const firstSeen = new Map<string, string>();
  const lastSeen = new Map<string, number>();
  ordered.forEach((snapshot, i) => {
    for (const [id, user] of snapshot.users) {
      latest.set(id, user);
      if (!firstSeen.has(id)) firstSeen.set(id, snapshot.month);
      lastSeen.set(id, i);
    }
  });
  // CERT names a supervisor by full name; the directory's `manager` is the supervisor's account, as
  // everywhere else (rules and access checks compare it with accounts: an approver, a recipient).
  // A supervisor who is no user has no account: no manager then (`supervisor_name` keeps the name),
  // since a full name there would never equal an account and would read as "someone else".
  const idByName = new Map<string, string>();
  for (const [id, user] of latest) if (typeof user.full_name === 'string') idByName.set(user.full_name, id);
  const directory: DirectoryUser[] = [];
  const unknown = new Map<string, string[]>();
  for (const [id, user] of latest) {
    const entry: DirectoryUser = { ...user };
    const supervisor = typeof entry.supervisor_name === 'string' ? entry.supervisor_name : undefined;
    const account = supervisor === undefined ? undefined : idByName.get(supervisor);
    if (account !== undefined) entry.manager = account;
    else if (supervisor) unknown.set(supervisor, [...(unknown.get(supervisor) ?? []), id]);
    const employment: { start?: string; end?: string | null } = {};
    const hired = firstSeen.get(id);
    if (hired !== undefined && hired !== first) employment.start = firstDayOf(hired);
    const last = lastSeen.get(id) ?? 0;
    const vanished = ordered[last + 1];
    employment.end = vanished ? firstDayOf(vanished.month) : null;
    entry.employment = employment;
    directory.push(entry);
  }
  if (errors && unknown.size > 0) {
    const users = [...unknown.values()].reduce((n, ids) => n + ids.length, 0);
    const named = [...unknown]
      .slice(0, 3)
      .map(([name, ids]) => `"${name}" (of ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`);
    const file = ordered.at(-1)?.file ?? 'LDAP';
    errors.push(
      importError(
        file,
        1,
        `${users} user${users > 1 ? 's have' : ' has'} a supervisor who is not among the LDAP users: ${named.join(', ')}${unknown.size > 3 ? ', …' : ''}; their manager is left out (supervisor_name keeps the name)`,
        { path: 'supervisor', severity: 'warning' },
      ),
    );
  }
  return directory.sort((a, b) => a.name.localeCompare(b.name));
}
