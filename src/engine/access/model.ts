// The compiled form of `access` documents: entitlements (who may do what on which resources,
// under which conditions) and separation-of-duty pairs. Plain data plus condition predicates.
import type { EngineEvent } from '../types.ts';
import type { CorrelationResponse } from '../correlate/model.ts';

/** A condition an entitlement puts on an access (working hours, managed device, network, …). */
export interface AccessCondition {
  kind: string;
  /** "on mon/…/fri from 07:00 to before 19:00 UTC": how a reason names the requirement. */
  requirement: string;
  /** null when the event meets it, else what about the event broke it ("at 23:14 UTC on Sat"). */
  violation(event: EngineEvent): string | null;
  /** Every field `violation` reads (the column prefilter decides access from these alone). */
  reads: readonly string[];
}

export interface ResourceSelector {
  /** Globs over `resource.id` (a pattern without `*` is an exact id). */
  ids: string[];
  /** Globs over `resource.path` (or `file.path`). */
  paths: string[];
  /** Sensitivity labels (`resource.sensitivity` or `file.sensitivity`), compared case-insensitively. */
  labels: string[];
}

export interface CompiledEntitlement {
  id: string;
  policy: string;
  file: string;
  roles: string[];
  groups: string[];
  users: string[];
  departments: string[];
  actions: string[];
  resources: ResourceSelector;
  conditions: AccessCondition[];
}

export interface SeparationOfDuty {
  id: string;
  title: string;
  policy: string;
  /** The two (or more) actions one person must not all do on the same object. */
  actions: string[];
  /** The field naming the object (`erp.vendor_id`, `erp.object_id`). */
  object: string;
  /** Events not held against anyone: field → values (e.g. `erp.approver: auto`, a system approval). */
  exclude: Record<string, string[]>;
  response: CorrelationResponse;
}

export interface CompiledAccess {
  entitlements: CompiledEntitlement[];
  separationOfDuties: SeparationOfDuty[];
  /** Entitlements covering each resource seen so far (a dataset touches few distinct resources). */
  cache: Map<string, CompiledEntitlement[]>;
}
