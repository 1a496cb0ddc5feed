// user_deviation: today's count (or sum of `field`) against the same user's last `history` days.
// Days without activity count as zero — that is what "usual" means for a user who rarely copies
// to USB. Alert when today > mean + k·σ and today ≥ min-value, once the group has at least
// `min-history` days of its own history: for a user of the directory, days since the dataset's
// start or their employment start if later; for any other group (an unknown user, a host), days
// since its first activity.
import type { DatasetContext } from '../../types.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import {
  amountOf,
  datasetStart,
  dayOf,
  directoryIndex,
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
  const directory = directoryIndex(ctx);
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
    const days = [...perDay.entries()].sort(([a], [b]) => a - b);
    // The group's own history: a directory user's starts with their employment (or the dataset),
    // since their idle days are their habit; any other group's (an unknown user, a host) starts at
    // its first activity, so a first-ever event is never judged against zeros it did not live.
    const user = correlation.groupBy.length === 1 ? group.values['user.name'] : undefined;
    const person = typeof user === 'string' ? directory.get(user) : undefined;
    const hired = Date.parse(String(person?.employment?.start ?? ''));
    const ownFirst = person
      ? Math.max(firstDay, Number.isFinite(hired) ? dayOf(hired) : firstDay)
      : Math.max(firstDay, days[0]?.[0] ?? firstDay);
    for (const [day, today] of days) {
      if (day - ownFirst < settings.minHistory) continue;
      const from = Math.max(ownFirst, day - settings.historyDays);
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
