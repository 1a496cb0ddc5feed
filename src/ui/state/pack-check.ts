// Live checks for the policy editor: the engine compiles the whole pack (so a rule naming a missing
// classifier is caught) and the editor shows the diagnostics of the file being edited. The classifier
// tester scans pasted text with the pack's own classifiers.
import type { ContentSpan, Diagnostic, PackFile } from '../../engine/types.ts';

export interface PackCheck {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  counts: Record<string, number>;
  classifierIds: string[];
  /** Scans text with the classifiers of the pack as last checked. */
  scan: (text: string) => Promise<ContentSpan[]>;
}

/** Compiles the pack in the engine worker, so typing in the editor never blocks the page. */
export async function checkPack(files: readonly PackFile[]): Promise<PackCheck> {
  const { engineWorker } = await import('./engine-client.ts');
  const remote = engineWorker();
  const result = await remote.check([...files]);
  return { ...result, scan: (text) => remote.scan(text) };
}

/** Sigma value modifiers (spec v2.1) for editor completion after a `|`. */
export const SIGMA_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'cased',
  'exists',
  'neq',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'fieldref',
  'windash',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'expand',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const;

/** The rule vocabulary of docs/data-model.md, so completion works before any data is loaded. */
export const KNOWN_FIELDS = [
  '@timestamp',
  'event.id',
  'event.category',
  'event.action',
  'event.outcome',
  'user.name',
  'host.name',
  'host.managed',
  'source.ip',
  'source.geo.country_iso_code',
  'source.geo.city',
  'destination.domain',
  'destination.ip',
  'destination.port',
  'url.full',
  'network.protocol',
  'file.name',
  'file.path',
  'file.size',
  'file.extension',
  'file.sensitivity',
  'file.previous_name',
  'file.previous_sensitivity',
  'email.to',
  'email.from',
  'email.subject',
  'email.attachments',
  'email.encrypted',
  'device.type',
  'device.id',
  'resource.id',
  'content',
  'erp.vendor_id',
  'erp.amount',
  'erp.currency',
  'erp.object_id',
  'erp.approval_limit',
  'target.user.name',
  'group.name',
  'authentication.method',
  'authentication.shared_account',
  'authentication.password_policy',
  'user.department',
  'user.role',
  'user.manager',
  'user.groups',
  'user.employment.start',
  'user.employment.end',
  'user.hr.resignation_date',
  'user.hr.performance_plan',
  'user.hr.conflict_report',
  'user.hr.financial_stress',
  'user.hr.anonymous_complaint',
  'resource.sensitivity',
  'resource.owner',
  'access.decision',
  'access.reason',
];

/** Converts a 1-based line/column diagnostic to document offsets, clamped to the text. */
export function diagnosticRange(
  text: string,
  d: Pick<Diagnostic, 'line' | 'column'>,
): { from: number; to: number } {
  const lines = text.split('\n');
  const lineIndex = Math.min(Math.max(1, d.line), lines.length) - 1;
  let start = 0;
  for (let i = 0; i < lineIndex; i++) start += (lines[i]?.length ?? 0) + 1;
  const line = lines[lineIndex] ?? '';
  const col = Math.min(Math.max(1, d.column), line.length + 1) - 1;
  const from = start + col;
  // Underline the token at the position (to the end of the word or value), at least one character.
  const rest = line.slice(col);
  const token = /^[^\s:,]+/.exec(rest)?.[0].length ?? 0;
  const to = Math.min(text.length, from + Math.max(1, token || line.length - col));
  return { from: Math.min(from, text.length), to: Math.max(to, Math.min(from, text.length)) };
}

/**
 * Where the `id:` line of the document that defines `id` starts in a pack file (null when no
 * document does): a link to a rule opens the editor there, not at the top of a file of twenty rules.
 */
export function ruleIdOffset(text: string, id: string): number | null {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`^id:[ \\t]*(['"]?)${escaped}\\1[ \\t]*(#.*)?$`, 'm').exec(text);
  return found ? found.index : null;
}
