// A profiling aid, not part of `npm run bench`: the engine as a pool worker runs it (events decoded
// from 5,000-event segments), with variants toggled through `globalThis.VARIANT` in one process,
// alternating, best of N rounds each, so an A/B of an engine change is not drowned by load swings.
// Prints a hash of the shard and of a two-shard merge, which an engine change must keep.
//   npx esbuild tests/bench/prof-engine.mts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.prof/b/p.mjs && node [--cpu-prof] .prof/b/p.mjs 100000 array,rows 6
// (`.prof/b/` keeps the bundle two folders deep, where src/cli finds sample-data and policies.)
// Variant `array` decodes every segment first; `rows` adds one segment at a time, decoding each
// event when evaluated (as a pool worker does, with the column prefilter); `multi` is `rows` as one
// source of every segment, which has no columns to prefilter (`lean-multi`: `lean`'s). A path in
// place of the count reads that dataset instead (as `cli evaluate --data` does).
import { createHash } from 'node:crypto';
import { readPackFiles } from '../../src/cli/pack-files.ts';
import { readDataset } from '../../src/cli/read-dataset.ts';
import { readScenarios } from '../../src/cli/scenario-files.ts';
import type { CompiledRule } from '../../src/engine/compile/rule.ts';
import { RuleIndex } from '../../src/engine/evaluate/rule-index.ts';
import { compilePack, type CompiledPack } from '../../src/engine/pack.ts';
import { mergeShards, startShard, type ShardOptions, type ShardResult } from '../../src/engine/run/index.ts';
import { occurrencesOnly } from '../../src/engine/run/merge-shards.ts';
import { decodeSegment, encodeSegment, type EncodedSegment } from '../../src/store/segment-codec.ts';
import { segmentEvents } from '../../src/store/segment-events.ts';
import { benchDatasetOf } from './bench-dataset.ts';

// The first argument is an event count (generated bench data) or a dataset path (`cli evaluate --data`).
const dataPath = Number.isNaN(Number(process.argv[2] ?? 100_000)) ? process.argv[2] : undefined;
const variants = (process.argv[3] ?? 'rows').split(',');
const rounds = Number(process.argv[4] ?? 5);
const { events: generated, context } = dataPath
  ? await readDataset(dataPath)
  : benchDatasetOf(readScenarios(), Number(process.argv[2] ?? 100_000));
const total = generated.length;
const segments: EncodedSegment[] = [];
for (let at = 0; at < generated.length; at += 5000)
  segments.push(encodeSegment(generated.slice(at, at + 5000)));
const fullPack = compilePack(await readPackFiles('policies/default')).pack;
// Variants `no-rules` and `no-content-rules` (decoded like `rows`) split the cost per event: the
// pass itself, the rules that read no content, the content rules.
const withRules = (keep: (rule: CompiledRule) => boolean): CompiledPack => {
  const rules = fullPack.rules.filter(keep);
  return { ...fullPack, rules, index: new RuleIndex(rules) };
};
const packs: Record<string, CompiledPack> = {
  'no-rules': withRules(() => false),
  'no-content-rules': withRules((rule) => rule.contentNeeds.size === 0),
};
const flags = globalThis as { VARIANT?: string };
// Variant `lean` is `rows` as a pool worker asks for it: matches that only feed correlations made
// as lean as the reduction keeps them (its shard hash differs; its merge hash must not).
const optionsFor = (variant: string) =>
  variant.startsWith('lean') ? { occurrencesOnly: occurrencesOnly(fullPack) } : {};
/** The shard of `list` as the variant feeds it (see above). */
const evaluateSegments = (
  pack: CompiledPack,
  list: EncodedSegment[],
  ctx: typeof context,
  options: ShardOptions,
): ShardResult => {
  const shard = startShard(pack, ctx, options);
  if (flags.VARIANT === 'array') shard.add(list.flatMap((segment) => decodeSegment(segment)));
  else if (flags.VARIANT?.endsWith('multi')) shard.add(segmentEvents(list));
  else for (const segment of list) shard.add(segmentEvents([segment]));
  return shard.finish();
};
const hash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

const best = new Map<string, number>();
for (let round = 0; round < rounds; round++)
  for (const variant of variants) {
    flags.VARIANT = variant;
    const pack = packs[variant] ?? fullPack;
    if (round === 0) {
      evaluateSegments(pack, segments.slice(0, 4), context, optionsFor(variant));
      const whole = evaluateSegments(pack, segments, context, optionsFor(variant));
      const half = Math.floor(segments.length / 2);
      const first = evaluateSegments(pack, segments.slice(0, half), context, optionsFor(variant));
      const second = evaluateSegments(pack, segments.slice(half), context, {
        ...optionsFor(variant),
        firstIndex: half * 5000,
      });
      const merged = mergeShards(pack, [first, second], context);
      console.log(`${variant}: shard ${hash(whole)}, merge ${hash(merged)}, ${whole.matches.length} matches`);
    }
    const cpu = process.cpuUsage();
    evaluateSegments(pack, segments, context, optionsFor(variant));
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    best.set(variant, Math.min(best.get(variant) ?? Infinity, ms));
  }
for (const [variant, ms] of best)
  console.log(
    `${variant}: best ${ms.toFixed(0)} ms CPU, ${((ms * 1000) / total).toFixed(2)} µs per event (decode included)`,
  );
