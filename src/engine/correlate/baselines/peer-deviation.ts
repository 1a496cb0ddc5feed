// peer_deviation: a user's count (or sum of `field`) per `timespan` bucket (default one day)
// against the same bucket of their peers (same department, role, … — `peer`). Peers with no
// activity count as zero. Alert when the user > peers' mean + k·σ and ≥ min-value; a peer group
// needs at least two other members to be a norm. Buckets start at the UTC midnight of the dataset's
// first day. Peers are users, so the group is always the user (compile refuses another group-by).
import type { DatasetContext } from '../../types.ts';
import { type Detection } from '../detection.ts';
import { sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import {
  amountOf,
  datasetStart,
  DAY_MS,
  dayOf,
  formatAmount,
  meanAndDeviation,
  measureName,
  round2,
} from './history.ts';
import { peerIndex } from './peers.ts';
import { isoTime } from '../../import/event-time.ts';

export function evaluatePeerDeviation(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const field = settings.fields[0];
  // Buckets are counted from the UTC midnight of the dataset's first day ("days are UTC days").
  const start = dayOf(datasetStart(ctx, occurrences)) * DAY_MS;
  const span = correlation.timespanMs;
  const peers = peerIndex(ctx, occurrences, settings.peer);
  // bucket → user → activity
  const buckets = new Map<number, Map<string, { amount: number; items: Occurrence[] }>>();
  for (const item of sortOccurrences([...occurrences])) {
    if (item.user === null) continue;
    const b = Math.floor((item.time - start) / span);
    const users = buckets.get(b) ?? new Map();
    const entry = users.get(item.user) ?? { amount: 0, items: [] };
    entry.amount += amountOf(correlation, item);
    entry.items.push(item);
    users.set(item.user, entry);
    buckets.set(b, users);
  }
  const detections: Detection[] = [];
  for (const [b, users] of [...buckets.entries()].sort(([x], [y]) => x - y)) {
    for (const [user, activity] of [...users.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const peer = peers.peerOf(user);
      if (peer === null) continue;
      const others = peers.members(peer).filter((u) => u !== user);
      if (others.length < 2) continue;
      const { mean, sigma } = meanAndDeviation(others.map((u) => users.get(u)?.amount ?? 0));
      const threshold = mean + settings.k * sigma;
      if (activity.amount <= threshold || activity.amount < settings.minValue) continue;
      const bucketStart = isoTime(start + b * span) ?? '';
      detections.push({
        items: activity.items,
        time: activity.items[activity.items.length - 1]!.time,
        group: { 'user.name': user, [`user.${settings.peer}`]: peer },
        summary:
          `${user}: ${measureName(correlation)} in the ${correlation.timespan} from ${bucketStart} was ` +
          `${formatAmount(activity.amount, field)}, while the ${others.length} other members of ` +
          `${settings.peer} "${peer}" averaged ${formatAmount(mean, field)} ± ${formatAmount(sigma, field)} ` +
          `(threshold mean + ${settings.k}σ = ${formatAmount(threshold, field)}).`,
        values: {
          user_value: round2(activity.amount),
          peer_mean: round2(mean),
          peer_sigma: round2(sigma),
          k: settings.k,
          threshold: round2(threshold),
          peers: others.length,
          peer_group: peer,
          bucket_start: bucketStart,
        },
      });
    }
  }
  return detections;
}
