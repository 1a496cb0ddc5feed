import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../engine/generate/generate-dataset.ts';
import { readScenarios } from '../../cli/scenario-files.ts';
import {
  generateFromKnobs,
  generatorProblems,
  type GenerateProgress,
  type GeneratorKnobs,
} from './dataset-adapter.ts';

const FOLDER = join(process.cwd(), 'sample-data', 'scenarios');
// The files as the app bundles them (builtins.ts): name and text.
const scenarioFiles = readdirSync(FOLDER)
  .filter((n) => /\.ya?ml$/.test(n))
  .map((n) => ({ name: `sample-data/scenarios/${n}`, text: readFileSync(join(FOLDER, n), 'utf8') }));

const knobs: GeneratorKnobs = {
  seed: 7,
  users: 20,
  days: 5,
  start: '2026-03-02',
  contentBytes: 1024,
  scenarios: ['negligent-card-data-email', 'departing-sales-customer-data'],
};

describe('the Data screen generator (worker side)', () => {
  it('gives the same events, byte for byte, as the CLI generate with the same seed and scenarios', async () => {
    const progress: GenerateProgress[] = [];
    const result = await generateFromKnobs(knobs, scenarioFiles, (p) => {
      progress.push(p);
      return true;
    });
    expect(result.errors).toEqual([]);
    const dataset = result.dataset!;
    // What `generate --seed 7 --users 20 --days 5 --scenarios …` writes to events.ndjson.
    const cli = generateDataset({
      seed: 7,
      users: 20,
      days: 5,
      scenarios: readScenarios().filter((s) => knobs.scenarios.includes(s.id)),
    });
    const lines = [...cli.lines];
    expect(dataset.events.length).toBe(lines.length);
    expect(dataset.events.map((e) => JSON.stringify(e))).toEqual(lines);
    expect(dataset.bytes).toBe(lines.reduce((n, l) => n + l.length + 1, 0));
    expect(dataset.context.directory).toEqual(cli.directory);
    expect(dataset.context.scenarios.map((s) => s.id).sort()).toEqual([...knobs.scenarios].sort());
    expect(dataset.id).toBe('generated-s7-u20-d5');
    expect(dataset.period).toEqual({ start: '2026-03-02', end: '2026-03-06' });
    // Both scenarios are in the events, with their labels.
    const labelled = new Set(dataset.events.map((e) => e['labels.scenario']).filter(Boolean));
    expect([...labelled].sort()).toEqual([...knobs.scenarios].sort());

    // Progress goes by day, never backwards, and ends at every event of the last day.
    const days = progress.map((p) => p.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(new Set(days)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(progress.at(-1)).toEqual({ day: 5, days: 5, events: lines.length, estimatedTotal: lines.length });
    const estimate = progress.find((p) => p.estimatedTotal !== null && p.day === 3)!;
    expect(estimate.estimatedTotal).toBeGreaterThan(lines.length / 2);
    expect(estimate.estimatedTotal).toBeLessThan(lines.length * 2);
  });

  it('a different seed gives different events', async () => {
    const a = await generateFromKnobs({ ...knobs, scenarios: [] }, scenarioFiles);
    const b = await generateFromKnobs({ ...knobs, seed: 8, scenarios: [] }, scenarioFiles);
    expect(a.dataset!.events.map((e) => JSON.stringify(e))).not.toEqual(
      b.dataset!.events.map((e) => JSON.stringify(e)),
    );
  });

  it('stops when the progress callback says so, and names an unknown scenario', async () => {
    let calls = 0;
    const stopped = await generateFromKnobs(knobs, scenarioFiles, () => ++calls < 3);
    expect(stopped).toEqual({ dataset: null, errors: [] });
    expect(calls).toBe(3);
    const unknown = await generateFromKnobs({ ...knobs, scenarios: ['no-such-thing'] }, scenarioFiles);
    expect(unknown.dataset).toBeNull();
    expect(unknown.errors[0]?.message).toContain('no-such-thing');
  });

  it('validates the knobs with messages naming the allowed range', () => {
    expect(generatorProblems(knobs)).toEqual({});
    expect(generatorProblems({ ...knobs, users: 0, days: 366 })).toEqual({
      users: 'Users must be a whole number from 1 to 5,000.',
      days: 'Days must be a whole number from 1 to 365.',
    });
    expect(generatorProblems({ ...knobs, users: 5001, days: 2.5 })).toMatchObject({
      users: expect.stringContaining('1 to 5,000'),
      days: expect.stringContaining('1 to 365'),
    });
    expect(generatorProblems({ ...knobs, users: NaN }).users).toBeDefined();
    expect(generatorProblems({ ...knobs, start: '2026-02-30' }).start).toContain('2026-02-30');
    expect(generatorProblems({ ...knobs, seed: -1 }).seed).toBeDefined();
    expect(generatorProblems({ ...knobs, contentBytes: 70000 }).contentBytes).toContain('65,536');
  });
});
