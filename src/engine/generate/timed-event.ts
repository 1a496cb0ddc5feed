import type { EngineEvent } from '../types.ts';

/** An event before it gets its `@timestamp` and `event.id`: epoch milliseconds (whole seconds) + fields. */
export interface TimedEvent {
  time: number;
  event: EngineEvent;
}

/** Fields every event starts with, in the order they appear in events.ndjson. */
export function eventHead(category: string, action: string): EngineEvent {
  return {
    '@timestamp': '',
    'event.id': '',
    'event.category': category,
    'event.action': action,
    'event.outcome': 'success',
  };
}
