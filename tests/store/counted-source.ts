// Test support: one segment's events as a pool worker gives them to the shard (`segmentEvents`,
// columns included), telling `onMade` of every event the shard makes, so a test sees which events
// the column prefilter passed over.
import type { EventSource } from '../../src/engine/run/evaluate-shard.ts';
import type { EngineEvent } from '../../src/engine/types.ts';
import type { EncodedSegment } from '../../src/store/segment-codec.ts';
import { segmentEvents } from '../../src/store/segment-events.ts';

export function countedSource(
  segment: EncodedSegment,
  onMade: (event: EngineEvent | undefined) => void,
): EventSource {
  const decoded = segmentEvents([segment]);
  return {
    length: decoded.length,
    fields: decoded.fields,
    definedValues: decoded.definedValues,
    column: decoded.column!,
    at: (index) => {
      const event = decoded.at(index);
      onMade(event);
      return event;
    },
  };
}
