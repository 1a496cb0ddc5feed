// The weak-spots register: the joint IT + security risk review of a dataset. One detector per
// finding kind, registered here; access findings (excess rights, separation of duties) come from
// the access engine and are passed in already computed.
import { directoryNames, withDirectoryGrants, withDirectoryName } from '../event/identity.ts';
import { SEVERITIES } from '../types.ts';
import { departingUserAccess } from './departing-user-access.ts';
import { dormantAccount } from './dormant-account.ts';
import { hrRedFlagBehaviourChange } from './hr-red-flag-behaviour-change.ts';
import type { WeakSpotDetector, WeakSpotFinding, WeakSpotInput, WeakSpotKind } from './types.ts';
import { unencryptedChannel } from './unencrypted-channel.ts';
import { weakCredentials } from './weak-credentials.ts';

export type { WeakSpotFinding, WeakSpotInput, WeakSpotKind } from './types.ts';

export const WEAK_SPOT_DETECTORS: Partial<Record<WeakSpotKind, WeakSpotDetector>> = {
  unencrypted_channel: unencryptedChannel,
  weak_credentials: weakCredentials,
  dormant_account: dormantAccount,
  departing_user_access: departingUserAccess,
  hr_red_flag_behaviour_change: hrRedFlagBehaviourChange,
};

/** Most severe first, then by kind and subject, so two runs over the same data print the same list. */
export function compareFindings(a: WeakSpotFinding, b: WeakSpotFinding): number {
  return (
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    a.kind.localeCompare(b.kind) ||
    a.subject.localeCompare(b.subject)
  );
}

export function findWeakSpots(
  input: WeakSpotInput,
  accessFindings: WeakSpotFinding[] = [],
): WeakSpotFinding[] {
  const findings = [...accessFindings];
  // Every detector counts a user under the directory's spelling of the name, as the join finds it.
  const names = directoryNames(input.ctx.directory);
  const named = {
    ...input,
    ctx: withDirectoryGrants(input.ctx, names),
    events: input.events.map((event) => withDirectoryName(event, names)),
  };
  for (const detect of Object.values(WEAK_SPOT_DETECTORS))
    for (const finding of detect(named)) findings.push(finding);
  return findings.sort(compareFindings);
}

const CSV_COLUMNS = ['kind', 'severity', 'owner', 'subject', 'evidence', 'text'] as const;

function csvCell(value: string): string {
  // Cells that a spreadsheet would run as a formula are prefixed, as OWASP advises for CSV export.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function weakSpotsToCsv(findings: readonly WeakSpotFinding[]): string {
  const rows = findings.map((finding) =>
    CSV_COLUMNS.map((column) =>
      csvCell(column === 'evidence' ? finding.evidence.join(' ') : String(finding[column])),
    ).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
