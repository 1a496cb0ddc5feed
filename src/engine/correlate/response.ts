// The `response:` block correlation, baseline and separation-of-duty documents share with rules:
// what would have been done (action), how bad (severity), who acts (owner), which threat, which
// playbook step. A Sigma `level` is the severity when the block does not name one.
import {
  OWNER_TEAMS,
  RESPONSE_ACTIONS,
  SEVERITIES,
  THREAT_CATEGORIES,
  type Diagnostic,
  type LoadedDocument,
  type OwnerTeam,
  type ResponseAction,
  type Severity,
  type ThreatCategory,
} from '../types.ts';
import { closest, documentError } from './diagnostic.ts';
import type { CorrelationResponse } from './model.ts';

export function compileResponse(
  doc: LoadedDocument,
  block: unknown,
  basePath: readonly (string | number)[],
  level: unknown,
  errors: Diagnostic[],
): CorrelationResponse {
  const response: CorrelationResponse = { severity: 'medium', action: 'audit' };
  if (level !== undefined) {
    const severity = pick(doc, level, SEVERITIES, ['level'], 'level', errors);
    if (severity) response.severity = severity as Severity;
  }
  if (block === undefined || block === null) return response;
  if (typeof block !== 'object' || Array.isArray(block)) {
    errors.push(
      documentError(doc, basePath, '`response` must be a map of action, severity, owner, category, playbook'),
    );
    return response;
  }
  const r = block as Record<string, unknown>;
  const at = (key: string) => [...basePath, key];
  if (r.severity !== undefined) {
    const v = pick(doc, r.severity, SEVERITIES, at('severity'), 'severity', errors);
    if (v) response.severity = v as Severity;
  }
  if (r.action !== undefined) {
    const v = pick(doc, r.action, RESPONSE_ACTIONS, at('action'), 'action', errors);
    if (v) response.action = v as ResponseAction;
  }
  if (r.owner !== undefined) {
    const v = pick(doc, r.owner, OWNER_TEAMS, at('owner'), 'owner', errors);
    if (v) response.owner = v as OwnerTeam;
  }
  if (r.category !== undefined) {
    const v = pick(doc, r.category, THREAT_CATEGORIES, at('category'), 'category', errors);
    if (v) response.category = v as ThreatCategory;
  }
  if (r.playbook !== undefined) {
    if (typeof r.playbook === 'string') response.playbook = r.playbook;
    else errors.push(documentError(doc, at('playbook'), '`playbook` must be text'));
  }
  return response;
}

function pick(
  doc: LoadedDocument,
  value: unknown,
  allowed: readonly string[],
  path: readonly (string | number)[],
  key: string,
  errors: Diagnostic[],
): string | null {
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if (allowed.includes(text)) return text;
  const guess = closest(String(value), allowed);
  errors.push(
    documentError(
      doc,
      path,
      `\`${key}\` must be one of ${allowed.join(', ')} (got "${String(value)}")`,
      guess ? `did you mean "${guess}"?` : undefined,
    ),
  );
  return null;
}
