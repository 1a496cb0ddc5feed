// Evaluates one Sigma correlation over the occurrences of the rules it references.
import { describeCondition } from '../condition.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { distinctEvents, groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence, SigmaCorrelationType } from '../model.ts';
import { eventCount } from './event-count.ts';
import { temporal, temporalOrdered } from './temporal.ts';
import { valueAvg, valuePercentile, valueSum } from './value-aggregate.ts';
import { valueCount } from './value-count.ts';
import { firingIndex, scanWindows, type WindowMetric } from './window.ts';
import { isoTime } from '../../import/event-time.ts';

const METRICS: Record<SigmaCorrelationType, (c: CompiledCorrelation) => WindowMetric> = {
  event_count: eventCount,
  value_count: valueCount,
  temporal: temporal,
  temporal_ordered: temporalOrdered,
  value_sum: valueSum,
  value_avg: valueAvg,
  value_percentile: valuePercentile,
};

const METRIC_NAMES: Record<SigmaCorrelationType, string> = {
  event_count: 'events',
  value_count: 'distinct values',
  temporal: 'rules matched',
  temporal_ordered: 'rules matched in order',
  value_sum: 'sum',
  value_avg: 'average',
  value_percentile: 'percentile',
};

export function evaluateSigmaCorrelation(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
): Detection[] {
  const type = correlation.type as SigmaCorrelationType;
  const perRule = type === 'temporal' || type === 'temporal_ordered';
  const detections: Detection[] = [];
  for (const group of groupOccurrences(correlation, occurrences)) {
    const sorted = sortOccurrences(group.items, correlation.rules);
    // temporal types count rules, so one event matched by two rules counts for both.
    const items = perRule ? sorted : distinctEvents(sorted);
    const hits = scanWindows(
      items,
      correlation.timespanMs,
      correlation.condition,
      METRICS[type](correlation),
    );
    for (const hit of hits) {
      const windowItems = items.slice(hit.start, hit.end + 1);
      const first = windowItems[0]!;
      const last = windowItems[windowItems.length - 1]!;
      const firedAt = hit.fired ?? firingIndex(items, hit, correlation.condition, METRICS[type](correlation));
      const fired = items[firedAt]!;
      // A metric judged as events arrived is the value of the events up to the firing one.
      const measured = hit.fired === undefined ? windowItems.length : hit.fired - hit.start + 1;
      detections.push({
        items: windowItems,
        time: fired.time,
        group: group.values,
        summary: summarize(correlation, type, hit.value, group.values, measured),
        values: {
          [METRIC_NAMES[type]]: round(hit.value),
          ...(measured === windowItems.length ? {} : { measured_events: measured }),
          events: windowItems.length,
          window_start: isoTime(first.time) ?? '',
          window_end: isoTime(last.time) ?? '',
          timespan: correlation.timespan,
          condition: describeCondition(correlation.condition),
        },
      });
    }
  }
  return detections;
}

/** "1 event", "3 events": a count with its noun, singular for exactly 1. */
const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

function summarize(
  correlation: CompiledCorrelation,
  type: SigmaCorrelationType,
  value: number,
  group: Detection['group'],
  events: number,
): string {
  const scope = formatGroup(group);
  const within = `within ${correlation.timespan} for ${scope}`;
  const cond = describeCondition(correlation.condition);
  const field = correlation.condition.fields.join('+');
  switch (type) {
    case 'event_count':
      return `${counted(value, 'event')} of ${correlation.rules.join(', ')} ${within} (condition: ${cond}).`;
    case 'value_count':
      return `${counted(value, 'distinct value')} of ${field} in ${counted(events, 'event')} ${within} (condition: ${cond}).`;
    case 'temporal':
      return `${value} of ${correlation.rules.length} rules (${correlation.rules.join(', ')}) matched ${within} (condition: ${cond}).`;
    case 'temporal_ordered':
      return `${value} of ${correlation.rules.length} rules matched in order ${correlation.rules.join(' → ')} ${within} (condition: ${cond}).`;
    case 'value_sum':
      return `${field} summed to ${round(value)} over ${counted(events, 'event')} ${within} (condition: ${cond}).`;
    case 'value_avg':
      return `${field} averaged ${round(value)} over ${counted(events, 'event')} ${within} (condition: ${cond}).`;
    case 'value_percentile':
      return `The ${correlation.condition.percentile ?? 50}th percentile of ${field} was ${round(value)} over ${counted(events, 'event')} ${within} (condition: ${cond}).`;
  }
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
