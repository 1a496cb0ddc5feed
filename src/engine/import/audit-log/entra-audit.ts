// Microsoft Entra ID audit logs (directory audits; see `entra-export.ts` for the two shapes). The
// record keeps its own names (`activityDisplayName`, `loggedByService`, `initiatedBy.user.…`,
// `targetResources.…`); the ECS fields our rules read are added.
import type { EngineEvent } from '../../types.ts';
import { ENTRA_PLACES } from './entra-export.ts';
import { firstTextOf, textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/** The prefix under which `event` holds a directory audit record, if it holds one. */
function auditPlace(event: EngineEvent): string | undefined {
  return ENTRA_PLACES.find(
    (at) =>
      typeof event[`${at}activityDateTime`] === 'string' &&
      typeof event[`${at}activityDisplayName`] === 'string' &&
      typeof event[`${at}loggedByService`] === 'string',
  );
}

/** `result` words; `timeout` and `unknownFutureValue` say no outcome. */
const OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = { success: 'success', failure: 'failure' };

/** The audit categories that change who may do what; the others (Policy, Device…) fit none of ours. */
const IAM_CATEGORIES = new Set(['UserManagement', 'GroupManagement', 'RoleManagement']);

export const ENTRA_AUDIT: AuditLogFormat = {
  name: 'Microsoft Entra ID audit records',
  recognises: (event) => auditPlace(event) !== undefined,
  fields: (event) => {
    const at = auditPlace(event) ?? '';
    const result = textOf(event, `${at}result`);
    const category = textOf(event, `${at}category`);
    const address = textOf(event, `${at}initiatedBy.user.ipAddress`) ?? textOf(event, 'callerIpAddress');
    return {
      '@timestamp': textOf(event, `${at}activityDateTime`) ?? textOf(event, 'time'),
      'event.id': textOf(event, `${at}id`),
      'event.action': textOf(event, `${at}activityDisplayName`),
      'event.category': category !== undefined && IAM_CATEGORIES.has(category) ? 'iam' : undefined,
      'event.outcome': result === undefined ? undefined : OUTCOMES[result],
      // A change made by an app (`initiatedBy.app`) has no user.
      'user.name': textOf(event, `${at}initiatedBy.user.userPrincipalName`),
      // The first target that is a user (`targetResources` is a list; its fields come as lists).
      'target.user.name': firstTextOf(event, `${at}targetResources.userPrincipalName`),
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
    };
  },
};
