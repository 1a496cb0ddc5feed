// Metrics against ground truth. Definitions (also in docs/behaviour-and-access.md):
// - an alert is a true positive when any of its events is labelled (`labels.scenario`), else a
//   false positive;
// - precision = TP alerts / alerts (0 when there are no alerts);
// - a scenario step is detected when any alert lists one of its labelled events; recall of a
//   scenario = steps detected / steps (steps from the dataset's scenario truth, else the steps
//   seen in labels); overall recall = all steps detected / all steps; F1 = 2PR / (P + R);
// - a rule's recall counts the steps its own alerts detect, over all steps;
// - fp_per_1000_benign = false-positive alerts per 1,000 unlabelled events;
// - simulated actions: events of `block`/`quarantine` alerts of single-event rules and access
//   policies (a correlation fires after the fact and blocks nothing): labelled ones are prevented
//   harm, unlabelled ones are business disruption.
import type { Alert, DatasetContext, TruthTally } from '../types.ts';
import { timeValue } from '../import/event-time.ts';

export interface RuleMetrics {
  alerts: number;
  tp: number;
  fp: number;
  precision: number;
  recall: number;
  f1: number;
  steps_detected: number;
}

export interface ScenarioMetrics {
  detected: boolean;
  recall: number;
  first_detected_step: number | null;
  steps: number;
  steps_detected: number;
  detected_steps: number[];
  missed_steps: number[];
  fn: number;
  /** The scenario's title and category, null for one known only from event labels. */
  title?: string | null;
  category?: string | null;
  /** Minutes from the scenario's first labelled event to its first true-positive alert. */
  time_to_detect_minutes: number | null;
  rules: string[];
}

export interface Metrics {
  overall: {
    precision: number;
    recall: number;
    f1: number;
    alerts: number;
    true_positive_alerts: number;
    false_positive_alerts: number;
    benign_events: number;
    fp_per_1000_benign: number;
    scenarios: number;
    scenarios_detected: number;
    steps: number;
    steps_detected: number;
  };
  rules: Record<string, RuleMetrics>;
  scenarios: Record<string, ScenarioMetrics>;
  actions: {
    blocked_malicious_events: number;
    blocked_benign_events: number;
    warned_malicious_events: number;
    warned_benign_events: number;
    damaging_steps: number;
    prevented_damaging_steps: number;
  };
}

const PREVENTIVE = new Set(['rule', 'access']);

/**
 * `alerting`: the ids of every rule and correlation that can raise an alert (`alertingIds`); each is
 * listed under `rules`, with 0 alerts when it raised none, so a rule that missed is seen to miss.
 */
export function computeMetrics(
  alerts: Alert[],
  truth: TruthTally,
  ctx: DatasetContext,
  alerting: readonly string[] = [],
): Metrics {
  const labelled = new Map<string, { scenario: string; step: number; time: number }>();
  for (const l of truth.labelled) labelled.set(l.eventId, l);

  // Steps per scenario: the declared truth, completed by any step seen in labels.
  const steps = new Map<string, Set<number>>();
  for (const s of ctx.scenarios) steps.set(s.id, new Set(s.steps.map((x) => x.step)));
  for (const l of truth.labelled) {
    const set = steps.get(l.scenario) ?? new Set<number>();
    set.add(l.step);
    steps.set(l.scenario, set);
  }
  const stepKey = (scenario: string, step: number) => `${scenario}\u0000${step}`;
  const detected = new Set<string>();
  const firstAlert = new Map<string, number>();
  const scenarioRules = new Map<string, Set<string>>();
  // (Null-prototype tables: a rule or scenario may be named `constructor` or `__proto__`.)
  const rules: Record<string, RuleMetrics & { _steps: Set<string> }> = Object.create(null);
  const emptyRule = () => ({
    alerts: 0,
    tp: 0,
    fp: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    steps_detected: 0,
    _steps: new Set<string>(),
  });
  for (const id of alerting) rules[id] ??= emptyRule();
  let tp = 0;
  const blocked = new Map<string, boolean>();
  const warned = new Map<string, boolean>();

  for (const alert of alerts) {
    const r = (rules[alert.rule] ??= emptyRule());
    r.alerts += 1;
    let hit = false;
    for (const id of alert.events) {
      const label = labelled.get(id);
      if (!label) continue;
      hit = true;
      const key = stepKey(label.scenario, label.step);
      detected.add(key);
      r._steps.add(key);
      const t = timeValue(alert.timestamp);
      if (Number.isFinite(t) && t < (firstAlert.get(label.scenario) ?? Infinity))
        firstAlert.set(label.scenario, t);
      const names = scenarioRules.get(label.scenario) ?? new Set();
      names.add(alert.rule);
      scenarioRules.set(label.scenario, names);
    }
    if (hit) {
      r.tp += 1;
      tp += 1;
    } else r.fp += 1;
    if (PREVENTIVE.has(alert.kind)) {
      const target =
        alert.action === 'block' || alert.action === 'quarantine'
          ? blocked
          : alert.action === 'warn'
            ? warned
            : null;
      if (target) for (const id of alert.events) target.set(id, labelled.has(id));
    }
  }

  let totalSteps = 0;
  for (const set of steps.values()) totalSteps += set.size;
  const scenarios: Record<string, ScenarioMetrics> = Object.create(null);
  const firstLabelled = new Map<string, number>();
  for (const l of truth.labelled) {
    if (l.time < (firstLabelled.get(l.scenario) ?? Infinity)) firstLabelled.set(l.scenario, l.time);
  }
  let stepsDetected = 0;
  let scenariosDetected = 0;
  for (const [id, set] of [...steps.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const all = [...set].sort((a, b) => a - b);
    const found = all.filter((s) => detected.has(stepKey(id, s)));
    stepsDetected += found.length;
    if (found.length > 0) scenariosDetected += 1;
    const truthEntry = ctx.scenarios.find((s) => s.id === id);
    const first = firstAlert.get(id);
    const start = firstLabelled.get(id);
    const m: ScenarioMetrics = {
      detected: found.length > 0,
      recall: round(ratio(found.length, all.length)),
      first_detected_step: found[0] ?? null,
      steps: all.length,
      steps_detected: found.length,
      detected_steps: found,
      missed_steps: all.filter((s) => !found.includes(s)),
      fn: all.length - found.length,
      time_to_detect_minutes:
        first !== undefined && start !== undefined ? Math.round((first - start) / 60_000) : null,
      rules: [...(scenarioRules.get(id) ?? [])].sort(),
    };
    // Always present (documented keys), null when no scenario definition names it.
    m.title = truthEntry?.title ?? null;
    m.category = truthEntry?.category ?? null;
    scenarios[id] = m;
  }

  const outRules: Record<string, RuleMetrics> = Object.create(null);
  for (const [id, r] of Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const precision = ratio(r.tp, r.alerts);
    const recall = ratio(r._steps.size, totalSteps);
    outRules[id] = {
      alerts: r.alerts,
      tp: r.tp,
      fp: r.fp,
      precision: round(precision),
      recall: round(recall),
      f1: round(f1(precision, recall)),
      steps_detected: r._steps.size,
    };
  }

  const precision = ratio(tp, alerts.length);
  const recall = ratio(stepsDetected, totalSteps);
  const fp = alerts.length - tp;
  const damaging = new Set<string>();
  for (const s of ctx.scenarios)
    for (const step of s.steps) if (step.damaging) damaging.add(stepKey(s.id, step.step));
  const prevented = new Set<string>();
  for (const [id, malicious] of blocked) {
    const label = labelled.get(id);
    if (malicious && label && damaging.has(stepKey(label.scenario, label.step)))
      prevented.add(stepKey(label.scenario, label.step));
  }
  const count = (m: Map<string, boolean>, v: boolean) => [...m.values()].filter((x) => x === v).length;
  return {
    overall: {
      precision: round(precision),
      recall: round(recall),
      f1: round(f1(precision, recall)),
      alerts: alerts.length,
      true_positive_alerts: tp,
      false_positive_alerts: fp,
      benign_events: truth.benignEvents,
      fp_per_1000_benign: truth.benignEvents > 0 ? round((fp / truth.benignEvents) * 1000) : 0,
      scenarios: steps.size,
      scenarios_detected: scenariosDetected,
      steps: totalSteps,
      steps_detected: stepsDetected,
    },
    rules: outRules,
    scenarios,
    actions: {
      blocked_malicious_events: count(blocked, true),
      blocked_benign_events: count(blocked, false),
      warned_malicious_events: count(warned, true),
      warned_benign_events: count(warned, false),
      damaging_steps: damaging.size,
      prevented_damaging_steps: prevented.size,
    },
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
