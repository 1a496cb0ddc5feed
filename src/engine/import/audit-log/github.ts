// GitHub audit log entries: an organisation's or enterprise's JSON or NDJSON export, or the REST
// API's list. An entry keeps its own names (`action`, `actor`, `org`, `repo`, `business`,
// `transport_protocol_name`); its `@timestamp` is epoch milliseconds, which the time reader writes
// as ISO. The ECS fields our rules read are added.
import type { EngineEvent } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

/** Membership changes (who may read what); the other actions that change access are settings. */
const IAM_ACTIONS = new Set([
  'org.add_member',
  'org.remove_member',
  'org.update_member',
  'team.add_member',
  'team.remove_member',
  'business.add_admin',
]);

/** Git transfers (`git.clone`, `git.fetch`, `git.push`) and a repository's zip are `file`. */
function category(action: string | undefined): string | undefined {
  if (action === undefined) return undefined;
  if (action.startsWith('git.') || action === 'repo.download_zip') return 'file';
  return IAM_ACTIONS.has(action) ? 'iam' : undefined;
}

export const GITHUB_AUDIT: AuditLogFormat = {
  name: 'GitHub audit log entries',
  // `_document_id` is the export's own; `action` is GitHub's dotted `<area>.<verb>`.
  recognises: (event) =>
    typeof event._document_id === 'string' &&
    typeof event.action === 'string' &&
    event.action.includes('.') &&
    (event.org !== undefined || event.business !== undefined || event.repo !== undefined),
  fields: (event: EngineEvent) => {
    const action = textOf(event, 'action');
    const address = textOf(event, 'actor_ip');
    const created = event.created_at;
    return {
      // The REST API writes `created_at` too (the same epoch milliseconds) where an export has `@timestamp`.
      '@timestamp': typeof created === 'number' || typeof created === 'string' ? created : undefined,
      'event.id': textOf(event, '_document_id'),
      'event.action': action,
      'event.category': category(action),
      'user.name': textOf(event, 'actor'),
      'source.ip': address !== undefined && isIpAddress(address) ? address : undefined,
      'source.geo.country_iso_code': textOf(event, 'actor_location.country_code'),
      'user_agent.original': textOf(event, 'user_agent'),
    };
  },
};
