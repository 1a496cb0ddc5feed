// The column prefilter against real rules: a pool worker passes over, without making them, the
// events of a segment none of whose candidate rules can match (`ColumnPrefilter`). Over every
// stored SigmaHQ rule, and events built from the rules' own fields and values (so they match, and
// nearly match), the shard of per-segment sources must equal the shard of the same events made
// one by one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { compilePack } from '../../src/engine/pack.ts';
import { startShard, type ShardResult } from '../../src/engine/run/evaluate-shard.ts';
import type { DatasetContext, EngineEvent, EventValue, PackFile } from '../../src/engine/types.ts';
import { decodeSegment, encodeSegment } from '../../src/store/segment-codec.ts';
import { countedSource } from '../store/counted-source.ts';

const root = join(import.meta.dirname, 'sigmahq');
const files: PackFile[] = readdirSync(root)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(root, name), 'utf8') }));

const context: DatasetContext = {
  manifest: { id: 'conformance', title: 'conformance' },
  directory: [{ name: 'ann', department: 'finance' }],
  resources: [],
  entitlements: [],
  scenarios: [],
};

/** A value the item `key: raw` holds for (wildcards filled, the modifier's position honoured). */
function valueFor(key: string, raw: unknown): EventValue | undefined {
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') return undefined;
  const modifiers = key.split('|').slice(1);
  const text = raw.replace(/\*/g, 'x').replace(/\?/g, 'y');
  if (modifiers.includes('contains')) return `pre ${text} post`;
  if (modifiers.includes('endswith')) return `C:\\pre${text}`;
  if (modifiers.includes('startswith')) return `${text}post`;
  return text;
}

/** Field → value of each map of a rule's detection (the first value of a list). */
function selectionsOf(detection: Record<string, unknown>): Record<string, EventValue>[] {
  const maps: Record<string, EventValue>[] = [];
  const fromMap = (map: Record<string, unknown>) => {
    const event: Record<string, EventValue> = {};
    for (const [key, raw] of Object.entries(map)) {
      const value = valueFor(key, Array.isArray(raw) ? raw[0] : raw);
      if (value !== undefined) event[key.split('|')[0]!] = value;
    }
    maps.push(event);
  };
  for (const [name, selection] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    if (Array.isArray(selection)) {
      for (const entry of selection)
        if (entry && typeof entry === 'object') fromMap(entry as Record<string, unknown>);
    } else if (selection && typeof selection === 'object') fromMap(selection as Record<string, unknown>);
  }
  return maps;
}

/** Per rule: its selections' values together, each alone, and each with one value changed. */
function eventsFromRules(): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (const file of files)
    for (const document of parseAllDocuments(file.text)) {
      const rule = document.toJS() as {
        logsource?: { category?: string };
        detection?: Record<string, unknown>;
      } | null;
      if (!rule?.detection) continue;
      const base: EngineEvent = {
        '@timestamp': `2026-03-0${1 + (events.length % 7)}T${String(events.length % 24).padStart(2, '0')}:00:00Z`,
        'user.name': events.length % 3 ? 'ann' : 'bo',
      };
      if (rule.logsource?.category) base['event.category'] = rule.logsource.category;
      const maps = selectionsOf(rule.detection);
      events.push({ ...base, ...Object.assign({}, ...maps) });
      for (const map of maps) {
        events.push({ ...base, ...map });
        const [field] = Object.keys(map);
        if (field) events.push({ ...base, ...map, [field]: 'something else' });
      }
    }
  return events;
}

/** A keyword search (scalars, or a map key with no field: `'|all'`) reads every field: it may match any event. */
function searchesKeywords(file: PackFile): boolean {
  const keyword = (selection: unknown): boolean =>
    typeof selection === 'string' ||
    typeof selection === 'number' ||
    (Array.isArray(selection) && selection.some(keyword)) ||
    (selection !== null &&
      typeof selection === 'object' &&
      !Array.isArray(selection) &&
      Object.keys(selection).some((key) => key.split('|')[0] === ''));
  return parseAllDocuments(file.text).some((document) => {
    const detection = (document.toJS() as { detection?: Record<string, unknown> } | null)?.detection ?? {};
    return Object.entries(detection).some(
      ([name, selection]) => name !== 'condition' && name !== 'timeframe' && keyword(selection),
    );
  });
}

function shardOf(
  list: EngineEvent[],
  bySegment: boolean,
  rules: PackFile[],
): { result: ShardResult; made: number } {
  const { pack, errors } = compilePack(rules);
  expect(errors).toEqual([]);
  const shard = startShard(pack, context);
  let made = 0;
  for (let at = 0; at < list.length; at += 50) {
    const segment = encodeSegment(list.slice(at, at + 50));
    if (!bySegment) {
      shard.add(decodeSegment(segment));
      continue;
    }
    const counted = countedSource(segment, () => made++);
    shard.add(counted);
  }
  return { result: shard.finish(), made };
}

describe('the column prefilter on SigmaHQ rules', () => {
  const events = eventsFromRules();

  it('passes over only events no rule matches', () => {
    // Without the keyword searches, which may match any event (so nothing would be passed over).
    const rules = files.filter((file) => !searchesKeywords(file));
    expect(rules.length).toBeGreaterThan(150);
    expect(events.length).toBeGreaterThan(500);
    const whole = shardOf(events, false, rules).result;
    const filtered = shardOf(events, true, rules);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole));
    // The events were built to match: many rules did, and many events were still passed over.
    expect(Object.keys(whole.ruleCounts).length).toBeGreaterThan(60);
    expect(filtered.made).toBeLessThan(events.length * 0.8);
  });

  it('gives the same shard with the keyword searches, which leave nothing to pass over', () => {
    const whole = shardOf(events, false, files).result;
    const filtered = shardOf(events, true, files);
    expect(JSON.stringify(filtered.result)).toBe(JSON.stringify(whole));
    expect(filtered.made).toBe(events.length);
  });
});
