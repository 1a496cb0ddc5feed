// The events every part of the bench page uses: the generator's output for seed 20260302, 250 users
// and every shipped scenario, cut at `count`.
import { loadScenario } from '../../../src/engine/scenario/load.ts';
import type { Scenario } from '../../../src/engine/scenario/schema.ts';
import type { DatasetContext, EngineEvent } from '../../../src/engine/types.ts';
import { builtInScenarioFiles } from '../../../src/ui/state/builtins.ts';
import { benchDatasetOf } from '../bench-dataset.ts';

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
  return benchDatasetOf(scenarios, count, basis);
}
