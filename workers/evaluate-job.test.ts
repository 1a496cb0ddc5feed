import { describe, it, expect } from 'vitest';
import type { EventSource } from '../src/engine/run/index.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../src/engine/types.ts';
import { DatasetWriter } from '../src/store/dataset-writer.ts';
import { openTestDatabase } from '../tests/store/test-database.ts';
import type { EngineBinding } from './engine-binding.ts';
import { packHash } from '../src/engine/pack-hash.ts';
import { createEvaluator } from './evaluate-job.ts';
import { evaluateWithPool } from './pool.ts';

// A toy engine with the run module's shape: a pack file per rule (`field=value`), a shard is the
// matches, and the merge runs a correlation ("3 matches of any rule by one user") that only comes
// out right when matches from every shard meet.
type Pack = { rules: { id: string; field: string; value: string }[] };
type Shard = { rule: string; eventId: string; user: string }[];
let compiles = 0;
const toyMatches = (pack: Pack, events: EventSource): Shard =>
  Array.from({ length: events.length }, (_, i) => events.at(i) ?? {}).flatMap((e) =>
    pack.rules
      .filter((r) => e[r.field] === r.value)
      .map((r) => ({ rule: r.id, eventId: String(e['event.id']), user: String(e['user.name']) })),
  );
const toyEngine: EngineBinding<Pack, Shard, { alerts: string[] }> = {
  compile(files) {
    compiles++;
    const rules = files.map((f) => {
      const [field, value] = f.text.split('=');
      return { id: f.name, field: field!, value: value! };
    });
    return { pack: { rules }, ruleIds: rules.map((r) => r.id), errors: [] };
  },
  restrict: (pack, { only, exclude }) => ({
    rules: pack.rules.filter((r) => (!only || only.includes(r.id)) && !exclude.includes(r.id)),
  }),
  evaluateShard: (pack, events) => toyMatches(pack, events),
  startShard(pack) {
    const shard: Shard = [];
    return { add: (events) => shard.push(...toyMatches(pack, events)), finish: () => shard };
  },
  mergeShards(_pack, shards, ctx: DatasetContext) {
    const matches = shards.flat();
    const perUser = new Map<string, number>();
    for (const m of matches) perUser.set(m.user, (perUser.get(m.user) ?? 0) + 1);
    const correlated = [...perUser]
      .filter(([, n]) => n >= 3)
      .map(([u]) => `burst:${u}:${ctx.directory.length}`);
    return { alerts: [...matches.map((m) => `${m.rule}:${m.eventId}`), ...correlated.sort()] };
  },
};

const events: EngineEvent[] = Array.from({ length: 95 }, (_, i) => ({
  'event.id': `e${i}`,
  'user.name': i % 30 === 7 ? 'mallory' : `u${i % 11}`,
  'event.action': i % 30 === 7 ? 'usb-write' : i % 4 === 0 ? 'send' : 'read',
}));
const packFiles: PackFile[] = [
  { name: 'usb', text: 'event.action=usb-write' },
  { name: 'mail', text: 'event.action=send' },
];

/** The 95 events stored as dataset `d` in segments of 10, with the given directory. */
async function storedEvents(directory?: DatasetContext['directory']) {
  const db = await openTestDatabase();
  const writer = await DatasetWriter.begin(
    db,
    { id: 'd', title: 'd', manifest: { id: 'd', title: 'd' }, source: 't' },
    10,
  );
  await writer.append(events);
  return { db, dataset: await writer.commit(directory ? { directory } : {}) };
}

describe('evaluation worker job', () => {
  it('pool results equal one single-thread evaluation, correlations across segment boundaries included', async () => {
    const { db, dataset } = await storedEvents([{ name: 'mallory' }]);
    const evaluator = createEvaluator(
      async () => db,
      () => toyEngine,
    );

    const pooled = await evaluateWithPool(
      { packFiles, datasetId: 'd', segmentIds: dataset.segments.map((s) => s.id) },
      {
        createWorker: () => ({ evaluate: (r) => evaluator.evaluate(r), terminate: () => undefined }),
        size: 2,
        ruleIds: ['usb', 'mail'],
        segmentsPerTask: 2,
      },
    );
    const merged = await evaluator.merge(packFiles, 'd', pooled.shards, []);

    const pack = toyEngine.compile(packFiles).pack!;
    const context = {
      manifest: { id: 'd', title: 'd' },
      directory: [{ name: 'mallory' }],
      resources: [],
      entitlements: [],
      scenarios: [],
    };
    const single = toyEngine.mergeShards(pack, [toyEngine.evaluateShard(pack, events, context)], context);
    expect(merged).toEqual(single);
    // mallory's three USB writes sit in three different segments: only the merge sees them together.
    expect(merged.alerts).toContain('burst:mallory:1');
    expect(pooled.events).toBe(95);
  });

  it('compiles a pack once per text, not once per task', async () => {
    const { db, dataset } = await storedEvents();
    const evaluator = createEvaluator(
      async () => db,
      () => toyEngine,
    );
    compiles = 0;
    for (const segment of dataset.segments)
      await evaluator.evaluate({ packFiles, datasetId: 'd', segmentIds: [segment.id], excludeRules: [] });
    expect(compiles).toBe(1);
    expect(packHash(packFiles)).not.toBe(packHash([...packFiles, { name: 'x', text: '' }]));
  });

  it('evaluates a task that names its pack by key alone, once the files were sent; refuses one sent before them', async () => {
    const { db, dataset } = await storedEvents();
    const evaluator = createEvaluator(
      async () => db,
      () => toyEngine,
    );
    const [first, second] = dataset.segments.map((s) => s.id);
    const packKey = packHash(packFiles);
    await expect(
      evaluator.evaluate({ packKey, datasetId: 'd', segmentIds: [first!], excludeRules: [] }),
    ).rejects.toThrow(/before its pack/);
    const withFiles = await evaluator.evaluate({
      packFiles,
      packKey,
      datasetId: 'd',
      segmentIds: [first!],
      excludeRules: [],
    });
    const byKey = await evaluator.evaluate({
      packKey,
      datasetId: 'd',
      segmentIds: [second!],
      excludeRules: [],
    });
    expect(withFiles.events).toBe(10);
    expect(byKey.events).toBe(10);
  });

  it('evaluates tasks sent together one at a time, segment by segment, each with its own events', async () => {
    const { db, dataset } = await storedEvents();
    const steps: string[] = [];
    let task = 0;
    const logging: typeof toyEngine = {
      ...toyEngine,
      startShard(pack, context, position) {
        const name = `task${++task}`;
        const shard = toyEngine.startShard(pack, context, position);
        return {
          add: (part) => {
            steps.push(`${name}:${part.length}`);
            shard.add(part);
          },
          finish: () => shard.finish(),
        };
      },
    };
    const evaluator = createEvaluator(
      async () => db,
      () => logging,
    );
    const ids = dataset.segments.map((s) => s.id);
    // As the pool does: the second task is sent before the first has replied.
    const [first, second] = await Promise.all([
      evaluator.evaluate({ packFiles, datasetId: 'd', segmentIds: ids.slice(0, 3), excludeRules: [] }),
      evaluator.evaluate({ packFiles, datasetId: 'd', segmentIds: ids.slice(3, 6), excludeRules: [] }),
    ]);
    expect(steps).toEqual(['task1:10', 'task1:10', 'task1:10', 'task2:10', 'task2:10', 'task2:10']);
    expect(first.events).toBe(30);
    expect(second.events).toBe(30);
    const pack = toyEngine.compile(packFiles).pack!;
    expect(first.shard).toEqual(toyMatches(pack, events.slice(0, 30)));
    expect(second.shard).toEqual(toyMatches(pack, events.slice(30, 60)));
  });
});
