// The register with a pack: its classifiers find sensitive content on plain channels, its access
// policies give excess rights and separation-of-duty conflicts. One function for the command line
// and the app, so both print the same findings for the same dataset and pack.
import { accessReport, compileAccessPolicies, type AccessFinding } from '../access/index.ts';
import { makeJoiner } from '../event/join.ts';
import { loadPack } from '../load/index.ts';
import { compileClassifiers } from '../run/integrations.ts';
import type { DatasetContext, Diagnostic, EngineEvent, PackFile, Severity } from '../types.ts';
import { findWeakSpots } from './index.ts';
import { MAX_EVIDENCE, type WeakSpotFinding, type WeakSpotKind } from './types.ts';

function subjectOf(finding: AccessFinding): string {
  return finding.user ? `${finding.user} → ${finding.resource}` : finding.resource;
}

function toWeakSpot(kind: WeakSpotKind, severity: Severity, finding: AccessFinding): WeakSpotFinding {
  return {
    kind,
    severity,
    owner: 'both',
    subject: subjectOf(finding),
    evidence: finding.evidence.slice(0, MAX_EVIDENCE),
    text: finding.text,
  };
}

function unusedPerUser(findings: readonly AccessFinding[]): WeakSpotFinding[] {
  const byUser = new Map<string, AccessFinding[]>();
  for (const finding of findings) {
    const user = finding.user ?? '(no user)';
    byUser.set(user, [...(byUser.get(user) ?? []), finding]);
  }
  return [...byUser].map(([user, list]) => {
    const resources = [...new Set(list.map((f) => f.resource))].sort();
    const first = list[0];
    if (list.length === 1 && first) return toWeakSpot('excess_rights', 'medium', first);
    return {
      kind: 'excess_rights',
      severity: resources.length >= 5 ? 'high' : 'medium',
      owner: 'both',
      subject: user,
      evidence: [],
      text: `${user} holds ${list.length} rights unused in this period (${resources.join(', ')}); remove them or record why they are needed. ${list
        .slice(0, 3)
        .map((f) => f.text)
        .join(' ')}`,
    };
  });
}

/** Without a pack, only the detectors that need none run. */
export function weakSpotsWithPack(
  events: readonly EngineEvent[],
  ctx: DatasetContext,
  packFiles: readonly PackFile[] | null,
): { findings: WeakSpotFinding[]; errors: Diagnostic[] } {
  if (!packFiles) return { findings: findWeakSpots({ events, ctx }), errors: [] };
  const loaded = loadPack([...packFiles]);
  const errors = [...loaded.errors];
  const { classifiers, errors: classifierErrors } = compileClassifiers(
    loaded.documents.filter((doc) => doc.kind === 'classifier'),
  );
  const { access, errors: accessErrors } = compileAccessPolicies(
    loaded.documents.filter((doc) => doc.kind === 'access'),
  );
  errors.push(...classifierErrors, ...accessErrors);
  const join = makeJoiner(ctx);
  const report = accessReport(access, events.map(join), ctx);
  const accessFindings: WeakSpotFinding[] = [
    ...report.excess_rights.map((f) => toWeakSpot('excess_rights', 'high', f)),
    ...unusedPerUser(report.unused_rights),
    ...report.sod_conflicts.map((f) => toWeakSpot('sod_conflict', 'critical', f)),
    ...report.sod_toxic_grants.map((f) => toWeakSpot('sod_conflict', 'medium', f)),
  ];
  const findings = findWeakSpots(
    { events, ctx, classify: (text, field) => classifiers.scan(text, field) },
    accessFindings,
  );
  return { findings, errors };
}
