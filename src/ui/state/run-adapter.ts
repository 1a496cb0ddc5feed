// THE SEAM FOR THE WORKER POOL. Today a run evaluates on the main thread with the engine (compilePack
// + runPack); the lead switches `evaluatePack` to the store's run client (src/store/run-client.ts →
// workers/) without touching any screen: screens only ever see a RunOutcome.
import type { Alert, DatasetContext, Diagnostic, EngineEvent, PackFile } from '../../engine/types.ts';

export interface RunOutcome {
  alerts: Alert[];
  metrics: unknown;
  risk: unknown;
  errors: Diagnostic[];
  unmatchable: unknown;
}

export interface RunInput {
  packFiles: PackFile[];
  events: EngineEvent[];
  context: DatasetContext;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function evaluatePack(input: RunInput): Promise<RunOutcome> {
  const [{ compilePack }, { runPack }] = await Promise.all([
    import('../../engine/pack.ts'),
    import('../../engine/run/index.ts'),
  ]);
  input.onProgress?.(0, input.events.length);
  const compiled = compilePack(input.packFiles);
  if (input.signal?.aborted) throw new DOMException('The run was cancelled.', 'AbortError');
  const result = runPack(compiled.pack, input.events, input.context);
  input.onProgress?.(input.events.length, input.events.length);
  return {
    alerts: result.alerts,
    metrics: result.metrics,
    risk: result.risk,
    // Pack errors first: a rule that did not compile explains a missing alert better than anything.
    errors: [...compiled.errors, ...result.errors],
    unmatchable: result.unmatchable,
  };
}
