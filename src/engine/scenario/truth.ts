// The ground truth a run is scored against: the scenario's steps without the story around them.
import type { ScenarioTruth } from '../types.ts';
import type { Scenario } from './schema.ts';

export function scenarioTruth(scenario: Scenario): ScenarioTruth {
  return {
    id: scenario.id,
    title: scenario.title,
    category: scenario.category,
    steps: scenario.steps.map((step) => ({
      step: step.step,
      title: step.title,
      damaging: step.damaging === true,
    })),
  };
}
