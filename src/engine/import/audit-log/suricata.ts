// Suricata's EVE JSON (`eve.json`, one event per line): `timestamp`, `event_type` (`alert`, `http`,
// `fileinfo`, `smtp`, `flow`, `dns`, `tls`, `stats`…), the flow's `src_ip`/`dest_ip` and ports, and
// one object named after the event type (`http.hostname`, `fileinfo.filename`). The record keeps
// Suricata's names, which SigmaHQ's and Elastic's Suricata rules read, and is given the ECS fields
// our rules read. `flow_id` is not the event's id: every event of one flow shares it. An SMTP event's
// `email.from` and `email.to` already carry our vocabulary's names.
import type { EngineEvent, EventValue } from '../../types.ts';
import { textOf, type AuditLogFormat } from './format.ts';

/** The event types that are one of our categories. */
const CATEGORIES: Readonly<Record<string, string>> = { http: 'web', fileinfo: 'file', smtp: 'email' };

function numberOf(event: EngineEvent, field: string): number | undefined {
  const value = event[field];
  return typeof value === 'number' ? value : undefined;
}

function urlOf(event: EngineEvent): string | undefined {
  const host = textOf(event, 'http.hostname');
  const url = textOf(event, 'http.url');
  if (host === undefined || url === undefined) return undefined;
  if (!url.startsWith('/')) return url;
  const port = numberOf(event, 'http.http_port');
  return `http://${host}${port === undefined || port === 80 ? '' : `:${port}`}${url}`;
}

export const SURICATA_EVE: AuditLogFormat = {
  name: 'Suricata EVE events',
  recognises: (event) =>
    typeof event.timestamp === 'string' &&
    typeof event.event_type === 'string' &&
    // A flow id past 2^53 − 1 is kept as the digits written (text).
    (event.flow_id !== undefined || typeof event.src_ip === 'string' || event.event_type === 'stats'),
  fields: (event) => {
    const type = textOf(event, 'event_type') ?? '';
    const proto = textOf(event, 'proto');
    // An HTTP file's name is the request's path; an SMTP attachment's, its name.
    const fileName = textOf(event, 'fileinfo.filename');
    const fields: Record<string, EventValue | undefined> = {
      '@timestamp': textOf(event, 'timestamp'),
      'event.action': type,
      'event.category': CATEGORIES[type],
      'source.ip': textOf(event, 'src_ip'),
      'source.port': numberOf(event, 'src_port'),
      'destination.ip': textOf(event, 'dest_ip'),
      'destination.port': numberOf(event, 'dest_port'),
      'destination.domain': textOf(event, 'http.hostname') ?? textOf(event, 'tls.sni'),
      'network.transport': proto?.toLowerCase(),
      'network.protocol': textOf(event, 'app_proto'),
      'url.full': urlOf(event),
      'http.request.method': textOf(event, 'http.http_method'),
      'http.response.status_code': numberOf(event, 'http.status'),
      'user_agent.original': textOf(event, 'http.http_user_agent'),
      'file.path': fileName,
      'file.name': fileName?.slice(fileName.lastIndexOf('/') + 1),
      'file.size': numberOf(event, 'fileinfo.size'),
      'file.hash.sha256': textOf(event, 'fileinfo.sha256'),
      'rule.name': textOf(event, 'alert.signature'),
    };
    return fields;
  },
};
