// Zeek's network logs, in either of its formats (JSON lines, or its tab-separated log read by
// `zeek-tsv.ts`): a record keeps Zeek's own names (`id.orig_h`, `resp_bytes`, `mime_type`), which
// SigmaHQ's Zeek rules read, and is given the ECS fields our rules read. The connection logs
// (`conn`, `http`, `dns`, `ssl`…) carry `ts`, `uid` and the `id.*` 4-tuple; `files.log` carries
// `fuid` (and, before Zeek 5, no `uid`). A connection's `uid` is not the event's id: `conn.log`,
// `http.log` and `files.log` share it, and one connection holds many HTTP requests.
import type { EngineEvent, EventValue } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';
import { isIpAddress } from './ip-address.ts';

function hasTime(event: EngineEvent): boolean {
  const ts = event.ts;
  return typeof ts === 'number' || (typeof ts === 'string' && ts !== '');
}

function isConnectionRecord(event: EngineEvent): boolean {
  return typeof event.uid === 'string' && typeof event['id.orig_h'] === 'string';
}

/** `files.log`: the file's own id, and what was seen of it. */
function isFileRecord(event: EngineEvent): boolean {
  return (
    typeof event.fuid === 'string' &&
    (event.mime_type !== undefined || event.seen_bytes !== undefined || event.total_bytes !== undefined)
  );
}

/** `http.log`: a request's method or URI. */
function isHttpRecord(event: EngineEvent): boolean {
  return typeof event.method === 'string' || typeof event.uri === 'string';
}

function numberOf(event: EngineEvent, field: string): number | undefined {
  const value = event[field];
  return typeof value === 'number' ? value : undefined;
}

function urlOf(event: EngineEvent): string | undefined {
  const host = textOf(event, 'host');
  const uri = textOf(event, 'uri');
  if (host === undefined || uri === undefined) return undefined;
  return uri.startsWith('/') ? `http://${host}${uri}` : uri;
}

function category(event: EngineEvent): string | undefined {
  if (isFileRecord(event)) return 'file';
  if (isHttpRecord(event)) return 'web';
  return undefined;
}

export const ZEEK_LOG: AuditLogFormat = {
  name: 'Zeek log records',
  recognises: (event) => hasTime(event) && (isConnectionRecord(event) || isFileRecord(event)),
  fields: (event) => {
    const host = textOf(event, 'host');
    const path = textOf(event, '_path');
    const fields: Record<string, EventValue | undefined> = {
      '@timestamp': event.ts,
      'event.id': isFileRecord(event) ? textOf(event, 'fuid') : undefined,
      'event.category': category(event),
      'event.dataset': path === undefined ? undefined : `zeek.${path}`,
      'source.ip': textOf(event, 'id.orig_h'),
      'source.port': numberOf(event, 'id.orig_p'),
      'destination.ip': textOf(event, 'id.resp_h'),
      'destination.port': numberOf(event, 'id.resp_p'),
      'destination.domain':
        host !== undefined && !isIpAddress(host.replace(/:\d+$/, '')) ? host.replace(/:\d+$/, '') : undefined,
      'network.transport': textOf(event, 'proto'),
      'network.protocol': textOf(event, 'service'),
      'url.full': urlOf(event),
      'http.request.method': textOf(event, 'method'),
      'http.request.body.bytes': numberOf(event, 'request_body_len'),
      'http.response.status_code': numberOf(event, 'status_code'),
      'user.name': textOf(event, 'username'),
      'user_agent.original': textOf(event, 'user_agent'),
      'file.name': textOf(event, 'filename'),
      'file.mime_type': textOf(event, 'mime_type'),
      'file.size': numberOf(event, 'total_bytes') ?? numberOf(event, 'seen_bytes'),
      'file.hash.sha256': textOf(event, 'sha256'),
    };
    return fields;
  },
};
