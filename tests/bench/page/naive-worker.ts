// The naive design's worker: receives the events themselves (structured clone), compiles the pack,
// tries every rule on every event, and sends every match back (cloned again).
import { compilePack } from '../../../src/engine/pack.ts';
import { mergeShards } from '../../../src/engine/run/index.ts';
import type { DatasetContext, EngineEvent, PackFile } from '../../../src/engine/types.ts';
import { naiveEvaluate } from '../naive.ts';

interface NaiveRequest {
  packFiles: PackFile[];
  events: EngineEvent[];
  context: DatasetContext;
}

self.onmessage = (message: MessageEvent<NaiveRequest>) => {
  const { packFiles, events, context } = message.data;
  const pack = compilePack(packFiles).pack;
  const matches = naiveEvaluate(pack, events, context);
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
