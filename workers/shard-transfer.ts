// A shard's result in a form that crosses thread boundaries cheaply. The worker that evaluated a
// shard reduces it first (src/engine/run/merge-shards.ts `reduceShard`): matches become the rule
// alerts they make (few) and the correlation occurrences they feed (most matches: building blocks
// of correlations), each with only the handful of fields correlations read. The occurrences become
// two columnar segments (the store's codec: dictionaries, typed arrays) whose ArrayBuffers are
// transferred, not copied. Everything else in the shard is small and stays plain.
import type { ReducedShard } from '../src/engine/run/merge-shards.ts';
import type { Occurrence } from '../src/engine/correlate/model.ts';
import type { EngineEvent } from '../src/engine/types.ts';
import {
  columnBuffers,
  decodeSegment,
  encodeSegment,
  type SegmentColumns,
} from '../src/store/segment-codec.ts';

export interface PackedShard extends Omit<ReducedShard, 'occurrences' | 'ruleAlertTimes'> {
  packed: true;
  ruleAlertTimes: Float64Array;
  /** rule, event id, time and user of each occurrence, as columns. */
  occurrenceHeads: SegmentColumns;
  /** Each occurrence's fields (only those correlations read), as columns. */
  occurrenceFields: SegmentColumns;
}

// Short keys: these are column names inside a packed shard, never seen outside this file.
const RULE = 'r';
const EVENT_ID = 'i';
const TIME = 't';
const USER = 'u';

function columnsOf(events: readonly EngineEvent[]): SegmentColumns {
  const { count, columns } = encodeSegment(events);
  return { count, columns };
}

export function packShard(shard: ReducedShard): PackedShard {
  const { occurrences, ruleAlertTimes, ...rest } = shard;
  const heads: EngineEvent[] = occurrences.map((o) => {
    // Occurrences of rule matches name exactly one event (see correlate occurrenceOf).
    if (o.eventIds.length !== 1) throw new Error('a shard occurrence must name exactly one event');
    return { [RULE]: o.rule, [EVENT_ID]: o.eventIds[0]!, [TIME]: o.time, [USER]: o.user };
  });
  return {
    ...rest,
    packed: true,
    ruleAlertTimes: Float64Array.from(ruleAlertTimes),
    occurrenceHeads: columnsOf(heads),
    occurrenceFields: columnsOf(occurrences.map((o) => o.fields)),
  };
}

export function unpackShard(packed: PackedShard): ReducedShard {
  const { packed: _packed, occurrenceHeads, occurrenceFields, ruleAlertTimes, ...rest } = packed;
  const heads = decodeSegment(occurrenceHeads);
  const fields = decodeSegment(occurrenceFields);
  const occurrences: Occurrence[] = heads.map((head, i) => ({
    rule: head[RULE] as string,
    time: head[TIME] as number,
    eventIds: [head[EVENT_ID] as string],
    user: (head[USER] ?? null) as string | null,
    fields: fields[i]!,
  }));
  return { ...rest, ruleAlertTimes: Array.from(ruleAlertTimes), occurrences };
}

/** The ArrayBuffers to transfer with a packed shard (each once: a repeated one fails postMessage). */
export function transferablesOf(shard: PackedShard): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([shard.ruleAlertTimes.buffer as ArrayBuffer]);
  for (const segment of [shard.occurrenceHeads, shard.occurrenceFields])
    for (const column of segment.columns) for (const buffer of columnBuffers(column)) buffers.add(buffer);
  return [...buffers];
}

export function isPackedShard(value: unknown): value is PackedShard {
  return typeof value === 'object' && value !== null && (value as { packed?: unknown }).packed === true;
}
