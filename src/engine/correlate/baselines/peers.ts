// Peer groups: the directory's users that share a department, role or any other directory fact.
// Users of the directory with no activity are peers with zero activity; users seen only in events
// take their peer value from the joined `user.<peer>` field.
import type { DatasetContext } from '../../types.ts';
import type { Occurrence } from '../model.ts';
import { directoryFact } from './history.ts';

export interface PeerIndex {
  peerOf(user: string): string | null;
  /** Every known user with this peer value. */
  members(peer: string): readonly string[];
  everyone(): readonly string[];
}

export function peerIndex(ctx: DatasetContext, occurrences: readonly Occurrence[], peer: string): PeerIndex {
  const byUser = new Map<string, string | null>();
  for (const user of ctx.directory) {
    const value = directoryFact(user, peer);
    byUser.set(user.name, value === undefined || value === null ? null : String(value));
  }
  for (const o of occurrences) {
    if (o.user === null || byUser.get(o.user)) continue;
    const value = o.fields[`user.${peer}`];
    byUser.set(
      o.user,
      typeof value === 'string' || typeof value === 'number' ? String(value) : (byUser.get(o.user) ?? null),
    );
  }
  const members = new Map<string, string[]>();
  for (const [user, value] of byUser) {
    if (value === null) continue;
    const list = members.get(value) ?? [];
    list.push(user);
    members.set(value, list);
  }
  const everyone = [...byUser.keys()].sort();
  return {
    peerOf: (user) => byUser.get(user) ?? null,
    members: (value) => members.get(value) ?? [],
    everyone: () => everyone,
  };
}
