import type { ContentSpan, EngineEvent } from '../types.ts';

/**
 * What a compiled rule sees of one event: the joined event, and the classifier spans of a content
 * field — scanned lazily, once per field per event, for all classifiers the candidate rules need.
 */
export interface MatchContext {
  event: EngineEvent;
  spans(field: string): readonly ContentSpan[];
}
