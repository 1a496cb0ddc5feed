// Access policies: entitlements (least privilege) and separation of duties. Per event, the
// decision the policy would have made (`access.decision`, `access.reason`); per dataset, the
// least-privilege and separation-of-duty report.
import type { DatasetContext, Diagnostic, EngineEvent, LoadedDocument } from '../types.ts';
import { compileAccessDocument } from './compile.ts';
import { decide } from './decide.ts';
import type { CompiledAccess } from './model.ts';
import { buildAccessReport } from './report.ts';
import type { AccessReport } from './report-model.ts';

export type { CompiledAccess, CompiledEntitlement, SeparationOfDuty } from './model.ts';
export type { AccessFinding, AccessReport, FindingKind } from './report-model.ts';
export { FINDING_KINDS } from './report-model.ts';

export function compileAccessPolicies(docs: LoadedDocument[]): {
  access: CompiledAccess;
  errors: Diagnostic[];
} {
  const access: CompiledAccess = { entitlements: [], separationOfDuties: [], cache: new Map() };
  const errors: Diagnostic[] = [];
  for (const doc of docs) if (doc.kind === 'access') compileAccessDocument(doc, access, errors);
  return { access, errors };
}

/** null when the event touches no resource, or no access policy covers that resource. */
export { decisionFields } from './decide.ts';

export function decideAccess(
  a: CompiledAccess,
  event: EngineEvent,
): { decision: 'allow' | 'deny'; reason: string } | null {
  const result = decide(a, event);
  return result === null ? null : { decision: result.decision, reason: result.reason };
}

export function accessReport(
  a: CompiledAccess,
  events: Iterable<EngineEvent>,
  ctx: DatasetContext,
): AccessReport {
  return buildAccessReport(a, events, ctx);
}
