// Exercises in the browser, with the same engine as `exercise-score`: the hidden dataset is
// generated from the exercise's seed with its hidden scenarios injected, the team's pack runs on
// it, and scoreExercise scores the alerts. The debrief reads the hidden scenarios' cards.
import { parse } from 'yaml';
import {
  loadExercise,
  scoreExercise,
  type Exercise,
  type ExerciseScore,
} from '../../engine/exercise/index.ts';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Scenario } from '../../engine/scenario/schema.ts';
import { generateDataset } from '../../engine/generate/generate-dataset.ts';
import { compilePack, type CompiledPack } from '../../engine/pack.ts';
import { runPack } from '../../engine/run/index.ts';
import type {
  Alert,
  DatasetContext,
  Diagnostic,
  EngineEvent,
  PackFile,
  TruthTally,
} from '../../engine/types.ts';
import { scenarioView, type ScenarioView } from '../state/scenario-view.ts';

export interface ShippedExercises {
  exercises: Exercise[];
  errors: Diagnostic[];
}

const idOf = (file: string) => file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');

export function readExercises(exerciseFiles: readonly PackFile[], scenarioFiles: readonly PackFile[]) {
  const known = new Set(scenarioFiles.map((f) => idOf(f.name)));
  const out: ShippedExercises = { exercises: [], errors: [] };
  for (const file of exerciseFiles) {
    const result = loadExercise(file.text, file.name, known);
    if (result.ok) out.exercises.push(result.value);
    else out.errors.push(...result.errors);
  }
  return out;
}

export interface ExerciseData {
  events: EngineEvent[];
  context: DatasetContext;
  truth: TruthTally;
}

/** The hidden dataset: the same seed gives every team (and the CLI) the same events. */
export function exerciseData(exercise: Exercise, scenarioFiles: readonly PackFile[]): ExerciseData {
  const scenarios: Scenario[] = [];
  for (const file of scenarioFiles) {
    if (!exercise.hidden_scenarios.includes(idOf(file.name))) continue;
    const loaded = loadScenario(file.text, file.name);
    if (loaded.ok) scenarios.push(loaded.value);
  }
  scenarios.sort((a, b) => a.id.localeCompare(b.id));
  const { seed, users, days } = exercise.dataset;
  const generated = generateDataset({ seed, users, days, scenarios });
  const events = [...generated.events];
  const { manifest, directory, resources, entitlements } = generated;
  const truth: TruthTally = { benignEvents: 0, labelled: [] };
  for (const e of events) {
    const scenario = e['labels.scenario'];
    if (typeof scenario === 'string' && scenario !== '') {
      truth.labelled.push({
        eventId: String(e['event.id']),
        scenario,
        step: Number(e['labels.step']) || 0,
        time: Date.parse(String(e['@timestamp'])),
        user: typeof e['user.name'] === 'string' ? e['user.name'] : null,
      });
    } else truth.benignEvents++;
  }
  return {
    events,
    context: { manifest, directory, resources, entitlements, scenarios: generated.scenarios },
    truth,
  };
}

export interface StepOutcome {
  step: number;
  title: string;
  seenBy: string;
  damaging: boolean;
  caught: boolean;
  rules: string[];
}

export interface ScenarioDebrief {
  id: string;
  title: string;
  detected: boolean;
  steps: StepOutcome[];
  /** Missed steps only corporate security (or both teams together) could see: silo thinking. */
  siloMisses: StepOutcome[];
  /** Detected, but only at or after the first damaging step: a passive position. */
  caughtAfterDamage: boolean;
  playbook: { action: string; owner: string }[];
}

export interface Debrief {
  scenarios: ScenarioDebrief[];
  /** Rules and correlations no test document names: check-box audits. */
  untestedRules: string[];
}

export interface ExerciseResult {
  score: ExerciseScore;
  errors: Diagnostic[];
  debrief: Debrief;
  rules: number;
  events: number;
}

function testedIds(pack: CompiledPack): Set<string> {
  const ids = new Set<string>();
  for (const doc of pack.tests) {
    const data = doc.data as Record<string, unknown>;
    if (typeof data.rule === 'string') ids.add(data.rule);
    const expect = (data.expect ?? {}) as Record<string, unknown>;
    for (const key of ['fire', 'not_fire'] as const) {
      const list = expect[key];
      if (Array.isArray(list)) for (const id of list) ids.add(String(id));
    }
    if (Array.isArray(expect.alerts))
      for (const a of expect.alerts as { rule?: unknown }[]) if (a && a.rule) ids.add(String(a.rule));
  }
  return ids;
}

export function untestedRules(pack: CompiledPack): string[] {
  const tested = testedIds(pack);
  const all = [...pack.rules.map((r) => r.id), ...pack.correlations.correlations.map((c) => c.key)];
  return [...new Set(all)].filter((id) => !tested.has(id)).sort();
}

export function debriefOf(
  hidden: readonly ScenarioView[],
  alerts: readonly Alert[],
  truth: TruthTally,
  pack: CompiledPack,
): Debrief {
  const label = new Map(truth.labelled.map((l) => [l.eventId, l]));
  const caughtBy = new Map<string, Set<string>>();
  for (const alert of alerts) {
    for (const id of alert.events) {
      const l = label.get(id);
      if (!l) continue;
      const key = `${l.scenario}#${l.step}`;
      const rules = caughtBy.get(key) ?? new Set<string>();
      rules.add(alert.rule);
      caughtBy.set(key, rules);
    }
  }
  const scenarios = hidden.map((s) => {
    const steps: StepOutcome[] = s.steps.map((st) => {
      const rules = [...(caughtBy.get(`${s.id}#${st.step}`) ?? [])].sort();
      return {
        step: st.step,
        title: st.title,
        seenBy: st.seenBy,
        damaging: st.damaging,
        caught: rules.length > 0,
        rules,
      };
    });
    const firstCaught = steps.find((st) => st.caught);
    const firstDamage = steps.find((st) => st.damaging);
    return {
      id: s.id,
      title: s.title,
      detected: firstCaught !== undefined,
      steps,
      siloMisses: steps.filter((st) => !st.caught && st.seenBy !== 'it'),
      caughtAfterDamage:
        firstCaught !== undefined && firstDamage !== undefined && firstCaught.step >= firstDamage.step,
      playbook: s.playbook,
    };
  });
  return { scenarios, untestedRules: untestedRules(pack) };
}

/** Runs a team's pack on the exercise and scores it. */
export function scoreTeamPack(
  exercise: Exercise,
  data: ExerciseData,
  packFiles: readonly PackFile[],
  scenarioFiles: readonly PackFile[],
): ExerciseResult {
  const compiled = compilePack(packFiles);
  // The pack never sees `labels.*`: the answers the score is measured against.
  const result = runPack(compiled.pack, data.events, data.context, { hideLabels: true });
  const score = scoreExercise(exercise.hidden_scenarios, result.alerts, data.truth, result.metrics);
  const hidden = exercise.hidden_scenarios
    .map((id) => scenarioFiles.find((f) => idOf(f.name) === id))
    .filter((f) => f !== undefined)
    .map((f) => scenarioView(parse(f.text), f.name));
  return {
    score,
    errors: [...compiled.errors, ...result.errors],
    debrief: debriefOf(hidden, result.alerts, data.truth, compiled.pack),
    rules: compiled.pack.rules.length + compiled.pack.correlations.correlations.length,
    events: data.events.length,
  };
}

// ---- Submissions: what a team exports and the trainer imports to compare side by side. ----

export const SUBMISSION_FORMAT = 'dlp-sim-exercise-submission/1';

export interface Submission {
  format: typeof SUBMISSION_FORMAT;
  exercise: string;
  team: string;
  submitted_at: string;
  score: Omit<ExerciseScore, 'scenarios'> & { scenarios?: ExerciseScore['scenarios'] };
  pack: PackFile[];
}

export function makeSubmission(
  exercise: Exercise,
  team: string,
  score: ExerciseScore,
  pack: readonly PackFile[],
  now = new Date(),
): Submission {
  return {
    format: SUBMISSION_FORMAT,
    exercise: exercise.id,
    team: team.trim() || 'Team',
    submitted_at: now.toISOString(),
    score,
    pack: pack.map((f) => ({ name: f.name, text: f.text })),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a submission file; a wrong file gets a sentence saying what is wrong, never a crash. */
export function parseSubmission(
  text: string,
  file: string,
): { ok: true; value: Submission } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!isRecord(data) || data.format !== SUBMISSION_FORMAT)
    return {
      ok: false,
      error: `${file} is not an exercise submission (no "format": "${SUBMISSION_FORMAT}")`,
    };
  const score = data.score;
  if (typeof data.exercise !== 'string' || typeof data.team !== 'string' || !isRecord(score))
    return { ok: false, error: `${file} lacks the exercise, the team or the score` };
  for (const key of ['score', 'f1', 'recall', 'precision', 'alerts', 'false_positive_alerts', 'disruption']) {
    if (typeof score[key] !== 'number') return { ok: false, error: `${file}: score.${key} is not a number` };
  }
  const pack = Array.isArray(data.pack)
    ? data.pack.filter(
        (f): f is PackFile => isRecord(f) && typeof f.name === 'string' && typeof f.text === 'string',
      )
    : [];
  return {
    ok: true,
    value: {
      format: SUBMISSION_FORMAT,
      exercise: data.exercise,
      team: data.team,
      submitted_at: typeof data.submitted_at === 'string' ? data.submitted_at : '',
      score: score as unknown as Submission['score'],
      pack,
    },
  };
}

/** Best score first; ties: fewer false positives, then earlier submission. */
export function rankSubmissions(list: readonly Submission[]): Submission[] {
  return [...list].sort(
    (a, b) =>
      b.score.score - a.score.score ||
      a.score.false_positive_alerts - b.score.false_positive_alerts ||
      a.submitted_at.localeCompare(b.submitted_at),
  );
}
