// A shard's result in a form that crosses thread boundaries cheaply. The bulk of a ShardResult is
// its matches, each carrying the joined event (user.*, resource.* facts repeated on every match of
// the same user) and an explanation. Structured clone copies every one of those objects, key by
// key; here they become two columnar segments (the store's codec: dictionaries, typed arrays), whose
// ArrayBuffers are transferred, not copied. Everything else in the shard is small and stays plain.
import type { ShardResult } from '../src/engine/run/index.ts';
import type { EngineEvent, Explanation, RuleMatch } from '../src/engine/types.ts';
import {
  decodeSegment,
  encodeSegment,
  type EncodedColumn,
  type SegmentColumns,
} from '../src/store/segment-codec.ts';

export interface PackedShard extends Omit<ShardResult, 'matches'> {
  packed: true;
  /** rule, eventId, time, user and explanation of each match, as columns. */
  matchHeads: SegmentColumns;
  /** Each match's joined event, as columns. */
  matchEvents: SegmentColumns;
}

// Short keys: these are column names inside a packed shard, never seen outside this file.
const RULE = 'r';
const EVENT_ID = 'i';
const TIME = 't';
const USER = 'u';
const EXPLANATION = 'x';

function columnsOf(events: readonly EngineEvent[]): SegmentColumns {
  const { count, columns } = encodeSegment(events);
  return { count, columns };
}

export function packShard(shard: ShardResult): PackedShard {
  const { matches, ...rest } = shard;
  const heads: EngineEvent[] = matches.map((m) => ({
    [RULE]: m.rule,
    [EVENT_ID]: m.eventId,
    [TIME]: m.time,
    [USER]: m.user,
    // Explanations nest (selections → fields → values): JSON keeps them exact and cheap to clone.
    [EXPLANATION]: JSON.stringify(m.explanation),
  }));
  return {
    ...rest,
    packed: true,
    matchHeads: columnsOf(heads),
    matchEvents: columnsOf(matches.map((m) => m.event)),
  };
}

export function unpackShard(packed: PackedShard): ShardResult {
  const { packed: _packed, matchHeads, matchEvents, ...rest } = packed;
  const heads = decodeSegment(matchHeads);
  const events = decodeSegment(matchEvents);
  const matches: RuleMatch[] = heads.map((head, i) => ({
    rule: head[RULE] as string,
    eventId: head[EVENT_ID] as string,
    time: head[TIME] as number,
    user: (head[USER] ?? null) as string | null,
    event: events[i]!,
    explanation: JSON.parse(head[EXPLANATION] as string) as Explanation,
  }));
  return { ...rest, matches };
}

function buffersOf(column: EncodedColumn): ArrayBuffer[] {
  switch (column.kind) {
    case 'dictionary':
    case 'json-dictionary':
      return [column.codes];
    case 'number':
    case 'time':
      return [column.values];
    case 'text':
      return [column.bytes, column.offsets, column.present];
    case 'raw':
      return [];
  }
}

/** The ArrayBuffers to transfer with a packed shard (each once: a repeated one fails postMessage). */
export function transferablesOf(shard: PackedShard): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const segment of [shard.matchHeads, shard.matchEvents])
    for (const column of segment.columns) for (const buffer of buffersOf(column)) buffers.add(buffer);
  return [...buffers];
}

export function isPackedShard(value: unknown): value is PackedShard {
  return typeof value === 'object' && value !== null && (value as { packed?: unknown }).packed === true;
}
