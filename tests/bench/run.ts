// `npm run bench [-- --json <file>]`: the Node part of the benchmarks (segment codec, content
// bytes). Figures the browser part or the engine must supply are reported as null until they exist.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeSegment, encodeSegment, type EncodedSegment } from '../../src/store/segment-codec.ts';
import { DEFAULT_SEGMENT_SIZE } from '../../src/store/dataset-writer.ts';
import { syntheticEvents } from './synthetic-events.ts';

interface BenchReport {
  store_1m_s: number | null;
  evaluate_1m_s: number | null;
  speedup_2_workers: number | null;
  naive_ratio: number | null;
  ripgrep_ratio: number | null;
  peak_memory_mb: number | null;
  events_per_s: number | null;
  codec: {
    events: number;
    encode_events_per_s: number;
    decode_events_per_s: number;
    stored_mb: number;
    json_mb: number;
  };
  notes: string[];
}

function jsonPath(argv: string[]): string | undefined {
  const at = argv.indexOf('--json');
  return at >= 0 ? argv[at + 1] : undefined;
}

function benchCodec(count: number) {
  const events = [...syntheticEvents(count)];
  const jsonBytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
  let t = performance.now();
  const segments: EncodedSegment[] = [];
  for (let i = 0; i < events.length; i += DEFAULT_SEGMENT_SIZE)
    segments.push(encodeSegment(events.slice(i, i + DEFAULT_SEGMENT_SIZE)));
  const encodeS = (performance.now() - t) / 1000;
  t = performance.now();
  let decoded = 0;
  for (const segment of segments) decoded += decodeSegment(segment).length;
  const decodeS = (performance.now() - t) / 1000;
  const stored = segments.reduce((sum, s) => sum + s.summary.bytes, 0);
  return {
    events: decoded,
    encode_events_per_s: Math.round(count / encodeS),
    decode_events_per_s: Math.round(count / decodeS),
    stored_mb: +(stored / 2 ** 20).toFixed(1),
    json_mb: +(jsonBytes / 2 ** 20).toFixed(1),
  };
}

const codec = benchCodec(Number(process.env.BENCH_EVENTS ?? 1_000_000));
const report: BenchReport = {
  store_1m_s: null,
  evaluate_1m_s: null,
  speedup_2_workers: null,
  naive_ratio: null,
  ripgrep_ratio: null,
  peak_memory_mb: +(process.memoryUsage().rss / 2 ** 20).toFixed(0),
  events_per_s: null,
  codec,
  notes: [
    'Node part only: the engine run module (src/engine/run) and the headless-Chromium part are not wired yet; their keys are null.',
    'peak_memory_mb is this Node process RSS after the codec run, not the browser.',
  ],
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const out = jsonPath(process.argv.slice(2));
if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
