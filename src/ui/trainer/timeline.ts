// Trainer mode's model: a scenario played step by step. Each step carries the events it adds to the
// IT lane (logs) and the corporate-security lane (HR and behavioural facts), the alerts the run
// raised once that step's events existed, the simulated DLP action, and the insider's risk so far.
// Pure: the screen hands in the scenario card, the labelled events, the run's alerts and risk.
import type { Alert, EngineEvent, ResponseAction } from '../../engine/types.ts';
import type { ScenarioView, SeenBy } from '../state/scenario-view.ts';

export type Lane = 'it' | 'security';

export interface TrainerEvent {
  id: string;
  time: string;
  step: number;
  lanes: Lane[];
  category: string;
  action: string;
  user: string;
  summary: string;
}

export interface TrainerAlert {
  /** The alert's address in `#/alerts/<id>` when it came from a stored run. */
  id: string;
  rule: string;
  title: string;
  severity: string;
  action: ResponseAction;
  time: string;
  /** The step at which the alert fires: the latest step among its events. */
  step: number;
  /** The steps its events belong to; more than one lane means only the two together raise it. */
  steps: number[];
  crossLane: boolean;
}

export interface TrainerStep {
  step: number;
  title: string;
  seenBy: SeenBy;
  damaging: boolean;
  redFlags: string[];
  /** Time of the step's last event, ISO; '' when the dataset holds none of its events. */
  end: string;
  events: TrainerEvent[];
  alerts: TrainerAlert[];
  /** The strongest action of the alerts firing at this step, or null when nothing fires. */
  dlp: ResponseAction | null;
  /** The insider's risk score once this step has happened. */
  risk: number;
}

export interface TrainerTimeline {
  insider: string | null;
  steps: TrainerStep[];
  maxRisk: number;
  /** Sentences on what only the two lanes together reveal. */
  together: string[];
  /** First step at which an alert fired, and whether that was before any damaging step. */
  firstAlertStep: number | null;
  caughtBeforeDamage: boolean;
}

const ACTION_STRENGTH: Record<ResponseAction, number> = { audit: 1, warn: 2, quarantine: 3, block: 4 };

export function isStopping(action: ResponseAction | null): boolean {
  return action === 'block' || action === 'quarantine';
}

function lanesOf(seenBy: SeenBy): Lane[] {
  return seenBy === 'both' ? ['it', 'security'] : [seenBy];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The fields a class reads in one line, in the order they are most telling, with a plain label. */
const DETAIL_FIELDS: readonly [string, string][] = [
  ['message', ''],
  ['target.user.name', 'account'],
  ['group.name', 'group'],
  ['email.to.address', 'to'],
  ['destination.domain', 'to'],
  ['url.domain', 'site'],
  ['file.name', 'file'],
  ['resource.id', 'on'],
  ['database.rows', 'rows'],
  ['backup.set', 'backup'],
  ['host.name', 'host'],
  ['source.geo.city', 'from'],
  ['source.geo.country_iso_code', 'country'],
];

export function summarise(event: EngineEvent): string {
  const parts: string[] = [];
  for (const [field, label] of DETAIL_FIELDS) {
    const value = text(event[field]);
    if (value === '') continue;
    const part = label ? `${label} ${value}` : value;
    if (!parts.includes(part)) parts.push(part);
    if (parts.length >= 3) break;
  }
  return parts.join(' · ');
}

function strongest(actions: readonly ResponseAction[]): ResponseAction | null {
  let best: ResponseAction | null = null;
  for (const a of actions) if (best === null || ACTION_STRENGTH[a] > ACTION_STRENGTH[best]) best = a;
  return best;
}

export interface TimelineInput {
  scenario: ScenarioView;
  /** The dataset's events labelled with this scenario (any order). */
  events: readonly EngineEvent[];
  /** The run's alerts, each with its address. */
  alerts: readonly (Alert & { id: string })[];
  /** The insider's account in this dataset (dataset.json's actors.insider). */
  insider: string | null;
  /** The insider's risk timeline: score after each point, ISO time. */
  risk: readonly { time: string; score: number }[];
}

export function buildTimeline(input: TimelineInput): TrainerTimeline {
  const { scenario } = input;
  const stepCard = new Map(scenario.steps.map((s) => [s.step, s]));
  const stepOfEvent = new Map<string, number>();
  const byStep = new Map<number, TrainerEvent[]>();
  const sorted = [...input.events].sort((a, b) => text(a['@timestamp']).localeCompare(text(b['@timestamp'])));
  for (const e of sorted) {
    const step = Number(e['labels.step']);
    if (!Number.isFinite(step)) continue;
    const id = text(e['event.id']);
    stepOfEvent.set(id, step);
    const card = stepCard.get(step);
    const list = byStep.get(step) ?? [];
    list.push({
      id,
      time: text(e['@timestamp']),
      step,
      lanes: lanesOf(card?.seenBy ?? 'it'),
      category: text(e['event.category']),
      action: text(e['event.action']),
      user: text(e['user.name']),
      summary: summarise(e),
    });
    byStep.set(step, list);
  }

  const alertsByStep = new Map<number, TrainerAlert[]>();
  for (const alert of input.alerts) {
    const steps = [
      ...new Set(alert.events.map((id) => stepOfEvent.get(id)).filter((s) => s !== undefined)),
    ].sort((a, b) => a - b);
    if (steps.length === 0) continue;
    const lanes = new Set(steps.flatMap((s) => lanesOf(stepCard.get(s)?.seenBy ?? 'it')));
    const step = steps[steps.length - 1] as number;
    const entry: TrainerAlert = {
      id: alert.id,
      rule: alert.rule,
      title: alert.title,
      severity: alert.severity,
      action: alert.action,
      time: alert.timestamp,
      step,
      steps,
      crossLane: lanes.size > 1,
    };
    const list = alertsByStep.get(step) ?? [];
    list.push(entry);
    alertsByStep.set(step, list);
  }

  const riskAt = (end: string): number => {
    let score = 0;
    if (end === '') return score;
    for (const point of input.risk) if (point.time <= end) score = point.score;
    return score;
  };

  let lastEnd = '';
  const steps: TrainerStep[] = scenario.steps.map((card) => {
    const events = byStep.get(card.step) ?? [];
    const alerts = alertsByStep.get(card.step) ?? [];
    const end = events.length > 0 ? (events[events.length - 1] as TrainerEvent).time : lastEnd;
    lastEnd = end;
    return {
      step: card.step,
      title: card.title,
      seenBy: card.seenBy,
      damaging: card.damaging,
      redFlags: card.redFlags,
      end,
      events,
      alerts,
      dlp: strongest(alerts.map((a) => a.action)),
      risk: riskAt(end),
    };
  });

  const firstAlert = steps.find((s) => s.alerts.length > 0);
  const firstDamage = steps.find((s) => s.damaging);
  const maxRisk = Math.max(0, ...input.risk.map((p) => p.score), ...steps.map((s) => s.risk));
  return {
    insider: input.insider,
    steps,
    maxRisk,
    together: togetherSignals(steps),
    firstAlertStep: firstAlert?.step ?? null,
    caughtBeforeDamage:
      firstAlert !== undefined && (firstDamage === undefined || firstAlert.step < firstDamage.step),
  };
}

/** What neither lane sees alone: shared steps, alerts whose events span both lanes, motive + act. */
export function togetherSignals(steps: readonly TrainerStep[]): string[] {
  const out: string[] = [];
  const security = steps.filter((s) => s.seenBy === 'security');
  const it = steps.filter((s) => s.seenBy === 'it');
  if (security.length > 0 && it.length > 0) {
    const motive = security.map((s) => `"${s.title}" (step ${s.step})`).join(', ');
    const acts = it.map((s) => `"${s.title}" (step ${s.step})`).join(', ');
    out.push(
      `Corporate security alone knows ${motive}; IT alone sees ${acts}. Only together do they connect the motive to the act.`,
    );
  }
  for (const s of steps.filter((st) => st.seenBy === 'both'))
    out.push(`Step ${s.step} "${s.title}" shows in both lanes: the shared fact to compare notes on.`);
  const seen = new Set<string>();
  for (const s of steps) {
    for (const a of s.alerts) {
      if (!a.crossLane || seen.has(a.rule)) continue;
      seen.add(a.rule);
      out.push(
        `The alert "${a.title}" joins steps ${a.steps.join(', ')} from both lanes: a correlation neither team could write alone.`,
      );
    }
  }
  return out;
}

export interface PlayPosition {
  /** 0 = before the first step; steps.length = the whole scenario has played. */
  step: number;
  reveal: boolean;
  present: boolean;
  speed: number;
}

export const SPEEDS = [0.5, 1, 2, 4] as const;

export function clampStep(step: number, total: number): number {
  if (!Number.isFinite(step)) return 0;
  return Math.min(total, Math.max(0, Math.trunc(step)));
}

/** Everything visible at a play position: the steps that have happened so far. */
export function visibleSteps(timeline: TrainerTimeline, position: number): TrainerStep[] {
  return timeline.steps.slice(0, clampStep(position, timeline.steps.length));
}

/** Milliseconds between steps at a speed (1× = 2.5 s: time for a class to read a step). */
export function stepDelay(speed: number): number {
  const s = speed > 0 ? speed : 1;
  return Math.round(2500 / s);
}

/** "a; b ×4": repeated entries once, with their count, in first-seen order (for the handout). */
export function tally(items: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => (n > 1 ? `${item} ×${n}` : item));
}
