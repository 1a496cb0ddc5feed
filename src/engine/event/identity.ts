// One account, one name: the directory's spelling. Logs write a user name in any case (`Alice`,
// `ALICE`), and the join finds the directory entry without regard to case, so every report that
// counts per user must do the same: otherwise one person becomes two (a separation-of-duty conflict
// split in halves, an account "not in the directory" beside a "dormant" one, two risk scores).
import type { DatasetContext, DirectoryUser, EngineEvent } from '../types.ts';

/** A user name as written in a log → the directory's spelling of it (as written when not listed). */
export type NameResolver = (name: string) => string;

export function directoryNames(directory: readonly DirectoryUser[]): NameResolver {
  const byLower = new Map<string, string>();
  for (const user of directory) {
    if (typeof user.name !== 'string') continue;
    const lower = user.name.toLowerCase();
    // (A bundle listing a name twice, case aside, keeps its first entry when it is read.)
    if (!byLower.has(lower)) byLower.set(lower, user.name);
  }
  if (byLower.size === 0) return (name) => name;
  return (name) => byLower.get(name.toLowerCase()) ?? name;
}

/** The event with `user.name` in the directory's spelling: itself when it already is (most are). */
export function withDirectoryName(event: EngineEvent, names: NameResolver): EngineEvent {
  const name = event['user.name'];
  if (typeof name !== 'string') return event;
  const listed = names(name);
  return listed === name ? event : { ...event, 'user.name': listed };
}

/** The context with each grant's user in the directory's spelling (IAM exports spell names their way). */
export function withDirectoryGrants<T extends Pick<DatasetContext, 'entitlements'>>(
  ctx: T,
  names: NameResolver,
): T {
  let changed = false;
  const entitlements = ctx.entitlements.map((grant) => {
    const user = names(grant.user);
    if (user === grant.user) return grant;
    changed = true;
    return { ...grant, user };
  });
  return changed ? { ...ctx, entitlements } : ctx;
}
