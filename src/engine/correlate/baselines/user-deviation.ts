// user_deviation: today's count (or sum of `field`) against the same user's last `history` days.
// Days without activity count as zero — that is what "usual" means for a user who rarely copies
// to USB. Alert when today > mean + k·σ and today ≥ min-value, once at least `min-history` days
// of history exist.
import type { DatasetContext } from '../../types.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import {
  amountOf,
  datasetStart,
  dayOf,
  formatAmount,
  isoDay,
  meanAndDeviation,
  measureName,
  round2,
} from './history.ts';

export function evaluateUserDeviation(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const field = settings.fields[0];
  const firstDay = dayOf(datasetStart(ctx, occurrences));
  const detections: Detection[] = [];
  for (const group of groupOccurrences(correlation, occurrences)) {
    const perDay = new Map<number, { amount: number; items: Occurrence[] }>();
    for (const item of sortOccurrences(group.items)) {
      const d = dayOf(item.time);
      const bucket = perDay.get(d) ?? { amount: 0, items: [] };
      bucket.amount += amountOf(correlation, item);
      bucket.items.push(item);
      perDay.set(d, bucket);
    }
    for (const [day, today] of [...perDay.entries()].sort(([a], [b]) => a - b)) {
      const from = Math.max(firstDay, day - settings.historyDays);
      if (day - from < settings.minHistory) continue;
      const history: number[] = [];
      for (let d = from; d < day; d++) history.push(perDay.get(d)?.amount ?? 0);
      const { mean, sigma } = meanAndDeviation(history);
      const threshold = mean + settings.k * sigma;
      if (today.amount <= threshold || today.amount < settings.minValue) continue;
      const last = today.items[today.items.length - 1]!;
      detections.push({
        items: today.items,
        time: last.time,
        group: group.values,
        summary:
          `${formatGroup(group.values)}: ${measureName(correlation)} on ${isoDay(day)} was ` +
          `${formatAmount(today.amount, field)} against a usual ${formatAmount(mean, field)} ± ` +
          `${formatAmount(sigma, field)} over the previous ${history.length} days ` +
          `(threshold mean + ${settings.k}σ = ${formatAmount(threshold, field)}).`,
        values: {
          today: round2(today.amount),
          mean: round2(mean),
          sigma: round2(sigma),
          k: settings.k,
          threshold: round2(threshold),
          history_days: history.length,
          day: isoDay(day),
        },
      });
    }
  }
  return detections;
}
