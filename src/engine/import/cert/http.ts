import type { EngineEvent } from '../../types.ts';
import { actionOf, baseEvent } from './activity-event.ts';
import type { CertRow } from './columns.ts';

export const ACTIONS = { 'www visit': 'visit', 'www download': 'download', 'www upload': 'upload' };

/** `http://www.dropbox.com/x` → `www.dropbox.com` and `dropbox.com`; no URL parser needed (or trusted). */
function hostOf(url: string): string | undefined {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#:@\s]+)/i.exec(url.trim());
  return match?.[2]?.toLowerCase();
}

/** http.csv: r4.2 rows are visits; r5/r6 name visit, download or upload. */
export function httpEvent(row: CertRow): EngineEvent | Error {
  const event = baseEvent(row, 'web');
  if (event instanceof Error) return event;
  const action = actionOf(row.get('activity'), ACTIONS, row.has('activity') ? undefined : 'visit');
  if (action instanceof Error) return action;
  event['event.action'] = action;
  const url = (row.get('url') ?? '').trim();
  if (url === '') return new Error('the row has no url');
  event['url.full'] = url;
  const host = hostOf(url);
  if (host === undefined) return new Error(`url "${url}" has no host`);
  event['url.domain'] = host;
  // Rules name the site, not the server: `www.wikileaks.org` is `wikileaks.org`.
  event['destination.domain'] = host.replace(/^www\d*\./, '');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  event['network.protocol'] = scheme ?? 'http';
  const content = row.get('content');
  if (content !== undefined && content !== '') event['content'] = content;
  return event;
}
