// The exercise score: what a team caught, how early, how noisy, and what its wrong blocks would
// have stopped. An empty pack scores 0: quietness earns nothing unless something is caught; a pack
// that alerts on everything scores about 0 too: catching early earns nothing without precision.
import type { Alert, TruthTally } from '../types.ts';

/** What the score reads of a run's metrics (the shape `evaluate --format json` prints). */
export interface RunMetricsView {
  overall: {
    precision: number;
    recall: number;
    f1: number;
    alerts: number;
    false_positive_alerts: number;
    benign_events: number;
  };
  scenarios: Record<string, { detected: boolean; first_detected_step: number | null; steps: number }>;
}

export const SCORE_WEIGHTS = { f1: 60, earliness: 20, noise: 10, disruption: 10 } as const;
/** False-positive alerts per 1,000 benign events at which the noise component reaches zero. */
export const NOISE_CEILING_PER_1000 = 5;
const BLOCKING = new Set(['block', 'quarantine']);

export interface ExerciseScore {
  score: number;
  f1: number;
  recall: number;
  precision: number;
  /** The earliest scenario step any alert caught, over the hidden scenarios; null when none was. */
  first_detected_step: number | null;
  alerts: number;
  false_positive_alerts: number;
  /** Wrong blocks: block or quarantine actions on benign events — work the policy would have stopped. */
  disruption: number;
  components: { f1: number; earliness: number; noise: number; disruption: number };
  /** Per hidden scenario, in the exercise's order, without ids (they stay hidden until the debrief). */
  scenarios: { detected: boolean; first_detected_step: number | null; steps: number }[];
}

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

export function scoreExercise(
  hiddenScenarios: readonly string[],
  alerts: readonly Alert[],
  truth: TruthTally,
  metrics: RunMetricsView,
): ExerciseScore {
  const malicious = new Set(truth.labelled.map((entry) => entry.eventId));
  const wrongBlocks = alerts.filter(
    (alert) => BLOCKING.has(alert.action) && !alert.events.some((id) => malicious.has(id)),
  ).length;

  const scenarios = hiddenScenarios.map((id) => {
    const found = metrics.scenarios[id];
    return {
      detected: found?.detected ?? false,
      first_detected_step: found?.first_detected_step ?? null,
      steps: found?.steps ?? 0,
    };
  });
  const earliness =
    scenarios.reduce((sum, s) => {
      if (!s.detected || s.first_detected_step === null || s.steps === 0) return sum;
      return sum + (s.steps - s.first_detected_step + 1) / s.steps;
    }, 0) / Math.max(1, scenarios.length);

  const { precision, recall, f1, benign_events: benign } = metrics.overall;
  const falsePositives = metrics.overall.false_positive_alerts;
  const perThousand = benign > 0 ? (falsePositives * 1000) / benign : 0;
  // Earliness and the absence of wrong blocks count in proportion to precision: a pack that alerts
  // on everything catches every step first and blocks nothing by warning only, and earns neither.
  const components = {
    f1,
    earliness: earliness * precision,
    noise: recall * Math.max(0, 1 - perThousand / NOISE_CEILING_PER_1000),
    disruption: (recall * precision) / (1 + wrongBlocks),
  };
  const score =
    SCORE_WEIGHTS.f1 * components.f1 +
    SCORE_WEIGHTS.earliness * components.earliness +
    SCORE_WEIGHTS.noise * components.noise +
    SCORE_WEIGHTS.disruption * components.disruption;
  const firsts = scenarios.map((s) => s.first_detected_step).filter((step): step is number => step !== null);

  return {
    score: round(score, 1),
    f1: round(f1),
    recall: round(recall),
    precision: round(precision),
    first_detected_step: firsts.length > 0 ? Math.min(...firsts) : null,
    alerts: metrics.overall.alerts,
    false_positive_alerts: falsePositives,
    disruption: wrongBlocks,
    components: {
      f1: round(components.f1),
      earliness: round(components.earliness),
      noise: round(components.noise),
      disruption: round(components.disruption),
    },
    scenarios,
  };
}
