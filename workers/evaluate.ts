// The evaluation worker: one per core, driven by workers/pool.ts through src/store/run-client.ts.
import * as Comlink from 'comlink';
import { openSimulatorDatabase, type SimulatorDatabase } from '../src/store/db.ts';
import { boundEngine } from './engine-binding.ts';
import { createEvaluator } from './evaluate-job.ts';

let database: Promise<SimulatorDatabase> | undefined;
const evaluator = createEvaluator(() => (database ??= openSimulatorDatabase()), boundEngine);

export type EvaluateWorkerApi = typeof evaluator;

Comlink.expose(evaluator);
