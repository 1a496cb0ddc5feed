// first_seen: a user (or whatever group-by names) touches a value of `field` — a resource, host,
// domain, device, share — never seen for them before. The first `learning` period only learns;
// it starts at the dataset's start, or at the user's employment start when that is later, so a
// new joiner is not flooded with "firsts". New values of one day make one alert.
import type { DatasetContext } from '../../types.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { fieldOf, groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { asText, datasetStart, dayOf, directoryIndex, isoDay } from './history.ts';

export function evaluateFirstSeen(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const start = datasetStart(ctx, occurrences);
  const directory = directoryIndex(ctx);
  const detections: Detection[] = [];
  for (const group of groupOccurrences(correlation, occurrences)) {
    const items = sortOccurrences(group.items);
    const user = typeof group.values['user.name'] === 'string' ? group.values['user.name'] : null;
    const joined = user ? Date.parse(String(directory.get(user)?.employment?.start ?? '')) : NaN;
    const learningEnd = Math.max(start, Number.isFinite(joined) ? joined : start) + settings.learningMs;
    // Values are compared as Sigma compares strings, case-insensitively ("HostA" = "hosta"); an
    // alert shows each new value as first written.
    const seen = new Set<string>();
    let day = -1;
    let current: { items: Occurrence[]; values: string[] } | null = null;
    const flush = () => {
      if (!current) return;
      const last = current.items[current.items.length - 1]!;
      const shown = current.values.slice(0, 5).join(', ') + (current.values.length > 5 ? ', …' : '');
      detections.push({
        items: current.items,
        time: current.items[0]!.time,
        group: group.values,
        summary:
          `${formatGroup(group.values)} touched ${current.values.length} ${settings.fields.join('+')} ` +
          `value(s) never seen before on ${isoDay(dayOf(last.time))}: ${shown} ` +
          `(after learning for ${Math.round(settings.learningMs / 86_400_000)} days; ${seen.size - current.values.length} values known before).`,
        values: {
          new_values: current.values.length,
          known_values: seen.size - current.values.length,
          first_new: current.values[0] ?? '',
          learning_days: Math.round(settings.learningMs / 86_400_000),
        },
      });
      current = null;
    };
    for (const item of items) {
      const values = valuesOf(correlation, item);
      if (item.time < learningEnd) {
        for (const v of values) seen.add(v.toLowerCase());
        continue;
      }
      const fresh = values.filter((v) => !seen.has(v.toLowerCase()));
      if (fresh.length === 0) continue;
      const d = dayOf(item.time);
      if (d !== day) {
        flush();
        day = d;
      }
      current ??= { items: [], values: [] };
      current.items.push(item);
      for (const v of fresh) {
        seen.add(v.toLowerCase());
        current.values.push(v);
      }
    }
    flush();
  }
  return detections;
}

function valuesOf(correlation: CompiledCorrelation, item: Occurrence): string[] {
  const fields = correlation.baseline!.fields;
  // One value per event once, however often a list repeats it (case-insensitively); an empty
  // string names nothing, as a missing field does.
  const distinct = (values: string[]) => {
    const keys = new Set<string>();
    return values.filter((v) => {
      const key = v.toLowerCase();
      if (key === '' || keys.has(key)) return false;
      keys.add(key);
      return true;
    });
  };
  if (fields.length === 1) return distinct(asText(fieldOf(correlation, item, fields[0]!)));
  const parts = fields.map((f) => distinct(asText(fieldOf(correlation, item, f))).join('|'));
  return parts.some((p) => p === '') ? [] : [parts.join(' / ')];
}
