import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateDataset, type GenerateOptions } from './generate-dataset.ts';
import { ndjsonChunks } from './bundle.ts';
import type { NdjsonChunk } from './day-batch.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { EngineEvent } from '../types.ts';

const folder = fileURLToPath(new URL('../../../sample-data/scenarios/', import.meta.url));
const scenarios: Scenario[] = readdirSync(folder)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map((f) => {
    const result = loadScenario(readFileSync(folder + f, 'utf8'), f);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value;
  });

function serialise(options: GenerateOptions): string {
  const d = generateDataset(options);
  const lines = [
    JSON.stringify(d.manifest),
    JSON.stringify(d.scenarios),
    JSON.stringify(d.directory),
    JSON.stringify(d.resources),
    JSON.stringify(d.entitlements),
  ];
  for (const event of d.events) lines.push(JSON.stringify(event));
  return lines.join('\n');
}

describe('generateDataset manifest', () => {
  it('says how many scenarios were injected in words a class reads', () => {
    const description = (count: number) =>
      generateDataset({ seed: 3, users: 8, days: 2, scenarios: scenarios.slice(0, count) }).manifest
        .description;
    expect(description(0)).toMatch(/; no insider scenario injected\.$/);
    expect(description(1)).toMatch(/; 1 insider scenario injected with ground truth\.$/);
    expect(description(2)).toMatch(/; 2 insider scenarios injected with ground truth\.$/);
  });
});

describe('generateDataset determinism', () => {
  const options = { seed: 11, users: 30, days: 10, scenarios };
  it('gives byte-identical output for the same seed', () => {
    expect(serialise(options)).toBe(serialise(options));
  });
  it('gives different output for a different seed', () => {
    expect(serialise({ ...options, seed: 12 })).not.toBe(serialise(options));
  });
  it('yields the same events when iterated twice', () => {
    const d = generateDataset(options);
    const first = [...d.events].map((e) => JSON.stringify(e));
    expect([...d.events].map((e) => JSON.stringify(e))).toEqual(first);
  });
});

describe('generated events', () => {
  const dataset = generateDataset({ seed: 5, users: 50, days: 30, scenarios });
  const events: EngineEvent[] = [...dataset.events];

  it('are in @timestamp order with unique ids', () => {
    for (let i = 1; i < events.length; i++)
      expect(String(events[i - 1]!['@timestamp']) <= String(events[i]!['@timestamp'])).toBe(true);
    expect(new Set(events.map((e) => e['event.id'])).size).toBe(events.length);
  });

  it('contain every step of every scenario, labelled, acted by the chosen insider', () => {
    for (const scenario of scenarios) {
      const labelled = events.filter((e) => e['labels.scenario'] === scenario.id);
      const steps = new Set(labelled.map((e) => e['labels.step']));
      expect([...steps].sort()).toEqual(scenario.steps.map((s) => s.step));
      const truth = dataset.scenarios.find((t) => t.id === scenario.id)!;
      expect(truth.steps.map((s) => s.step)).toEqual(scenario.steps.map((s) => s.step));
      const insider = truth.actors.insider;
      expect(dataset.directory.some((u) => u.name === insider)).toBe(true);
    }
  });

  it('keep scenario steps in order in time', () => {
    for (const scenario of scenarios) {
      const stepsInOrder = events
        .filter((e) => e['labels.scenario'] === scenario.id)
        .map((e) => Number(e['labels.step']));
      expect(stepsInOrder).toEqual([...stepsInOrder].sort((a, b) => a - b));
    }
  });

  it('give distinct insiders to different scenarios', () => {
    const insiders = dataset.scenarios.map((t) => t.actors.insider);
    expect(new Set(insiders).size).toBe(insiders.length);
  });

  it('put content on about a fifth of the events and keep weekends quiet', () => {
    const withContent = events.filter((e) => typeof e.content === 'string').length / events.length;
    expect(withContent).toBeGreaterThan(0.12);
    expect(withContent).toBeLessThan(0.3);
    const weekday = (e: EngineEvent) => new Date(String(e['@timestamp'])).getUTCDay();
    const weekend = events.filter((e) => weekday(e) === 0 || weekday(e) === 6).length;
    expect(weekend / events.length).toBeLessThan(0.08);
  });

  it('separate payment creator from approver in benign activity', () => {
    for (const e of events)
      if (e['event.action'] === 'payment-approve' && !e['labels.scenario'])
        expect(e['erp.created_by']).not.toBe(e['user.name']);
  });

  it('hold the directory, catalogue and entitlements the data model describes', () => {
    expect(dataset.directory).toHaveLength(50);
    const departments = new Set(dataset.directory.map((u) => u.department));
    for (const d of ['Sales', 'Finance', 'Engineering', 'HR', 'IT', 'Legal', 'Operations', 'Executive'])
      expect(departments).toContain(d);
    expect(new Set(dataset.resources.map((r) => r.sensitivity))).toEqual(
      new Set(['public', 'internal', 'confidential', 'restricted']),
    );
    expect(dataset.entitlements.some((e) => e.source?.startsWith('direct:'))).toBe(true);
    expect(
      dataset.directory.some(
        (u) =>
          u.hr?.resignation_date &&
          !Object.values(dataset.scenarios).some((t) => Object.values(t.actors).includes(u.name)),
      ),
    ).toBe(true);
  });
});

describe('small and short datasets', () => {
  it('still inject every step when the period is shorter than the scenarios and the organisation tiny', () => {
    const d = generateDataset({ seed: 3, users: 8, days: 2, scenarios });
    const labelled = [...d.events].filter((e) => e['labels.scenario']);
    for (const scenario of scenarios) {
      const steps = new Set(
        labelled.filter((e) => e['labels.scenario'] === scenario.id).map((e) => e['labels.step']),
      );
      expect(steps.size).toBe(scenario.steps.length);
    }
    for (const e of labelled) expect(String(e['@timestamp']) < '2026-03-04').toBe(true);
  });
});

describe('NDJSON lines', () => {
  it('are byte for byte JSON.stringify of the events, scenario events included', () => {
    const d = generateDataset({ seed: 5, users: 40, days: 9, scenarios, contentBytes: 300 });
    const fromEvents = [...d.events].map((e) => JSON.stringify(e));
    expect(fromEvents.some((line) => line.includes('"labels.scenario"'))).toBe(true);
    expect([...d.lines]).toEqual(fromEvents);
    const chunks = [...d.ndjson];
    expect(chunks.reduce((sum, c) => sum + c.events, 0)).toBe(fromEvents.length);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).toString('utf8')).toBe(fromEvents.join('\n') + '\n');
    expect([...ndjsonChunks(d, 700)].join('')).toBe(fromEvents.join('\n') + '\n');
  });
});

describe('streaming', () => {
  // Live memory (heap and array buffers, after a full collection) sampled as the stream goes: if
  // anything beyond the current day were kept, it would grow with the text already produced; flat
  // over 60 days here means flat at 10,000,000 events.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const options = { seed: 9, users: 40, days: 60, scenarios, contentBytes: 4096 };

  function liveGrowth(items: Iterable<unknown>, size: (item: unknown) => number, every = 5000) {
    const live: number[] = [];
    let produced = 0;
    let count = 0;
    let producedAtFirst = 0;
    for (const item of items) {
      produced += size(item);
      if (++count % every === 0) {
        collect();
        const memory = process.memoryUsage();
        live.push(memory.heapUsed + memory.arrayBuffers);
        if (live.length === 1) producedAtFirst = produced;
      }
    }
    return {
      samples: live.length,
      growthMB: (live.at(-1)! - live[0]!) / 1e6,
      producedMB: (produced - producedAtFirst) / 1e6,
    };
  }

  it('writes NDJSON in flat memory', () => {
    const { samples, growthMB, producedMB } = liveGrowth(
      generateDataset(options).ndjson,
      (chunk) => (chunk as NdjsonChunk).bytes.length,
      4,
    );
    expect(samples).toBeGreaterThanOrEqual(4);
    expect(producedMB).toBeGreaterThan(15);
    expect(growthMB).toBeLessThan(5);
  });

  it('yields event objects in flat memory', () => {
    const { samples, growthMB, producedMB } = liveGrowth(
      generateDataset(options).events,
      (event) => String((event as EngineEvent).content ?? '').length,
    );
    expect(samples).toBeGreaterThanOrEqual(4);
    expect(producedMB).toBeGreaterThan(8);
    expect(growthMB).toBeLessThan(5);
  });
});

describe('what the generator changes from what the scenarios wrote, it says', () => {
  const byId = (id: string) => scenarios.find((s) => s.id === id)!;

  it('warns when a period too short moved a scenario’s steps to its last second', () => {
    const long = generateDataset({
      seed: 7,
      users: 30,
      days: 30,
      scenarios: [byId('phished-mailbox-forward')],
    });
    expect(long.warnings).toEqual([]);
    const short = generateDataset({
      seed: 7,
      users: 30,
      days: 1,
      scenarios: [byId('phished-mailbox-forward')],
    });
    expect(short.warnings).toEqual([
      expect.stringMatching(/^scenario phished-mailbox-forward: \d+ event\(s\) fell after the 1-day period/),
    ]);
  });

  it('places a scenario so that a step of many repeats fits, instead of moving them to the last second', () => {
    const original = byId('phished-mailbox-forward');
    const first = original.steps[0]!;
    const long = {
      ...original,
      id: 'long-repeat',
      steps: [{ ...first, damaging: true, events: [{ ...first.events[0]!, repeat: 100, every: 'PT1H' }] }],
    };
    for (const seed of [1, 5, 7]) {
      const dataset = generateDataset({ seed, users: 30, days: 14, scenarios: [long] });
      expect(dataset.warnings).toEqual([]);
      const times = [...dataset.events]
        .filter((e) => e['labels.scenario'] === 'long-repeat')
        .map((e) => e['@timestamp']);
      expect(times).toHaveLength(100);
      expect(new Set(times).size).toBe(100);
    }
  });

  it('warns when a fixed account is taken, and names the account used instead', () => {
    const original = byId('shared-credentials-impossible-travel');
    const copy = { ...original, id: 'shared-credentials-copy' };
    const dataset = generateDataset({ seed: 7, users: 30, days: 30, scenarios: [original, copy] });
    expect(dataset.warnings).toEqual([
      expect.stringMatching(
        /^scenario shared-credentials-copy: account "ops-shared" is already taken.* is "ops-shared2"$/,
      ),
    ]);
  });
});
