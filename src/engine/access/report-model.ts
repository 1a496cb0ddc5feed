// The access report: an object whose keys are finding kinds, each a list of findings a reviewer
// can act on — who, which resource, the events that show it, and one sentence saying what to do.

export interface AccessFinding {
  user: string | null;
  resource: string;
  /** `event.id`s of the events that show it (empty when the finding is an absence of use). */
  evidence: string[];
  text: string;
  [detail: string]: unknown;
}

export const FINDING_KINDS = [
  'unused_rights',
  'unused_role_rights',
  'excess_rights',
  'sod_conflicts',
  'sod_toxic_grants',
  'denied_access',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type AccessReport = Record<FindingKind, AccessFinding[]>;
