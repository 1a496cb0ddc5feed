// The seam between the screens and evaluation: screens only ever see a RunOutcome. Runs go to the
// page's engine worker (engine.worker.ts), which holds the dataset and evaluates it in shards, so the
// page stays responsive while a run goes. The store's pooled run client (src/store/run-client.ts)
// can replace this without touching any screen.
import type { Alert, Diagnostic, PackFile } from '../../engine/types.ts';
import { engineWorker } from './engine-client.ts';
import * as Comlink from 'comlink';

export interface RunOutcome {
  alerts: Alert[];
  metrics: unknown;
  risk: unknown;
  errors: Diagnostic[];
  unmatchable: unknown;
}

export interface RunInput {
  packFiles: PackFile[];
  datasetId: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function evaluatePack(input: RunInput): Promise<RunOutcome> {
  const worker = engineWorker();
  const stop = () => void worker.cancel();
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    const outcome = await worker.evaluate(
      input.packFiles,
      input.datasetId,
      input.onProgress ? Comlink.proxy(input.onProgress) : undefined,
    );
    if (!outcome || input.signal?.aborted) throw new DOMException('The run was cancelled.', 'AbortError');
    return outcome;
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}
