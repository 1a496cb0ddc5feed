// cumulative_exfiltration: a user's exfiltration over every channel the referenced rules cover
// (USB, personal mail, cloud upload, print, …), summed (`field`, e.g. file.size) or counted over
// the trailing `timespan` (default 30d), judged each day against the organisation's norm and the
// peer group's norm (mean + k·σ of everyone else's trailing total, zeros included). Alerts when
// the total crosses the norm(s) — `exceeds: both` (default) or `either` — and not again until it
// falls back below.
import type { DatasetContext } from '../../types.ts';
import { type Detection } from '../detection.ts';
import { sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { amountOf, dayOf, formatAmount, isoDay, measureName, round2 } from './history.ts';
import { peerIndex } from './peers.ts';

export function evaluateCumulativeExfiltration(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const field = settings.fields[0];
  const windowDays = Math.max(1, Math.round(correlation.timespanMs / 86_400_000));
  const peers = peerIndex(ctx, occurrences, settings.peer);
  const users = new Set(peers.everyone());
  const daily = new Map<string, Map<number, { amount: number; items: Occurrence[] }>>();
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const item of sortOccurrences([...occurrences])) {
    if (item.user === null) continue;
    users.add(item.user);
    const d = dayOf(item.time);
    firstDay = Math.min(firstDay, d);
    lastDay = Math.max(lastDay, d);
    const days = daily.get(item.user) ?? new Map();
    const entry = days.get(d) ?? { amount: 0, items: [] };
    entry.amount += amountOf(correlation, item);
    entry.items.push(item);
    days.set(d, entry);
    daily.set(item.user, days);
  }
  const everyone = [...users].sort();
  const trailing = new Map<string, number>(everyone.map((u) => [u, 0]));
  const alerting = new Set<string>();
  const detections: Detection[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const user of everyone) {
      const days = daily.get(user);
      const added = days?.get(day)?.amount ?? 0;
      const dropped = days?.get(day - windowDays)?.amount ?? 0;
      trailing.set(user, (trailing.get(user) ?? 0) + added - dropped);
    }
    const totals = everyone.map((u) => trailing.get(u) ?? 0);
    const sum = totals.reduce((a, b) => a + b, 0);
    const squares = totals.reduce((a, b) => a + b * b, 0);
    for (const user of everyone) {
      const total = trailing.get(user) ?? 0;
      const today = daily.get(user)?.get(day);
      const org = normWithout(sum, squares, everyone.length, total, settings.k);
      const peer = peers.peerOf(user);
      const peerTotals =
        peer === null
          ? []
          : peers
              .members(peer)
              .filter((u) => u !== user)
              .map((u) => trailing.get(u) ?? 0);
      const peerNorm = peerTotals.length >= 2 ? norm(peerTotals, settings.k) : null;
      const overOrg = org !== null && total > org.threshold;
      const overPeer = peerNorm !== null && total > peerNorm.threshold;
      const over =
        total >= settings.minValue &&
        (settings.exceeds === 'both' ? overOrg && (overPeer || peerNorm === null) : overOrg || overPeer);
      if (!over) {
        alerting.delete(user);
        continue;
      }
      if (alerting.has(user) || !today) continue;
      alerting.add(user);
      const items: Occurrence[] = [];
      for (let d = day - windowDays + 1; d <= day; d++)
        for (const item of daily.get(user)?.get(d)?.items ?? []) items.push(item);
      const peerText = peerNorm
        ? `peer group ${settings.peer} "${peer}" norm ${formatAmount(peerNorm.threshold, field)} (mean ${formatAmount(peerNorm.mean, field)})`
        : `no peer group to compare with`;
      detections.push({
        items,
        time: today.items[today.items.length - 1]!.time,
        group: { 'user.name': user },
        summary:
          `${user}: ${measureName(correlation)} over the ${windowDays} days to ${isoDay(day)} reached ` +
          `${formatAmount(total, field)}, above the organisation's norm ${formatAmount(org?.threshold ?? 0, field)} ` +
          `(mean ${formatAmount(org?.mean ?? 0, field)} over ${everyone.length - 1} users) and ${peerText}.`,
        values: {
          total: round2(total),
          org_mean: round2(org?.mean ?? 0),
          org_threshold: round2(org?.threshold ?? 0),
          peer_mean: round2(peerNorm?.mean ?? 0),
          peer_threshold: round2(peerNorm?.threshold ?? 0),
          window_days: windowDays,
          day: isoDay(day),
        },
      });
    }
  }
  return detections;
}

function norm(values: readonly number[], k: number): { mean: number; threshold: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, threshold: mean + k * Math.sqrt(variance) };
}

/** Mean + k·σ of everyone but one user, from the sums over everyone. */
function normWithout(sum: number, squares: number, n: number, own: number, k: number) {
  const m = n - 1;
  if (m < 1) return null;
  const mean = (sum - own) / m;
  const variance = Math.max(0, (squares - own * own) / m - mean * mean);
  return { mean, threshold: mean + k * Math.sqrt(variance) };
}
