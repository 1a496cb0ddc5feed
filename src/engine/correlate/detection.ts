// What every correlation and baseline evaluator returns, and how it becomes an Alert (for the
// user) and an Occurrence (for correlations that reference this one).
import type { Alert, EngineEvent, EventValue } from '../types.ts';
import type { CompiledCorrelation, Occurrence } from './model.ts';
import { ownValue, setField } from '../event/join.ts';
import { isoTime } from '../import/event-time.ts';

export interface Detection {
  /** The occurrences that made it, in time order. */
  items: Occurrence[];
  /** Epoch ms at which the correlation would have fired. */
  time: number;
  group: Record<string, EventValue>;
  summary: string;
  values: Record<string, number | string>;
}

export function toAlert(correlation: CompiledCorrelation, detection: Detection): Alert {
  const events = uniqueEventIds(detection.items);
  const alert: Alert = {
    rule: correlation.key,
    title: correlation.title,
    kind: correlation.baseline ? 'baseline' : 'correlation',
    events,
    user: userOf(detection),
    timestamp: isoTime(detection.time) ?? new Date(0).toISOString(),
    severity: correlation.response.severity,
    action: correlation.response.action,
    explanation: {
      summary: detection.summary,
      values: detection.values,
      group: detection.group,
      correlation: { type: correlation.type, rules: correlation.rules, timespan: correlation.timespan },
    },
  };
  if (correlation.response.owner) alert.owner = correlation.response.owner;
  if (correlation.response.category) alert.category = correlation.response.category;
  if (correlation.response.playbook) alert.playbook = correlation.response.playbook;
  return alert;
}

/** An alert seen as one occurrence by an outer correlation: the fields all its events share. */
export function toOccurrence(correlation: CompiledCorrelation, detection: Detection): Occurrence {
  return {
    rule: correlation.key,
    time: detection.time,
    eventIds: uniqueEventIds(detection.items),
    user: userOf(detection),
    fields: { ...sharedFields(detection.items), ...detection.group },
  };
}

export function uniqueEventIds(items: readonly Occurrence[]): string[] {
  const ids = new Set<string>();
  for (const item of items) for (const id of item.eventIds) ids.add(id);
  return [...ids];
}

function userOf(detection: Detection): string | null {
  const grouped = detection.group['user.name'];
  if (typeof grouped === 'string') return grouped;
  let user: string | null = null;
  for (const item of detection.items) {
    if (item.user === null) return null;
    if (user === null) user = item.user;
    else if (user !== item.user) return null;
  }
  return user;
}

function sharedFields(items: readonly Occurrence[]): EngineEvent {
  const first = items[0];
  if (!first) return {};
  const shared: EngineEvent = {};
  for (const [field, value] of Object.entries(first.fields)) {
    const text = JSON.stringify(value);
    if (items.every((item) => JSON.stringify(ownValue(item.fields, field)) === text))
      setField(shared, field, value);
  }
  return shared;
}

export function formatGroup(group: Record<string, EventValue>): string {
  const parts = Object.entries(group).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
  return parts.length > 0 ? parts.join(', ') : 'all events';
}
