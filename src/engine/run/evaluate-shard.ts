// One shard of a run: every event joined, decided, scanned. The result is plain data (no
// functions) so it crosses a worker boundary; windows and alerts are made in the merge.
import { makeJoiner } from '../event/join.ts';
import { EventScanner, eventIdOf, prepareEvent, timeOf, toRuleMatch } from '../evaluate/scan-events.ts';
import type { CompiledPack } from '../pack.ts';
import type { DatasetContext, Diagnostic, EngineEvent, RuleMatch, TruthTally } from '../types.ts';

export interface ShardResult {
  matches: RuleMatch[];
  truth: TruthTally;
  /** Rule id → number of events it matched. */
  ruleCounts: Record<string, number>;
  errors: Diagnostic[];
  eventCount: number;
  /** Which of the pack's referenced fields, and which categories, the shard's data carried. */
  fieldsSeen: string[];
  categoriesSeen: string[];
}

export interface ShardOptions {
  /** Position of the shard's first event in the dataset, for ids of events that lack `event.id`. */
  firstIndex?: number;
  /** Prefix of assigned ids (`t` gives t1, t2… as test documents expect). */
  idPrefix?: string;
}

export function evaluateShard(
  pack: CompiledPack,
  events: readonly EngineEvent[],
  context: DatasetContext,
  options: ShardOptions = {},
): ShardResult {
  const join = makeJoiner(context);
  const scanner = new EventScanner(pack);
  const matches: RuleMatch[] = [];
  const ruleCounts: Record<string, number> = {};
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  const unseenFields = new Set(pack.referencedFields);
  const categories = new Set<string>();
  const firstIndex = options.firstIndex ?? 0;
  const prefix = options.idPrefix ?? '#';

  events.forEach((raw, index) => {
    const event = prepareEvent(pack, join, raw);
    const eventId = eventIdOf(event, `${prefix}${firstIndex + index + 1}`);
    const category = event['event.category'];
    if (typeof category === 'string') categories.add(category.toLowerCase());
    if (unseenFields.size > 0)
      for (const field of unseenFields) if (event[field] !== undefined) unseenFields.delete(field);

    const scenario = event['labels.scenario'];
    if (typeof scenario === 'string' && scenario !== '') {
      const user = event['user.name'];
      truth.labelled.push({
        eventId,
        scenario,
        step: Number(event['labels.step'] ?? 0),
        time: timeOf(event),
        user: typeof user === 'string' ? user : null,
      });
    } else {
      truth.benignEvents++;
    }

    scanner.scan(event, (rule, matchContext) => {
      matches.push(toRuleMatch(rule, matchContext, eventId));
      ruleCounts[rule.id] = (ruleCounts[rule.id] ?? 0) + 1;
    });
  });

  return {
    matches,
    truth,
    ruleCounts,
    errors: scanner.errors,
    eventCount: events.length,
    fieldsSeen: pack.referencedFields.filter((field) => !unseenFields.has(field)),
    categoriesSeen: [...categories].sort(),
  };
}
