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

function threadWorker(rules: string[]): () => EvaluationWorker<FakeShard> {
  return () => {
    const thread = new Worker(`const RULES = ${JSON.stringify(rules)};\n${WORKER_SOURCE}`, { eval: true });
    let pending: { resolve: (v: never) => void; reject: (e: unknown) => void } | null = null;
    thread.on('message', (message) => pending?.resolve(message as never));
    thread.on('error', (error) => pending?.reject(error));
    thread.on('exit', (code) =>
      pending?.reject(
        new WorkerCrashedError(`An evaluation worker stopped unexpectedly (exit code ${code}).`),
      ),
    );
    return {
      evaluate: (request: ShardRequest) =>
        new Promise((resolve, reject) => {
          pending = { resolve, reject };
          thread.postMessage(request);
        }),
      terminate: () => void thread.terminate(),
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

  it('stops a rule whose regular expression backtracks catastrophically, names it, and completes the run without it', async () => {
    const result = await evaluateWithPool(request, {
      createWorker: threadWorker(['a', 'hang', 'b']),
      size: 2,
      ruleIds: ['a', 'hang', 'b'],
      segmentsPerTask: 5,
      // Generous: a thread's start-up counts against the budget, and CI machines are busy.
      taskBudgetMs: 2000,
    });
    expect(result.stoppedRules).toEqual(['hang']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/Rule "hang" was stopped/);
    expect(result.shards.flatMap((s) => s.segmentIds)).toEqual(segments);
    expect(result.shards.every((s) => s.rules.join() === 'a,b')).toBe(true);
  }, 60_000);

  it('fails the run with a message when a worker crashes, instead of hanging', async () => {
    await expect(
      evaluateWithPool(request, {
        createWorker: threadWorker(['a', 'crash']),
        size: 2,
        ruleIds: ['a', 'crash'],
      }),
    ).rejects.toThrow(/stopped unexpectedly/);
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
