// The engine's shared vocabulary. Every module of src/engine speaks these types; each module keeps
// its own finer types next to its code. Plain data only: everything here survives structuredClone,
// so it crosses a worker boundary unchanged.

/** A field value of a flat event. Lists (several recipients, several groups) stay lists. */
export type FieldValue = string | number | boolean | null;
export type EventValue = FieldValue | readonly FieldValue[];

/** An event: flat, ECS-style dotted field names (`user.name`, `event.category`, `@timestamp`). */
export type EngineEvent = Record<string, EventValue>;

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type ResponseAction = 'audit' | 'warn' | 'block' | 'quarantine';
export type OwnerTeam = 'it' | 'security' | 'both';
export type ThreatCategory = 'leakage' | 'sabotage' | 'fraud' | 'unauthorized-use';

export const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];
export const RESPONSE_ACTIONS: readonly ResponseAction[] = ['audit', 'warn', 'block', 'quarantine'];
export const OWNER_TEAMS: readonly OwnerTeam[] = ['it', 'security', 'both'];
export const THREAT_CATEGORIES: readonly ThreatCategory[] = [
  'leakage',
  'sabotage',
  'fraud',
  'unauthorized-use',
];

/** Where something sits in a policy or data file. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** Path inside the document, e.g. `detection.selection.user.name|contains`. Empty for a whole file. */
  path: string;
}

/** A problem a user can act on: what, where, and (when we can guess) what they meant. */
export interface Diagnostic extends SourceLocation {
  severity: 'error' | 'warning';
  message: string;
  suggestion?: string;
}

export type Result<T> = { ok: true; value: T; warnings: Diagnostic[] } | { ok: false; errors: Diagnostic[] };

/** One source file of a pack: its name as the user knows it, and its text. */
export interface PackFile {
  name: string;
  text: string;
}

export type DocumentKind = 'classifier' | 'rule' | 'correlation' | 'access' | 'test';

/** A YAML document of a pack, parsed, with a way back to the source position of any path in it. */
export interface LoadedDocument {
  file: string;
  /** 0-based index of the document inside its file (`---` separated). */
  index: number;
  kind: DocumentKind;
  data: Record<string, unknown>;
  /** Position of a path inside this document (falls back to the nearest existing parent). */
  locate(path: readonly (string | number)[]): SourceLocation;
}

/** A user of the directory. Joined into events as `user.*` (nested objects flatten to dotted names). */
export interface DirectoryUser {
  name: string;
  full_name?: string;
  email?: string;
  department?: string;
  role?: string;
  manager?: string;
  groups?: string[];
  location?: string;
  employment?: { start?: string; end?: string | null };
  /** Corporate security's facts. Dates are ISO 8601; flags are booleans. */
  hr?: {
    resignation_date?: string;
    termination_date?: string;
    performance_plan?: boolean;
    conflict_report?: boolean;
    financial_stress?: boolean;
    anonymous_complaint?: boolean;
    [fact: string]: unknown;
  };
  [field: string]: unknown;
}

/** An entry of the resource catalogue. Joined into events as `resource.*` through `resource.id`. */
export interface CatalogResource {
  id: string;
  name?: string;
  type?: string;
  path?: string;
  sensitivity?: string;
  owner?: string;
  department?: string;
  [field: string]: unknown;
}

/** A right as IAM actually granted it (the dataset's view; access policies are the pack's view). */
export interface Entitlement {
  user: string;
  resource: string;
  actions: string[];
  /** Why the user has it: `role:<role>`, `group:<group>`, `direct`, … */
  source?: string;
  granted?: string;
}

export interface ScenarioStepTruth {
  step: number;
  title: string;
  /** The step that does the harm (data leaves, backups vanish, money moves). */
  damaging?: boolean;
}

export interface ScenarioTruth {
  id: string;
  title: string;
  category: ThreatCategory;
  steps: ScenarioStepTruth[];
}

export interface DatasetManifest {
  id: string;
  title: string;
  description?: string;
  /** ISO dates of the first and last event. */
  period?: { start: string; end: string };
  generator?: Record<string, unknown>;
}

/** Everything a run needs besides the pack. Ground truth rides on events as `labels.scenario`/`labels.step`. */
export interface DatasetContext {
  manifest: DatasetManifest;
  directory: DirectoryUser[];
  resources: CatalogResource[];
  entitlements: Entitlement[];
  scenarios: ScenarioTruth[];
}

/** A matched content span, always masked before it leaves the engine. */
export interface ContentSpan {
  classifier: string;
  field: string;
  start: number;
  end: number;
  confidence: number;
  level: 'low' | 'medium' | 'high';
  masked: string;
  /** What decided it: pattern, validator, supporting evidence found within the window. */
  decidedBy: {
    pattern?: string;
    keyword?: string;
    validator?: string;
    supporting?: string[];
  };
}

export interface FieldMatch {
  field: string;
  value: EventValue;
  /** The selection item that matched, e.g. `file.name|endswith: .zip`. */
  matcher: string;
}

export interface Explanation {
  /** Selections (and content matchers) that evaluated true, with the fields that decided them. */
  selections?: { name: string; fields: FieldMatch[] }[];
  spans?: ContentSpan[];
  /** Correlations and baselines: a sentence and the numbers behind it. */
  summary?: string;
  values?: Record<string, number | string>;
  [detail: string]: unknown;
}

export type AlertKind = 'rule' | 'correlation' | 'baseline' | 'access';

export interface Alert {
  /** The rule's `id` (its `name` or title only when it has no id). */
  rule: string;
  title: string;
  kind: AlertKind;
  /** `event.id`s of the events that made the alert. */
  events: string[];
  user: string | null;
  timestamp: string;
  severity: Severity;
  action: ResponseAction;
  owner?: OwnerTeam;
  category?: ThreatCategory;
  playbook?: string;
  explanation: Explanation;
}

/**
 * One event matched by one rule: the unit that crosses from the per-shard scan to the merge pass
 * (correlations, baselines, alerts). `event` is the joined event without its `content` text.
 */
export interface RuleMatch {
  rule: string;
  eventId: string;
  /** Epoch milliseconds of `@timestamp`. */
  time: number;
  user: string | null;
  event: EngineEvent;
  explanation: Explanation;
}

/** Ground truth gathered while scanning: what the metrics need and nothing more. */
export interface TruthTally {
  benignEvents: number;
  labelled: { eventId: string; scenario: string; step: number; time: number; user: string | null }[];
}
