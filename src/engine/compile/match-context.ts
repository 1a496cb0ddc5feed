import type { ContentSpan, EngineEvent } from '../types.ts';

/**
 * What a compiled rule sees of one event: the joined event, and the classifier spans of a content
 * field, scanned lazily. With `classifier`, a context may return that classifier's spans only (the
 * evaluator scans each classifier of a field once per event, when a rule first asks for it);
 * without, every classifier the candidate rules need. Callers filter by classifier either way.
 */
export interface MatchContext {
  event: EngineEvent;
  spans(field: string, classifier?: string): readonly ContentSpan[];
}
