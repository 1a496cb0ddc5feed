import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../engine/generate/generate-dataset.ts';
import { readScenarios } from '../../cli/scenario-files.ts';
import {
  datasetFromBundle,
  generateFromKnobs,
  generatorProblems,
  type GenerateProgress,
  type GeneratorKnobs,
} from './dataset-adapter.ts';
import { plainManifest, storedSummary, summarise, summaryFromRecord } from './dataset-summary.ts';
import type { DatasetManifest, EngineEvent } from '../../engine/types.ts';
import { DatasetWriter } from '../../store/dataset-writer.ts';
import { getDataset, readDatasetContext } from '../../store/datasets.ts';
import { openTestDatabase } from '../../../tests/store/test-database.ts';

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

  it('streams the same events into a sink without keeping them, with the same summary', async () => {
    const kept = await generateFromKnobs(knobs, scenarioFiles);
    const streamed: EngineEvent[] = [];
    const begun: DatasetManifest[] = [];
    const sunk = await generateFromKnobs(knobs, scenarioFiles, undefined, 'mine', {
      begin: async (manifest) => void begun.push(manifest),
      append: async (events) => void streamed.push(...events),
    });
    expect(sunk.dataset!.events).toEqual([]);
    expect(streamed).toEqual(kept.dataset!.events);
    expect(begun.map((m) => m.id)).toEqual(['mine']);
    const summary = sunk.summary!;
    expect(summary.eventCount).toBe(streamed.length);
    expect(summary.labelled).toEqual(streamed.filter((e) => e['labels.scenario']));
    expect(summary.fields).toEqual([...new Set(streamed.flatMap((e) => Object.keys(e)))].sort());
    expect(summary.users).toEqual(
      [...new Set(streamed.map((e) => e['user.name']).filter((u) => typeof u === 'string'))].sort(),
    );
    expect({ ...summary, id: '', createdAt: 0 }).toEqual({
      ...summarise({ ...kept.dataset!, id: '' }, 'generator'),
      context: { ...kept.dataset!.context, manifest: { ...kept.dataset!.context.manifest, id: 'mine' } },
      createdAt: 0,
    });
  });

  it('a dataset read back from the store has the summary made from its events', async () => {
    const files = [
      'dataset.json',
      'events.ndjson',
      'directory.json',
      'resources.json',
      'entitlements.json',
    ].map((name) => ({
      name,
      text: readFileSync(join(process.cwd(), 'sample-data', 'classroom', name), 'utf8'),
    }));
    const dataset = datasetFromBundle(files, 'classroom');
    const summary = summarise(dataset, 'classroom');
    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(db, {
      id: dataset.id,
      title: dataset.title,
      manifest: { ...dataset.context.manifest, app: storedSummary(summary, 'abc') } as DatasetManifest,
      scenarios: dataset.context.scenarios,
      source: 'classroom',
    });
    await writer.append(dataset.events);
    await writer.commit({ directory: dataset.context.directory, resources: dataset.context.resources });
    const record = (await getDataset(db, dataset.id))!;
    const context = await readDatasetContext(db, dataset.id);
    const back = summaryFromRecord(record, context);
    expect(back.context.manifest).toEqual(plainManifest(record.manifest));
    expect({ ...back, createdAt: 0, context: null }).toEqual({
      ...summary,
      createdAt: 0,
      context: null,
    });
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
    expect(stopped).toEqual({ dataset: null, summary: null, errors: [] });
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
