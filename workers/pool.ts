// The evaluation pool: shards a dataset's segments across workers, keeps every worker busy, and
// makes sure no rule can hang a run. Tasks (a few segments each) are handed out one at a time as a
// worker frees up, never split in advance, and each worker has the next task queued while it
// evaluates the current one. Knows nothing of the engine or of Web Workers: it drives
// `EvaluationWorker`s (browser: Web Workers, src/store/run-client.ts; tests: Node worker threads).
//
// Time budget: every task has one, counted from when the task is queued on its worker (so it may
// include the one task queued before it). A worker that exceeds it is terminated (a regular expression
// caught in catastrophic backtracking never yields, so nothing short of termination stops it), the
// rules of that task are bisected in fresh workers to find the ones that hang, and the whole run is
// retried without them. The run completes, and its errors name each stopped rule.
import { packHash } from '../src/engine/pack-hash.ts';
import type { Diagnostic, PackFile } from '../src/engine/types.ts';

export interface ShardRequest {
  /**
   * The pack's files: sent with a worker's first task of a run only. The later tasks name the pack
   * by `packKey` alone, which the worker compiled it under (a pack's text is ~300 KB: cloned into
   * and hashed by every task, it cost each 1M-event run ~30 MB of copying and hashing).
   */
  packFiles?: PackFile[];
  /** `packHash` of the files (computed by the worker when missing). */
  packKey?: string;
  datasetId: string;
  segmentIds: string[];
  /** Rules left out of this evaluation (they exceeded the time budget). */
  excludeRules: string[];
  /** When set, only these rules run (used to find the rule that hangs). */
  onlyRules?: string[];
}

export interface ShardReply<Shard> {
  shard: Shard;
  events: number;
  /** Milliseconds the worker spent on each step of the task (summed by the pool). */
  timing?: Record<string, number>;
}

export interface EvaluationWorker<Shard> {
  evaluate(request: ShardRequest): Promise<ShardReply<Shard>>;
  terminate(): void;
}

export interface PoolOptions<Shard> {
  createWorker: () => EvaluationWorker<Shard>;
  /** Workers to run at once: `navigator.hardwareConcurrency`, at least one. */
  size: number;
  /** Rule ids of the pack, to bisect when a task exceeds its budget. */
  ruleIds: readonly string[];
  /** Wall time one task may take before its worker is terminated. */
  taskBudgetMs?: number;
  /** Segments per task: small enough to balance and report progress, large enough to amortise. */
  segmentsPerTask?: number;
  /**
   * Tasks sent to a worker before its previous one replied (default 2): the next task's segments
   * are read from IndexedDB while the current one is evaluated, and the worker never waits for the
   * page to answer. Tasks are still handed out one at a time as workers free up.
   */
  tasksInFlight?: number;
  /**
   * Called, instead of terminating it, for every worker still healthy when the run succeeds (the
   * caller keeps a warm pool). Workers of a failed or cancelled run are always terminated.
   */
  release?: (worker: EvaluationWorker<Shard>) => void;
  onProgress?: (progress: PoolProgress) => void;
  signal?: AbortSignal;
}

export interface PoolProgress {
  segmentsDone: number;
  segmentsTotal: number;
  events: number;
  /** Set while the pool is looking for the rule that exceeded the budget. */
  isolating?: boolean;
}

export interface PoolResult<Shard> {
  /** One per task, in segment order (so a merge is deterministic whatever the scheduling). */
  shards: Shard[];
  events: number;
  /** Rules stopped for exceeding the time budget, each named. */
  errors: Diagnostic[];
  stoppedRules: string[];
  workers: number;
  /** Worker milliseconds per step, summed over every task (CPU spent, not wall time). */
  timing: Record<string, number>;
}

export const DEFAULT_TASK_BUDGET_MS = 15_000;
/**
 * 2 segments (10,000 events) per task: a worker holds half the decoded events of 4 at once; each
 * extra task costs a few ms (joiner, scanner, pack hash), and the next one is queued ahead anyway.
 */
export const DEFAULT_SEGMENTS_PER_TASK = 2;
export const DEFAULT_TASKS_IN_FLIGHT = 2;

export class RunCancelledError extends Error {
  constructor() {
    super('Run cancelled.');
    this.name = 'AbortError';
  }
}

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

class BudgetExceeded extends Error {}
/** A task whose worker was terminated because another of its tasks overran the budget. */
class Superseded extends Error {}

type Request = Omit<ShardRequest, 'segmentIds' | 'excludeRules' | 'onlyRules' | 'packFiles' | 'packKey'> & {
  packFiles: PackFile[];
};

export async function evaluateWithPool<Shard>(
  request: Request & { segmentIds: string[] },
  options: PoolOptions<Shard>,
): Promise<PoolResult<Shard>> {
  const size = Math.max(1, Math.floor(options.size) || 1);
  const budget = options.taskBudgetMs ?? DEFAULT_TASK_BUDGET_MS;
  const perTask = options.segmentsPerTask ?? DEFAULT_SEGMENTS_PER_TASK;
  const depth = Math.max(1, Math.floor(options.tasksInFlight ?? DEFAULT_TASKS_IN_FLIGHT));
  const tasks = chunk(request.segmentIds, perTask);
  const workers: (EvaluationWorker<Shard> | undefined)[] = [];
  const active = new Set<EvaluationWorker<Shard>>();
  /** Rejections of the requests each worker has in flight (terminating a worker settles none). */
  const pending = new Map<EvaluationWorker<Shard>, Set<(error: Error) => void>>();
  let succeeded = false;
  let failed = false;
  const stopped = new Set<string>();
  const errors: Diagnostic[] = [];
  const timing: Record<string, number> = {};

  const spawn = () => {
    const worker = options.createWorker();
    active.add(worker);
    return worker;
  };
  const packKey = packHash(request.packFiles);
  /** Workers already sent this run's pack (each gets its files once, with its first task). */
  const sentPack = new WeakSet<EvaluationWorker<Shard>>();
  const taskFor = (
    worker: EvaluationWorker<Shard>,
    task: Pick<ShardRequest, 'segmentIds' | 'excludeRules' | 'onlyRules'>,
  ): ShardRequest => {
    const { packFiles, ...rest } = request;
    if (sentPack.has(worker)) return { ...rest, ...task, packKey };
    sentPack.add(worker);
    return { ...rest, ...task, packKey, packFiles };
  };
  const kill = (worker: EvaluationWorker<Shard>) => {
    active.delete(worker);
    worker.terminate();
    const rejections = pending.get(worker);
    pending.delete(worker);
    for (const reject of rejections ?? []) reject(new Superseded());
  };
  const onAbort = () => {
    for (const worker of active) worker.terminate();
    active.clear();
  };
  options.signal?.addEventListener('abort', onAbort);

  /** Runs one request in `worker` within the budget; on overrun the worker is terminated. */
  const runTimed = (worker: EvaluationWorker<Shard>, shardRequest: ShardRequest) =>
    new Promise<ShardReply<Shard>>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new RunCancelledError());
      let rejections = pending.get(worker);
      if (!rejections) pending.set(worker, (rejections = new Set()));
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', cancel);
        rejections.delete(fail);
      };
      const fail = (error: Error) => {
        settle();
        reject(error);
      };
      rejections.add(fail);
      const timer = setTimeout(() => {
        settle();
        kill(worker);
        reject(new BudgetExceeded());
      }, budget);
      const cancel = () => fail(new RunCancelledError());
      options.signal?.addEventListener('abort', cancel, { once: true });
      worker.evaluate(shardRequest).then(
        (reply) => {
          settle();
          resolve(reply);
        },
        (error: unknown) => {
          settle();
          reject(options.signal?.aborted ? new RunCancelledError() : error);
        },
      );
    });

  /** Halves the rule set until the rules that overrun on this task stand alone. */
  const isolate = async (segmentIds: string[], rules: readonly string[]): Promise<string[]> => {
    if (rules.length === 0) return [];
    const worker = spawn();
    try {
      await runTimed(
        worker,
        taskFor(worker, { segmentIds, excludeRules: [...stopped], onlyRules: [...rules] }),
      );
      kill(worker);
      return [];
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
    }
    if (rules.length === 1) return [...rules];
    const half = Math.ceil(rules.length / 2);
    return [
      ...(await isolate(segmentIds, rules.slice(0, half))),
      ...(await isolate(segmentIds, rules.slice(half))),
    ];
  };

  try {
    for (;;) {
      const shards: Shard[] = new Array(tasks.length);
      let next = 0;
      let segmentsDone = 0;
      let events = 0;
      let overrun: string[] | null = null;
      const report = () =>
        options.onProgress?.({ segmentsDone, segmentsTotal: request.segmentIds.length, events });

      // Each lane keeps one worker busy: tasks are handed out one by one as it frees up (work
      // stealing), `depth` at a time so the next one is read while the current one evaluates.
      const lanes = Math.min(size, Math.max(tasks.length, 1));
      // A task is queued ahead only while every lane can still get one: at the end of the run a
      // lane never holds two tasks while another lane has none.
      const mayQueue = (queued: number) => queued === 0 || (queued < depth && tasks.length - next >= lanes);
      const lane = async (slot: number): Promise<void> => {
        const inFlight: { segmentIds: string[]; index: number; reply: Promise<ShardReply<Shard>> }[] = [];
        for (;;) {
          while (!failed && overrun === null && next < tasks.length && mayQueue(inFlight.length)) {
            const index = next++;
            const segmentIds = tasks[index]!;
            workers[slot] ??= spawn();
            const worker = workers[slot]!;
            const reply = runTimed(worker, taskFor(worker, { segmentIds, excludeRules: [...stopped] }));
            reply.catch(() => undefined); // awaited below, in order
            inFlight.push({ segmentIds, index, reply });
          }
          const task = inFlight.shift();
          if (!task || failed) return;
          try {
            const reply = await task.reply;
            shards[task.index] = reply.shard;
            segmentsDone += task.segmentIds.length;
            events += reply.events;
            for (const [step, ms] of Object.entries(reply.timing ?? {}))
              timing[step] = (timing[step] ?? 0) + ms;
            report();
          } catch (error) {
            if (error instanceof BudgetExceeded) overrun ??= task.segmentIds;
            else if (!(error instanceof Superseded)) {
              failed = true;
              throw error;
            }
            workers[slot] = undefined;
          }
        }
      };
      await Promise.all(Array.from({ length: lanes }, (_, slot) => lane(slot)));

      if (overrun === null) {
        succeeded = true;
        return { shards, events, errors, stoppedRules: [...stopped], workers: size, timing };
      }
      options.onProgress?.({
        segmentsDone,
        segmentsTotal: request.segmentIds.length,
        events,
        isolating: true,
      });
      const candidates = options.ruleIds.filter((id) => !stopped.has(id));
      const offenders = await isolate(overrun, candidates);
      if (offenders.length === 0)
        throw new WorkerCrashedError(
          `Evaluating segments ${overrun[0]} … took longer than the ${budget / 1000} s budget even without any one rule; the run was stopped.`,
        );
      for (const rule of offenders) {
        stopped.add(rule);
        errors.push({
          file: '',
          line: 0,
          column: 0,
          path: rule,
          severity: 'error',
          message: `Rule "${rule}" was stopped: evaluating it took longer than ${budget / 1000} s on one shard (a regular expression with catastrophic backtracking?). The run completed without it.`,
          suggestion:
            'Avoid nested quantifiers such as (a+)+ or (a|aa)* in `re` values and classifier patterns.',
        });
      }
    }
  } catch (error) {
    if (options.signal?.aborted) throw new RunCancelledError();
    throw error instanceof BudgetExceeded
      ? new WorkerCrashedError('A worker exceeded its time budget.')
      : error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Requests still waiting (on workers a failure terminated) settle now, their timers with them.
    for (const rejections of pending.values()) for (const reject of [...rejections]) reject(new Superseded());
    for (const worker of active) {
      if (succeeded && options.release) options.release(worker);
      else worker.terminate();
    }
    active.clear();
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
