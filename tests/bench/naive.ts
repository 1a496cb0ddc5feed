// The naive design with compiled rules, the stricter of the bench's two naive baselines: every rule
// tried on every event (no category/action index), each rule scanning content for itself (no shared
// per-field scan), every match carrying a full copy of its event — but the rules are the engine's
// compiled closures, not interpreted. Issue 6's naive design interprets the YAML per event: that one
// is tests/bench/naive-interpreter.ts (`naive_ratio`); this one is `naive_compiled_ratio`.
import type { MatchContext } from '../../src/engine/compile/match-context.ts';
import { makeJoiner } from '../../src/engine/event/join.ts';
import { prepareEvent, toRuleMatch, eventIdOf } from '../../src/engine/evaluate/scan-events.ts';
import type { CompiledPack } from '../../src/engine/pack.ts';
import type { DatasetContext, EngineEvent, RuleMatch } from '../../src/engine/types.ts';

export function naiveEvaluate(
  pack: CompiledPack,
  events: readonly EngineEvent[],
  context: DatasetContext,
): RuleMatch[] {
  const join = makeJoiner(context);
  const matches: RuleMatch[] = [];
  events.forEach((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    const id = eventIdOf(event, `#${index + 1}`);
    const category = String(event['event.category'] ?? '').toLowerCase();
    for (const rule of pack.rules) {
      if (rule.category !== null && rule.category !== category) continue;
      const matchContext: MatchContext = {
        event,
        spans: (field) => {
          const text = event[field];
          return typeof text === 'string' && text !== '' ? pack.classifiers.scan(text, field) : [];
        },
      };
      let matched: boolean;
      try {
        matched = rule.test(matchContext);
      } catch {
        matched = false;
      }
      if (matched) matches.push(toRuleMatch(rule, matchContext, id));
    }
  });
  return matches;
}
