// The real engine behind the pool: the default pack over a generated dataset stored in small
// segments, evaluated shard by shard through the pool (replies cloned as a thread boundary would),
// merged, must give exactly what one single-thread `runPack` gives over the same events.
import { describe, it, expect, beforeAll } from 'vitest';
import { generateDataset } from '../src/engine/generate/generate-dataset.ts';
import { defaultPackFiles, shippedScenarios } from './shipped-files.test-support.ts';
import type { Scenario } from '../src/engine/scenario/schema.ts';
import { runPack } from '../src/engine/run/run-pack.ts';
import type { RunResult } from '../src/engine/run/index.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../src/engine/types.ts';
import { DatasetWriter } from '../src/store/dataset-writer.ts';
import { openTestDatabase } from '../tests/store/test-database.ts';
import { engine } from './engine-binding.ts';
import { createEvaluator } from './evaluate-job.ts';
import { evaluateWithPool } from './pool.ts';

const packFiles: PackFile[] = defaultPackFiles();
const scenarios: Scenario[] = shippedScenarios();

/** Segments of a few hundred events: many segments, so many tasks and shard boundaries. */
const SEGMENT_SIZES = Array.from({ length: 201 }, (_, i) => 200 + i);

describe('evaluation pool on the real engine', () => {
  let events: EngineEvent[];
  let context: DatasetContext;
  let single: RunResult;
  let pooled: RunResult;
  let segmentOf: Map<string, number>;
  let poolEvents = 0;
  let segmentSize = 0;

  beforeAll(async () => {
    const dataset = generateDataset({ seed: 7, users: 40, days: 12, scenarios });
    events = [...dataset.events];
    context = {
      manifest: dataset.manifest,
      directory: dataset.directory,
      resources: dataset.resources,
      entitlements: dataset.entitlements,
      scenarios: dataset.scenarios,
    };
    single = runPack(engine.compile(packFiles).pack!, events, context);
    // Scenario steps sit close together, so a segment size is chosen (deterministically: the data is
    // seeded) that puts a boundary inside at least one correlation's events.
    const position = new Map(events.map((e, i) => [String(e['event.id']), i]));
    const correlations = single.alerts.filter((a) => a.kind === 'correlation');
    segmentSize =
      SEGMENT_SIZES.find((size) =>
        correlations.some(
          (a) => new Set(a.events.map((id) => Math.floor(position.get(id)! / size))).size > 1,
        ),
      ) ?? 0;
    segmentOf = new Map([...position].map(([id, i]) => [id, Math.floor(i / (segmentSize || 1))]));

    const db = await openTestDatabase();
    const writer = await DatasetWriter.begin(
      db,
      { id: 'gen', title: 'gen', manifest: dataset.manifest, scenarios: dataset.scenarios, source: 'test' },
      segmentSize,
    );
    for (let i = 0; i < events.length; i += 1000) await writer.append(events.slice(i, i + 1000));
    const stored = await writer.commit({
      directory: dataset.directory,
      resources: dataset.resources,
      entitlements: dataset.entitlements,
    });

    // Each "worker" has its own evaluator (own compiled pack), and its reply is structured-cloned
    // the way postMessage would clone it.
    const result = await evaluateWithPool(
      { packFiles, datasetId: 'gen', segmentIds: stored.segments.map((s) => s.id) },
      {
        createWorker: () => {
          const own = createEvaluator(
            async () => db,
            () => engine,
          );
          return {
            evaluate: async (request) => structuredClone(await own.evaluate(request)),
            terminate: () => undefined,
          };
        },
        size: 2,
        ruleIds: engine.compile(packFiles).ruleIds,
        segmentsPerTask: 3,
      },
    );
    poolEvents = result.events;
    const merger = createEvaluator(
      async () => db,
      () => engine,
    );
    pooled = await merger.merge(packFiles, 'gen', structuredClone(result.shards), []);
  }, 120_000);

  it('stores the dataset in many segments and evaluates every event once', () => {
    expect(segmentSize).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(10 * segmentSize);
    expect(poolEvents).toBe(events.length);
    expect(pooled.eventCount).toBe(events.length);
  });

  it('gives the same alerts, metrics, risk, rule counts and errors as one single-thread run', () => {
    expect(single.alerts.length).toBeGreaterThan(0);
    expect(pooled.alerts).toEqual(single.alerts);
    expect(pooled.ruleCounts).toEqual(single.ruleCounts);
    expect(pooled.metrics).toEqual(single.metrics);
    expect(pooled.risk).toEqual(single.risk);
    expect(pooled.unmatchable).toEqual(single.unmatchable);
    expect(pooled.errors).toEqual(single.errors);
  });

  it('finds correlations whose events lie in different segments (only the merge sees them together)', () => {
    const spanning = pooled.alerts.filter(
      (alert) =>
        alert.kind === 'correlation' && new Set(alert.events.map((id) => segmentOf.get(id))).size > 1,
    );
    expect(spanning.length).toBeGreaterThan(0);
    // … and the single-thread run finds exactly those too.
    const key = (a: { rule: string; events: string[] }) => `${a.rule}:${a.events.join(',')}`;
    const singleKeys = new Set(single.alerts.map(key));
    for (const alert of spanning) expect(singleKeys.has(key(alert))).toBe(true);
  });
});
