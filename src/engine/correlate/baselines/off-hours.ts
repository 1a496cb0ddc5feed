// off_hours: activity at an hour of the day (UTC) that is unusual for this user. An hour is usual
// when, over the user's previous `history` days, at least `min-share` of their activity fell
// within `tolerance` hours of it. Until `min-history` earlier events exist we only learn. Each
// event joins the history afterwards, so a lasting change of shift becomes usual. Unusual events
// of one day make one alert.
import type { DatasetContext } from '../../types.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { DAY_MS, dayOf, isoDay } from './history.ts';

export function evaluateOffHours(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  _ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const historyMs = settings.historyDays * DAY_MS;
  const detections: Detection[] = [];
  for (const group of groupOccurrences(correlation, occurrences)) {
    const items = sortOccurrences(group.items);
    const hours = new Array<number>(24).fill(0);
    let total = 0;
    let oldest = 0;
    let pending: {
      day: number;
      items: Occurrence[];
      hours: Set<number>;
      usual: number[];
      learned: number;
    } | null = null;
    const flush = () => {
      if (!pending) return;
      const odd = [...pending.hours]
        .sort((a, b) => a - b)
        .map(hourText)
        .join(', ');
      detections.push({
        items: pending.items,
        time: pending.items[0]!.time,
        group: group.values,
        summary:
          `${formatGroup(group.values)} was active at ${odd} UTC on ${isoDay(pending.day)} ` +
          `(${pending.items.length} events); usual hours are ${describeHours(pending.usual)} UTC, ` +
          `learned from ${pending.learned} events over the previous ${settings.historyDays} days.`,
        values: {
          events: pending.items.length,
          hours: odd,
          usual_hours: describeHours(pending.usual),
          learned_from: pending.learned,
          day: isoDay(pending.day),
        },
      });
      pending = null;
    };
    for (const item of items) {
      while (oldest < items.length && items[oldest]!.time < item.time - historyMs) {
        hours[hourOf(items[oldest]!.time)]! -= 1;
        total -= 1;
        oldest += 1;
      }
      const hour = hourOf(item.time);
      if (total >= settings.minHistory) {
        const usual = usualHours(hours, total, settings.minShare, settings.toleranceHours);
        if (!usual.includes(hour)) {
          const day = dayOf(item.time);
          if (pending && pending.day !== day) flush();
          pending ??= { day, items: [], hours: new Set(), usual, learned: total };
          pending.items.push(item);
          pending.hours.add(hour);
        }
      }
      hours[hour]! += 1;
      total += 1;
    }
    flush();
  }
  return detections;
}

function hourOf(time: number): number {
  return new Date(time).getUTCHours();
}

/**
 * The usual hours: an hour is usual when at least `minShare` of the past activity fell within
 * `tolerance` hours of it (wrapping at midnight). Activity spread thinly over neighbouring hours
 * thus makes them usual together, as the docs define it.
 */
export function usualHours(
  hours: readonly number[],
  total: number,
  minShare: number,
  tolerance: number,
): number[] {
  const usual: number[] = [];
  if (total <= 0) return usual;
  const reach = Math.min(Math.floor(tolerance), 11);
  for (let hour = 0; hour < 24; hour++) {
    let near = 0;
    for (let d = -reach; d <= reach; d++) near += hours[(((hour + d) % 24) + 24) % 24] ?? 0;
    if (near > 0 && near / total >= minShare) usual.push(hour);
  }
  return usual;
}

function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** [8,9,10,11,22] → "08:00–12:00, 22:00–23:00". */
export function describeHours(hours: readonly number[]): string {
  if (hours.length === 0) return 'none';
  if (hours.length === 24) return 'all day';
  const ranges: string[] = [];
  let start = hours[0]!;
  let previous = start;
  for (const h of [...hours.slice(1), -1]) {
    if (h === previous + 1) {
      previous = h;
      continue;
    }
    ranges.push(`${hourText(start)}–${hourText((previous + 1) % 24)}`);
    start = h;
    previous = h;
  }
  return ranges.join(', ');
}
