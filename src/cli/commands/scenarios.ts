// `scenarios [--format json]`: the built-in scenario set, as a table or as
// {"scenarios":[{"id","title","category","cause","steps":[…]}]}.
import { parseCommandArgs, parseFormat, printJson } from '../args.ts';
import { readScenarios } from '../scenario-files.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { textTable } from '../text-table.ts';

export function scenarioListing(scenario: Scenario) {
  return {
    id: scenario.id,
    title: scenario.title,
    category: scenario.category,
    cause: scenario.cause,
    story: scenario.story,
    actors: scenario.actors,
    steps: scenario.steps.map((step) => ({
      step: step.step,
      title: step.title,
      damaging: step.damaging === true,
      seen_by: step.seen_by,
      red_flags: step.red_flags ?? [],
      events: step.events.reduce((sum, template) => sum + (template.repeat ?? 1), 0),
    })),
    benign_lookalikes: scenario.benign_lookalikes.map((l) => ({ title: l.title, why: l.why ?? '' })),
    playbook: scenario.playbook,
    lesson: scenario.lesson,
  };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { format: { type: 'string' } });
  const format = parseFormat(values.format, ['table', 'json']);
  const scenarios = readScenarios();
  if (format === 'json') {
    printJson({ scenarios: scenarios.map(scenarioListing) });
    return 0;
  }
  const rows = scenarios.map((s) => [
    s.id,
    s.category,
    s.cause,
    String(s.steps.length),
    s.steps
      .filter((step) => step.damaging)
      .map((step) => step.step)
      .join(','),
    s.title,
  ]);
  const header = ['id', 'category', 'cause', 'steps', 'damaging', 'title'];
  process.stdout.write(textTable(header, rows) + '\n');
  return 0;
}
