// Google Workspace activities, as the Admin SDK Reports API lists them
// (`{"kind": "admin#reports#activities", "items": […]}`; the JSON reader reads `items`), or one per
// line. An activity keeps its own names (`id.applicationName`, `actor.email`, `events.name`,
// `events.type`, each event's parameters as JSON text in `events.parameters`); the ECS fields our
// rules read are added.
import { firstTextOf, textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/** The applications whose activities fit one of our categories; the others (calendar, groups…) none. */
const CATEGORIES: Readonly<Record<string, string>> = { login: 'authentication', drive: 'file' };

/** The login application's event names that say how a sign-in ended. */
const LOGIN_OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = {
  login_success: 'success',
  login_failure: 'failure',
};

export const GOOGLE_WORKSPACE: AuditLogFormat = {
  name: 'Google Workspace activities',
  // Every activity's id is its time, a qualifier and its application, and it lists its events.
  recognises: (event) =>
    typeof event['id.time'] === 'string' &&
    event['id.uniqueQualifier'] !== undefined &&
    typeof event['id.applicationName'] === 'string' &&
    Array.isArray(event['events.name']),
  fields: (event) => {
    const application = textOf(event, 'id.applicationName');
    // One activity may list several events (a Drive edit and its rename): the first names it.
    const action = firstTextOf(event, 'events.name');
    const qualifier = event['id.uniqueQualifier'];
    const address = textOf(event, 'ipAddress');
    return {
      '@timestamp': textOf(event, 'id.time'),
      'event.id': typeof qualifier === 'number' ? String(qualifier) : textOf(event, 'id.uniqueQualifier'),
      'event.action': action,
      'event.category': application === undefined ? undefined : CATEGORIES[application],
      'event.outcome': application === 'login' && action !== undefined ? LOGIN_OUTCOMES[action] : undefined,
      'user.name': textOf(event, 'actor.email'),
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
    };
  },
};
