// sequence: the insider-risk pattern collection → exfiltration → obfuscation → clean-up, each
// step made by one or more rules, linked by a field (file.name by default; list file.previous_name
// too so a rename keeps the link), all within `timespan` of the chain's first event, for one
// group-by value (the user). Steps must come in order; a step may be skipped as long as
// `min-steps` distinct steps (default: all) are reached. One chain, one alert.
import type { DatasetContext } from '../../types.ts';
import { formatGroup, type Detection } from '../detection.ts';
import { fieldOf, groupOccurrences, sortOccurrences } from '../group-by.ts';
import type { CompiledCorrelation, Occurrence } from '../model.ts';
import { asText } from './history.ts';

interface Chain {
  start: number;
  lastStep: number;
  steps: Map<number, Occurrence[]>;
  /** Link values, compared without case as Sigma compares text (lower-cased → as first written). */
  links: Map<string, string>;
  items: Occurrence[];
  reachedAt: number | null;
}

export function evaluateSequence(
  correlation: CompiledCorrelation,
  occurrences: readonly Occurrence[],
  _ctx: DatasetContext,
): Detection[] {
  const settings = correlation.baseline!;
  const stepOf = new Map<string, number>();
  settings.steps.forEach((step, i) => {
    for (const rule of step.rules) if (!stepOf.has(rule)) stepOf.set(rule, i);
  });
  const ruleOrder = settings.steps.flatMap((s) => s.rules);
  const detections: Detection[] = [];
  for (const group of groupOccurrences(correlation, occurrences)) {
    const chains: Chain[] = [];
    const byLink = new Map<string, Chain[]>();
    for (const item of sortOccurrences(group.items, ruleOrder)) {
      const step = stepOf.get(item.rule);
      if (step === undefined) continue;
      const links = settings.link.flatMap((f) => asText(fieldOf(correlation, item, f)));
      if (links.length === 0) continue;
      const candidates = new Set<Chain>();
      for (const link of links) {
        for (const chain of byLink.get(link.toLowerCase()) ?? []) {
          if (item.time - chain.start <= correlation.timespanMs && chain.lastStep <= step)
            candidates.add(chain);
        }
      }
      if (candidates.size === 0) {
        const chain: Chain = {
          start: item.time,
          lastStep: step,
          steps: new Map(),
          links: new Map(),
          items: [],
          reachedAt: null,
        };
        chains.push(chain);
        candidates.add(chain);
      }
      for (const chain of candidates) {
        chain.items.push(item);
        chain.lastStep = Math.max(chain.lastStep, step);
        const list = chain.steps.get(step) ?? [];
        list.push(item);
        chain.steps.set(step, list);
        for (const link of links) {
          const key = link.toLowerCase();
          if (chain.links.has(key)) continue;
          chain.links.set(key, link);
          const list = byLink.get(key) ?? [];
          list.push(chain);
          byLink.set(key, list);
        }
        if (chain.reachedAt === null && chain.steps.size >= settings.minSteps) chain.reachedAt = item.time;
      }
    }
    for (const chain of chains) {
      if (chain.reachedAt === null) continue;
      const names = [...chain.steps.keys()].sort((a, b) => a - b).map((i) => settings.steps[i]!.name);
      const linkText = [...chain.links.values()].slice(0, 4).join(', ');
      const last = chain.items[chain.items.length - 1]!;
      const hours = Math.round(((last.time - chain.start) / 3_600_000) * 10) / 10;
      detections.push({
        items: chain.items,
        time: chain.reachedAt,
        group: group.values,
        summary:
          `${formatGroup(group.values)} went through ${names.join(' → ')} ` +
          `(${chain.steps.size} of ${settings.steps.length} steps) linked by ${settings.link.join('/')} = ${linkText}, ` +
          `over ${hours} h (window ${correlation.timespan}).`,
        values: {
          steps_seen: chain.steps.size,
          steps: settings.steps.length,
          sequence: names.join(' → '),
          linked_by: linkText,
          duration_hours: hours,
        },
      });
    }
  }
  return detections;
}
