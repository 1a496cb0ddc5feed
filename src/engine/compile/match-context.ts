import type { ContentSpan, EngineEvent } from '../types.ts';

/**
 * What a compiled rule sees of one event: the joined event (or the event and its `head`), and the classifier spans of a content
 * field, scanned lazily. With `classifier`, a context may return that classifier's spans only (the
 * evaluator scans each classifier of a field once per event, when a rule first asks for it);
 * without, every classifier the candidate rules need. Callers filter by classifier either way.
 */
export interface MatchContext {
  event: EngineEvent;
  /**
   * The directory's and catalogue's fields when the run did not join them into `event` (it joins
   * only an event it reports or decides access for): rules read a field `event` lacks from here.
   */
  head?: EngineEvent;
  spans(field: string, classifier?: string): readonly ContentSpan[];
}
