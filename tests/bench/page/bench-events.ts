// The events every part of the bench page uses: the generator's output for seed 20260302, 250 users
// and every shipped scenario, cut at `count`.
import { generateDataset } from '../../../src/engine/generate/generate-dataset.ts';
import { loadScenario } from '../../../src/engine/scenario/load.ts';
import type { Scenario } from '../../../src/engine/scenario/schema.ts';
import type { DatasetContext, EngineEvent } from '../../../src/engine/types.ts';
import { builtInScenarioFiles } from '../../../src/ui/state/builtins.ts';

/**
 * The first `count` events of the dataset the bench uses (seed 20260302, 250 users, every scenario),
 * generated over as many days as `basis` events need (so the first 20k of the 100k base are the same
 * whether 20k or 100k are asked for).
 */
export function benchEvents(
  count: number,
  basis = count,
): { events: EngineEvent[]; context: DatasetContext } {
  const scenarios: Scenario[] = [];
  for (const { name, text } of builtInScenarioFiles()) {
    const loaded = loadScenario(text, name);
    if (loaded.ok) scenarios.push(loaded.value);
  }
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
