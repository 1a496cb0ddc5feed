// Okta System Log events: the JSON list `/api/v1/logs` returns, or one event per line (a log
// stream). The event keeps Okta's own names (`eventType`, `displayMessage`, `actor.alternateId`,
// `outcome.reason`, `target.alternateId`); the ECS fields our rules read are added.
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/**
 * `outcome.result` words: a sign-in or call that worked (`SUCCESS`, a policy's `ALLOW`) or did not
 * (`FAILURE`, `DENY`); `SKIPPED`, `CHALLENGE` and `UNKNOWN` say no outcome.
 */
const OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = {
  SUCCESS: 'success',
  ALLOW: 'success',
  FAILURE: 'failure',
  DENY: 'failure',
};

/**
 * Okta's event types (`user.session.start`, `group.user_membership.add`) name their object first:
 * sessions and authentications are `authentication`; users' lifecycle, factors, accounts and
 * memberships are `iam`. Apps, policies and zones fit no category of ours.
 */
const CATEGORIES: readonly (readonly [prefix: string, category: string])[] = [
  ['user.session.', 'authentication'],
  ['user.authentication.', 'authentication'],
  ['user.lifecycle.', 'iam'],
  ['user.mfa.', 'iam'],
  ['user.account.', 'iam'],
  ['group.user_membership.', 'iam'],
  ['application.user_membership.', 'iam'],
];

export const OKTA_SYSTEM_LOG: AuditLogFormat = {
  name: 'Okta System Log events',
  // Every event has its publication time, its id and its type; `published` and `uuid` are Okta's words.
  recognises: (event) =>
    typeof event.published === 'string' &&
    typeof event.uuid === 'string' &&
    typeof event.eventType === 'string' &&
    event['actor.id'] !== undefined,
  fields: (event) => {
    const eventType = textOf(event, 'eventType');
    const result = textOf(event, 'outcome.result');
    const address = textOf(event, 'client.ipAddress');
    const agent = textOf(event, 'client.userAgent.rawUserAgent');
    return {
      '@timestamp': textOf(event, 'published'),
      'event.id': textOf(event, 'uuid'),
      'event.action': eventType,
      'event.category': CATEGORIES.find(([prefix]) => eventType?.startsWith(prefix))?.[1],
      'event.outcome': result === undefined ? undefined : OUTCOMES[result],
      // The login of a person; an API token or Okta itself (`system@okta.com`) is no user.
      'user.name': event['actor.type'] === 'User' ? textOf(event, 'actor.alternateId') : undefined,
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
      'source.geo.city': textOf(event, 'client.geographicalContext.city'),
      'user_agent.original': agent === 'UNKNOWN' ? undefined : agent,
    };
  },
};
