import type { ContentSpan, DatasetContext, EngineEvent, OwnerTeam, Severity } from '../types.ts';

/** The kinds of the joint IT + security risk review, named as the command line prints them. */
export type WeakSpotKind =
  | 'excess_rights'
  | 'sod_conflict'
  | 'unencrypted_channel'
  | 'weak_credentials'
  | 'dormant_account'
  | 'departing_user_access'
  | 'hr_red_flag_behaviour_change';

export interface WeakSpotFinding {
  kind: WeakSpotKind;
  severity: Severity;
  owner: OwnerTeam;
  /** The user, account, resource or destination the finding is about. */
  subject: string;
  /** `event.id`s a reviewer can open. */
  evidence: string[];
  /** One sentence a reviewer can act on. */
  text: string;
}

/** What every detector sees: the dataset's events in time order and its directory and catalogue. */
export interface WeakSpotInput {
  events: readonly EngineEvent[];
  ctx: DatasetContext;
  /** The pack's classifiers, when a pack was given: finds sensitive content on plain channels. */
  classify?: (text: string, field: string) => ContentSpan[];
}

export type WeakSpotDetector = (input: WeakSpotInput) => WeakSpotFinding[];

/** Evidence lists stay short enough to read; the count is in the sentence. */
export const MAX_EVIDENCE = 20;
