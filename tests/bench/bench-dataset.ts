// The dataset every benchmark measures, in Node and on the bench page alike: the generator's output
// for seed 20260302, 250 users and the given scenarios, cut at `count` events. No Node or DOM
// imports, so both sides use it.
import { generateDataset } from '../../src/engine/generate/generate-dataset.ts';
import type { Scenario } from '../../src/engine/scenario/schema.ts';
import type { DatasetContext, EngineEvent } from '../../src/engine/types.ts';

/**
 * The first `count` events, generated over as many days as `basis` events need (~13 events per user
 * per day with the generator's defaults), so the first 20k of a 100k basis are the same whether
 * 20k or 100k are asked for.
 */
export function benchDatasetOf(
  scenarios: Scenario[],
  count: number,
  basis = count,
): { events: EngineEvent[]; context: DatasetContext } {
  const users = 250;
  const days = Math.max(1, Math.ceil(basis / (users * 13)));
  const dataset = generateDataset({ seed: 20260302, users, days, scenarios });
  const events: EngineEvent[] = [];
  for (const event of dataset.events) {
    events.push(event);
    if (events.length >= count) break;
  }
  return {
    events,
    context: {
      manifest: dataset.manifest,
      directory: dataset.directory,
      resources: dataset.resources,
      entitlements: dataset.entitlements,
      scenarios: dataset.scenarios,
    },
  };
}
