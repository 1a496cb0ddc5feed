// Plain HTTP/FTP/SMTP/Telnet in the logs, and unencrypted mail that carries sensitive content.
import type { Severity } from '../types.ts';
import { eventId, eventUser, text, isCategory } from './event-fields.ts';
import { MAX_EVIDENCE, type WeakSpotDetector, type WeakSpotFinding } from './types.ts';

const PLAIN_PROTOCOLS = new Set(['http', 'ftp', 'smtp', 'telnet', 'pop3', 'imap']);

interface Channel {
  protocol: string;
  destination: string;
  users: Set<string>;
  evidence: string[];
  count: number;
  sensitive: number;
}

export const unencryptedChannel: WeakSpotDetector = ({ events, classify }) => {
  const channels = new Map<string, Channel>();
  for (const event of events) {
    const protocol = text(event['network.protocol'])?.toLowerCase() ?? null;
    const unencryptedMail = isCategory(event, 'email') && event['email.encrypted'] === false;
    if (!(protocol !== null && PLAIN_PROTOCOLS.has(protocol)) && !unencryptedMail) continue;
    const content = text(event['content']);
    const sensitive =
      (classify !== undefined && content !== null && classify(content, 'content').length > 0) ||
      ['confidential', 'restricted'].includes(text(event['file.sensitivity']) ?? '');
    // Unencrypted mail only matters here when it carries something worth protecting.
    if (unencryptedMail && !(protocol !== null && PLAIN_PROTOCOLS.has(protocol)) && !sensitive) continue;
    const label = protocol !== null && PLAIN_PROTOCOLS.has(protocol) ? protocol : 'unencrypted email';
    const destination =
      text(event['destination.domain']) ??
      text(event['destination.ip']) ??
      text(event['email.to']) ??
      'unknown';
    const key = `${label}\u0000${destination}`;
    let channel = channels.get(key);
    if (!channel) {
      channel = { protocol: label, destination, users: new Set(), evidence: [], count: 0, sensitive: 0 };
      channels.set(key, channel);
    }
    channel.count += 1;
    if (sensitive) channel.sensitive += 1;
    const user = eventUser(event);
    if (user) channel.users.add(user);
    // Sensitive events go first in the evidence: they are what a reviewer must see.
    if (sensitive) channel.evidence.unshift(eventId(event));
    else if (channel.evidence.length < MAX_EVIDENCE) channel.evidence.push(eventId(event));
  }
  const findings: WeakSpotFinding[] = [];
  for (const channel of consolidate([...channels.values()])) {
    const severity: Severity =
      channel.sensitive > 0 ? 'high' : channel.protocol === 'http' ? 'low' : 'medium';
    const users = [...channel.users].sort();
    const who = users.length <= 3 ? users.join(', ') : `${users.length} users`;
    const what =
      channel.sensitive > 0
        ? `${channel.sensitive} of ${channel.count} transfers carried sensitive content`
        : `${channel.count} transfers`;
    findings.push({
      kind: 'unencrypted_channel',
      severity,
      owner: channel.sensitive > 0 ? 'both' : 'it',
      subject: `${channel.protocol}://${channel.destination}`,
      evidence: channel.evidence.slice(0, MAX_EVIDENCE),
      text: `${channel.protocol.toUpperCase()} to ${channel.destination} is unencrypted (${what}, by ${who}); require TLS or block the channel and tell the users what to use instead.`,
    });
  }
  return findings;
};

/**
 * Channels that carried sensitive content stay one finding per destination (each needs its own
 * follow-up); plain channels without it become one finding per protocol, so the register stays
 * readable on a network with hundreds of plain-SMTP partners.
 */
function consolidate(channels: Channel[]): Channel[] {
  const kept: Channel[] = [];
  const byProtocol = new Map<string, Channel[]>();
  for (const channel of channels) {
    if (channel.sensitive > 0) kept.push(channel);
    else byProtocol.set(channel.protocol, [...(byProtocol.get(channel.protocol) ?? []), channel]);
  }
  for (const [protocol, group] of byProtocol) {
    const first = group[0];
    if (group.length === 1 && first) {
      kept.push(first);
      continue;
    }
    const busiest = [...group].sort((a, b) => b.count - a.count);
    const names = busiest.slice(0, 3).map((c) => c.destination);
    const more = group.length > 3 ? ` and ${group.length - 3} more` : '';
    kept.push({
      protocol,
      destination: `${group.length} destinations (${names.join(', ')}${more})`,
      users: new Set(group.flatMap((c) => [...c.users])),
      evidence: busiest.flatMap((c) => c.evidence.slice(0, 2)).slice(0, MAX_EVIDENCE),
      count: group.reduce((sum, c) => sum + c.count, 0),
      sensitive: 0,
    });
  }
  return kept.sort((a, b) => b.sensitive - a.sensitive || b.count - a.count);
}
