// The naive design's worker: receives the events themselves (structured clone), compiles the pack,
// tries every rule on every event — interpreting its YAML (issue 6's naive design) or, for
// comparison, running the engine's compiled rule — and sends every match back (cloned again).
import { compilePack } from '../../../src/engine/pack.ts';
import { mergeShards } from '../../../src/engine/run/index.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../../../src/engine/types.ts';
import { naiveEvaluate } from '../naive.ts';
import { interpretEvaluate } from '../naive-interpreter.ts';

export type NaiveMode = 'interpreted' | 'compiled';

interface NaiveRequest {
  packFiles: PackFile[];
  events: EngineEvent[];
  context: DatasetContext;
  mode: NaiveMode;
}

self.onmessage = (message: MessageEvent<NaiveRequest>) => {
  const { packFiles, events, context, mode } = message.data;
  const pack = compilePack(packFiles).pack;
  const evaluate = mode === 'compiled' ? naiveEvaluate : interpretEvaluate;
  const matches = evaluate(pack, events, context);
  const result = mergeShards(
    pack,
    [
      {
        matches,
        truth: { benignEvents: 0, labelled: [] },
        ruleCounts: {},
        errors: [],
        eventCount: events.length,
        fieldsSeen: [],
        categoriesSeen: [],
      },
    ],
    context,
  );
  self.postMessage({ matches, alerts: result.alerts });
};
