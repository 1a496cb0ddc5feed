// Microsoft Entra ID sign-in logs (see `entra-export.ts` for the two shapes). The record keeps its
// own names (`appDisplayName`, `clientAppUsed`, `status.failureReason`, `conditionalAccessStatus`);
// the ECS fields our rules read are added.
import type { EngineEvent } from '../../types.ts';
import { ENTRA_PLACES } from './entra-export.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/** The prefix under which `event` holds a sign-in record, if it holds one. */
function signInPlace(event: EngineEvent): string | undefined {
  return ENTRA_PLACES.find(
    (at) =>
      typeof event[`${at}createdDateTime`] === 'string' &&
      typeof event[`${at}userPrincipalName`] === 'string' &&
      event[`${at}status.errorCode`] !== undefined,
  );
}

/** `status.errorCode` 0 is a sign-in that worked; any other code (50126: bad password) one that failed. */
function outcome(code: unknown): 'success' | 'failure' | undefined {
  if (typeof code !== 'number' && typeof code !== 'string') return undefined;
  if (code === '') return undefined;
  return Number(code) === 0 ? 'success' : 'failure';
}

export const ENTRA_SIGN_IN: AuditLogFormat = {
  name: 'Microsoft Entra ID sign-in records',
  recognises: (event) => signInPlace(event) !== undefined,
  fields: (event) => {
    const at = signInPlace(event) ?? '';
    const address = textOf(event, `${at}ipAddress`) ?? textOf(event, 'callerIpAddress');
    return {
      '@timestamp': textOf(event, `${at}createdDateTime`) ?? textOf(event, 'time'),
      'event.id': textOf(event, `${at}id`),
      // A sign-in record names no action; the diagnostic export's name for every one of them.
      'event.action': textOf(event, 'operationName') ?? 'Sign-in activity',
      'event.category': 'authentication',
      'event.outcome': outcome(event[`${at}status.errorCode`]),
      'user.name': textOf(event, `${at}userPrincipalName`),
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
      'source.geo.city': textOf(event, `${at}location.city`),
      'source.geo.country_iso_code': textOf(event, `${at}location.countryOrRegion`),
      'user_agent.original': textOf(event, `${at}userAgent`),
    };
  },
};
