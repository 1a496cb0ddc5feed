// THE SEAM FOR THE WORKER POOL. Today a run evaluates on the main thread with the engine; the lead
// switches `evaluatePack` to the store's run client (src/store/run-client.ts → workers/) without
// touching any screen: screens only ever see a RunOutcome.
import type { DatasetContext, Diagnostic, EngineEvent, PackFile } from '../../engine/types.ts';

export interface RunOutcome {
  alerts: unknown[];
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

type EngineModule = Record<string, unknown>;
const candidates = import.meta.glob(['/src/engine/run/index.ts', '/src/engine/pack.ts', '/src/engine/index.ts']);

async function engineFunction(name: string): Promise<((...args: unknown[]) => unknown) | null> {
  for (const load of Object.values(candidates)) {
    const mod = (await load()) as EngineModule;
    if (typeof mod[name] === 'function') return mod[name] as (...args: unknown[]) => unknown;
  }
  return null;
}

export async function evaluatePack(input: RunInput): Promise<RunOutcome> {
  const compile = (await engineFunction('compilePack')) ?? (await engineFunction('buildPack'));
  const run = await engineFunction('runPack');
  if (!compile || !run) {
    throw new Error('The engine’s run module (src/engine/run) is not available in this build.');
  }
  input.onProgress?.(0, input.events.length);
  const compiled = (await compile(input.packFiles)) as Record<string, unknown>;
  const pack = 'ok' in compiled && 'value' in compiled ? compiled.value : (compiled.pack ?? compiled);
  const compileErrors = (compiled.errors as Diagnostic[] | undefined) ?? [];
  if (input.signal?.aborted) throw new DOMException('The run was cancelled.', 'AbortError');
  const result = (await run(pack, input.events, input.context)) as Record<string, unknown>;
  input.onProgress?.(input.events.length, input.events.length);
  return {
    alerts: (result.alerts as unknown[]) ?? [],
    metrics: result.metrics ?? null,
    risk: result.risk ?? null,
    errors: [...compileErrors, ...((result.errors as Diagnostic[] | undefined) ?? [])],
    unmatchable: result.unmatchable ?? [],
  };
}
