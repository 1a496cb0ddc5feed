// What the weak-spots register takes from a pack: its classifiers (sensitive content on plain
// channels) and its access policies (excess rights and separation-of-duty conflicts).
import { accessReport, compileAccessPolicies, type AccessFinding } from '../engine/access/index.ts';
import { makeJoiner } from '../engine/event/join.ts';
import { loadPack } from '../engine/load/index.ts';
import { compileClassifiers } from '../engine/run/integrations.ts';
import type { ContentSpan, DatasetContext, EngineEvent, Severity } from '../engine/types.ts';
import { formatDiagnostic } from '../engine/validate/diagnostic.ts';
import type { WeakSpotFinding, WeakSpotKind } from '../engine/weakspots/index.ts';
import { MAX_EVIDENCE } from '../engine/weakspots/types.ts';
import { readPackFiles } from './pack-files.ts';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped default pack, found next to this code (not the working directory). */
export const DEFAULT_PACK = relative(
  process.cwd(),
  fileURLToPath(new URL('../../policies/default', import.meta.url)),
);

export interface WeakSpotsPack {
  classify: (text: string, field: string) => ContentSpan[];
  accessFindings: WeakSpotFinding[];
}

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

/** One finding per user for rights granted but unused: a reviewer revokes them in one sitting. */
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

export async function packForWeakSpots(
  path: string,
  events: readonly EngineEvent[],
  ctx: DatasetContext,
): Promise<WeakSpotsPack> {
  const loaded = loadPack(await readPackFiles(path));
  const errors = [...loaded.errors];
  const { classifiers, errors: classifierErrors } = compileClassifiers(
    loaded.documents.filter((doc) => doc.kind === 'classifier'),
  );
  const { access, errors: accessErrors } = compileAccessPolicies(
    loaded.documents.filter((doc) => doc.kind === 'access'),
  );
  errors.push(...classifierErrors, ...accessErrors);
  for (const diagnostic of errors) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);

  const join = makeJoiner(ctx);
  const report = accessReport(access, events.map(join), ctx);
  // Rights nobody used and rights no policy grants are both excess; the SoD findings from the logs
  // are conflicts that happened, those from the grants are conflicts waiting to happen.
  const accessFindings: WeakSpotFinding[] = [
    ...report.excess_rights.map((f) => toWeakSpot('excess_rights', 'high', f)),
    ...unusedPerUser(report.unused_rights),
    ...report.sod_conflicts.map((f) => toWeakSpot('sod_conflict', 'critical', f)),
    ...report.sod_toxic_grants.map((f) => toWeakSpot('sod_conflict', 'medium', f)),
  ];
  return { classify: (text, field) => classifiers.scan(text, field), accessFindings };
}
