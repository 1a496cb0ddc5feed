import { describe, it, expect } from 'vitest';
import { Worker } from 'node:worker_threads';
import {
  evaluateWithPool,
  RunCancelledError,
  WorkerCrashedError,
  type EvaluationWorker,
  type ShardRequest,
} from './pool.ts';

interface FakeShard {
  segmentIds: string[];
  rules: string[];
}

// A stand-in evaluation worker in a real thread: rule `hang` runs a regular expression with
// catastrophic backtracking (it never returns), rule `crash` kills its worker.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  const all = ${JSON.stringify(['a', 'b', 'hang', 'c', 'crash'])};
  const rules = (req.onlyRules ?? all).filter((r) => !req.excludeRules.includes(r) && (req.onlyRules || RULES.includes(r)));
  if (rules.includes('crash')) process.exit(3);
  if (rules.includes('hang')) /(a+)+$/.test('a'.repeat(64) + 'b');
  parentPort.postMessage({ shard: { segmentIds: req.segmentIds, rules }, events: req.segmentIds.length * 10 });
});
`;

/** Every request a test worker received, and how many it held unanswered at that moment. */
interface Received {
  segmentIds: string[];
  unanswered: number;
}

function threadWorker(
  rules: string[],
  log: { received: Received[]; terminated: number } = { received: [], terminated: 0 },
): () => EvaluationWorker<FakeShard> {
  return () => {
    const thread = new Worker(`const RULES = ${JSON.stringify(rules)};\n${WORKER_SOURCE}`, { eval: true });
    // The thread answers in the order it was asked.
    const pending: { resolve: (v: never) => void; reject: (e: unknown) => void }[] = [];
    thread.on('message', (message) => pending.shift()?.resolve(message as never));
    thread.on('error', (error) => {
      for (const p of pending.splice(0)) p.reject(error);
    });
    thread.on('exit', (code) => {
      for (const p of pending.splice(0))
        p.reject(new WorkerCrashedError(`An evaluation worker stopped unexpectedly (exit code ${code}).`));
    });
    return {
      evaluate: (request: ShardRequest) =>
        new Promise((resolve, reject) => {
          log.received.push({ segmentIds: request.segmentIds, unanswered: pending.length });
          pending.push({ resolve, reject });
          thread.postMessage(request);
        }),
      terminate: () => {
        log.terminated++;
        void thread.terminate();
      },
    };
  };
}

const segments = Array.from({ length: 10 }, (_, i) => `d/${i}`);
const request = { packFiles: [], datasetId: 'd', segmentIds: segments };

describe('evaluation pool', () => {
  it('evaluates every segment exactly once, shards returned in segment order', async () => {
    const progress: number[] = [];
    const result = await evaluateWithPool(request, {
      createWorker: threadWorker(['a', 'b']),
      size: 2,
      ruleIds: ['a', 'b'],
      segmentsPerTask: 3,
      onProgress: (p) => progress.push(p.segmentsDone),
    });
    expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    expect(result.events).toBe(100);
    expect(result.errors).toEqual([]);
    expect(progress.at(-1)).toBe(10);
  });

  it("sends each worker the pack's files with its first task of a run only; later tasks name the pack by key", async () => {
    const packFiles = [{ name: 'rules.yml', text: 'title: t\n'.repeat(1000) }];
    const received = new Map<number, ShardRequest[]>();
    const warm = [0, 1].map((n) => ({
      evaluate: async (r: ShardRequest) => {
        received.set(n, [...(received.get(n) ?? []), r]);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return { shard: { segmentIds: r.segmentIds, rules: [] }, events: r.segmentIds.length };
      },
      terminate: () => undefined,
    }));
    // Two runs on the same (warm) workers: each run sends the files again, once per worker.
    for (let run = 0; run < 2; run++) {
      let next = 0;
      const result = await evaluateWithPool(
        { ...request, packFiles },
        { createWorker: () => warm[next++]!, size: 2, ruleIds: [], segmentsPerTask: 1 },
      );
      expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    }
    const requests = [...received.values()];
    expect(requests.flat()).toHaveLength(20);
    const key = requests[0]![0]!.packKey;
    expect(key).toMatch(/\S/);
    for (const list of requests) {
      expect(list.every((r) => r.packKey === key)).toBe(true);
      const sent = list.flatMap((r, i) => (r.packFiles ? [i] : []));
      // Each worker got the files with its first task of each run.
      expect(sent).toHaveLength(2);
      expect(sent[0]).toBe(0);
      expect(list[sent[1]!]!.packFiles).toEqual(packFiles);
    }
  });

  it('queues the next task on a worker before it answers (but not the last one), and hands out every task once', async () => {
    const log = { received: [] as Received[], terminated: 0 };
    const result = await evaluateWithPool(request, {
      createWorker: threadWorker(['a'], log),
      size: 2,
      ruleIds: ['a'],
      segmentsPerTask: 1,
    });
    expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    expect(log.received.flatMap((r) => r.segmentIds).sort()).toEqual([...segments].sort());
    expect(log.received.some((r) => r.unanswered === 1)).toBe(true);
    expect(log.received.every((r) => r.unanswered <= 1)).toBe(true);
    // The last task is not queued behind another while the other worker could take it.
    const last = log.received.find((r) => r.segmentIds.includes(segments.at(-1)!));
    expect(last?.unanswered).toBe(0);
  });

  it('hands healthy workers back to the caller after a run instead of terminating them', async () => {
    const log = { received: [] as Received[], terminated: 0 };
    const released: EvaluationWorker<FakeShard>[] = [];
    await evaluateWithPool(request, {
      createWorker: threadWorker(['a'], log),
      size: 2,
      ruleIds: ['a'],
      release: (worker) => released.push(worker),
    });
    expect(released).toHaveLength(2);
    expect(log.terminated).toBe(0);
    // They still work: a second run on them.
    const again = await evaluateWithPool(request, {
      createWorker: () => released.pop()!,
      size: 2,
      ruleIds: ['a'],
    });
    expect(again.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    expect(log.terminated).toBe(2);
  });

  it('stops a rule whose regular expression backtracks catastrophically, names it, and completes the run without it', async () => {
    const result = await evaluateWithPool(request, {
      createWorker: threadWorker(['a', 'hang', 'b']),
      size: 2,
      ruleIds: ['a', 'hang', 'b'],
      // Several tasks per worker: the tasks queued behind the one that hangs are given up too.
      segmentsPerTask: 2,
      // Generous: a thread's start-up counts against the budget, and CI machines are busy.
      taskBudgetMs: 2000,
    });
    expect(result.stoppedRules).toEqual(['hang']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/Rule "hang" was stopped/);
    expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    expect(result.shards.every((s) => s.rules.join() === 'a,b')).toBe(true);
  }, 60_000);

  it('fails the run with a message when a worker crashes, instead of hanging, and releases no worker', async () => {
    const released: unknown[] = [];
    await expect(
      evaluateWithPool(request, {
        createWorker: threadWorker(['a', 'crash']),
        size: 2,
        ruleIds: ['a', 'crash'],
        release: (worker) => released.push(worker),
      }),
    ).rejects.toThrow(/stopped unexpectedly/);
    expect(released).toEqual([]);
  });

  it('cancels: workers are terminated and the run rejects as cancelled', async () => {
    const controller = new AbortController();
    const run = evaluateWithPool(request, {
      createWorker: threadWorker(['hang']),
      size: 2,
      ruleIds: ['hang'],
      taskBudgetMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
  });

  it('runs with one worker when the machine reports none', async () => {
    const result = await evaluateWithPool(request, {
      createWorker: threadWorker(['a']),
      size: 0,
      ruleIds: ['a'],
    });
    expect(result.workers).toBe(1);
    expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
  });
});
