import type { EngineEvent, EventValue } from '../types.ts';
import { timeValue } from '../import/event-time.ts';

export function text(value: EventValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : null;
  return String(value);
}

export function eventId(event: EngineEvent): string {
  return text(event['event.id']) ?? '';
}

export function eventUser(event: EngineEvent): string | null {
  return text(event['user.name']);
}

/** The event is of `category`: its `event.category` is it, or a list holding it (as ECS writes). */
export function isCategory(event: EngineEvent, category: string): boolean {
  const value = event['event.category'];
  return value === category || (Array.isArray(value) && value.includes(category));
}

export function eventTime(event: EngineEvent): number {
  const stamp = text(event['@timestamp']);
  return stamp === null ? Number.NaN : timeValue(stamp);
}

export function isTrue(value: EventValue | undefined): boolean {
  return value === true || value === 'true';
}

/** Calendar day (UTC) of a time, the unit of behavioural baselines. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
