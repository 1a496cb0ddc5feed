// Shared accounts, weak-password flags in authentication logs, and impossible travel.
import type { EngineEvent } from '../types.ts';
import { eventId, eventTime, eventUser, isTrue, text, isCategory } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

/** Two logons from different countries closer together than this cannot be the same person travelling. */
export const IMPOSSIBLE_TRAVEL_MS = 2 * 60 * 60 * 1000;

const LOGON_ACTIONS = new Set(['logon', 'vpn-connect', 'logon-failed']);

function collect(map: Map<string, string[]>, key: string, id: string) {
  const list = map.get(key) ?? [];
  if (list.length < MAX_EVIDENCE) list.push(id);
  map.set(key, list);
}

export const weakCredentials: WeakSpotDetector = ({ events, ctx }) => {
  const sharedInDirectory = new Set(
    ctx.directory.filter((user) => user['shared_account'] === true).map((user) => user.name),
  );
  const shared = new Map<string, string[]>();
  const weak = new Map<string, string[]>();
  const lastLogon = new Map<string, { country: string; time: number; event: EngineEvent }>();
  const travel = new Map<string, string[]>();
  const travelSentence = new Map<string, string>();

  for (const event of events) {
    if (!isCategory(event, 'authentication')) continue;
    const user = eventUser(event);
    if (user === null) continue;
    const id = eventId(event);
    if (isTrue(event['authentication.shared_account']) || sharedInDirectory.has(user))
      collect(shared, user, id);
    if (text(event['authentication.password_policy']) === 'weak') collect(weak, user, id);

    const action = text(event['event.action']);
    const country = text(event['source.geo.country_iso_code']);
    if (action === null || !LOGON_ACTIONS.has(action) || country === null) continue;
    const time = eventTime(event);
    const previous = lastLogon.get(user);
    if (previous && previous.country !== country && time - previous.time < IMPOSSIBLE_TRAVEL_MS) {
      collect(travel, user, eventId(previous.event));
      collect(travel, user, id);
      const minutes = Math.round((time - previous.time) / 60000);
      travelSentence.set(user, `${previous.country} and ${country} ${minutes} minutes apart`);
    }
    lastLogon.set(user, { country, time, event });
  }

  const findings: WeakSpotFinding[] = [];
  for (const [user, evidence] of shared) {
    findings.push({
      kind: 'weak_credentials',
      severity: 'high',
      owner: 'both',
      subject: user,
      evidence,
      text: `Account ${user} is shared between people, so no action on it can be attributed; replace it with personal accounts and a vault for the few shared secrets.`,
    });
  }
  for (const [user, evidence] of weak) {
    if (shared.has(user)) continue;
    findings.push({
      kind: 'weak_credentials',
      severity: 'medium',
      owner: 'it',
      subject: user,
      evidence,
      text: `Authentication logs flag ${user}'s password as weak; force a reset and enrol the account in multi-factor authentication.`,
    });
  }
  for (const [user, evidence] of travel) {
    findings.push({
      kind: 'weak_credentials',
      severity: 'high',
      owner: 'both',
      subject: user,
      evidence,
      text: `${user} logged on from ${travelSentence.get(user)}: the credentials are used by someone else; reset them, review the sessions, and ask the user (with Security) who has them.`,
    });
  }
  return findings;
};
