// The app's shared state: the scenario library, the loaded dataset and the runs, plus the first
// start that loads everything built in and runs the default pack so results are on screen at once.
import { parse } from 'yaml';
import { loadScenario } from '../../engine/scenario/load.ts';
import type { Diagnostic, EngineEvent } from '../../engine/types.ts';
import { builtInScenarioFiles, classroomFiles, defaultPackFiles, fetchAssetText } from './builtins.ts';
import type { DatasetSummary } from './dataset-summary.ts';
import { engineWorker } from './engine-client.ts';
import { pack } from './pack.svelte.ts';
import {
  deleteStoredRun,
  evaluatePack,
  listStoredRuns,
  nextRunId,
  openStoredRun,
  pinStoredRun,
  readKeepSetting,
  writeKeepSetting,
} from './run-adapter.ts';
import {
  alertId,
  labelsScenarios,
  metricsView,
  parseAlertId,
  riskSeries,
  runFromStore,
  runListItems,
  unmatchableList,
  type AlertRecord,
  type MetricsView,
  type RunListItem,
  type RunRecord,
} from './run-model.ts';
import type { RunRecord as StoredRun } from '../../store/records.ts';
import { DEFAULT_RUNS_TO_KEEP, runsToKeepProblem } from '../../store/settings.ts';
import { scenarioView, type ScenarioView } from './scenario-view.ts';
import { buildTruthIndex, type TruthIndex } from './truth-index.ts';
import { hasGroundTruth } from './run-views.ts';
import { plural } from './plural.ts';

const EMPTY_TRUTH: TruthIndex = new Map();
import type { RoleLike } from '../trainer/roles.ts';

export type RunState = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'cancelled';

function located(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, path: '', severity: 'error', message };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Lets the browser paint the status before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

class Session {
  state: RunState = $state('idle');
  status = $state('Starting…');
  progress = $state(0);
  scenarios: ScenarioView[] = $state.raw([]);
  scenarioErrors: Diagnostic[] = $state.raw([]);
  /** Summaries only: the events stay in the store (or the engine worker when they could not be stored). */
  datasets: DatasetSummary[] = $state.raw([]);
  datasetId = $state('');
  /** This visit's runs, oldest first (stored or in memory). */
  runs: RunRecord[] = $state.raw([]);
  /** Runs of earlier visits opened from the store (a deep link, the Runs or Compare screen). */
  openedRuns: RunRecord[] = $state.raw([]);
  /** The store's runs without their alerts, newest first (see `refreshStoredRuns`). */
  storedRuns: StoredRun[] = $state.raw([]);
  /** How many of the newest runs the store keeps (pinned runs are kept as well). */
  runsToKeep = $state(DEFAULT_RUNS_TO_KEEP);
  /** Every run the Runs screen lists: stored ones and this visit's in-memory ones, newest first. */
  runList: RunListItem[] = $derived(runListItems(this.storedRuns, this.runs));
  /** Ids looked up in the store since the last refresh (a missing run is not asked for again and again). */
  private lookedUp = new Set<string>();
  private listRequests = 0;
  /** The role a student works as while an exercise is open (from `?role=`); null outside exercises. */
  exerciseRole: { exercise: string; role: RoleLike } | null = $state.raw(null);
  private controller: AbortController | null = null;
  private started = false;

  private readonly truths = new WeakMap<DatasetSummary, TruthIndex>();
  dataset: DatasetSummary | null = $derived(
    this.datasets.find((d) => d.id === this.datasetId) ?? this.datasets[0] ?? null,
  );
  /** The ground truth of the dataset in use (`truthOf` for a run's own dataset). */
  truth = $derived(this.truthOf(this.dataset?.id));
  /** The labelled events by id (any other event: `lookupEvents`). */
  eventsById: Map<string, EngineEvent> = $derived(
    new Map((this.dataset?.labelled ?? []).map((e) => [String(e['event.id'] ?? ''), e])),
  );
  latestRun: RunRecord | null = $derived(this.runs[this.runs.length - 1] ?? null);

  /** The dataset a run was made on (its labels and directory), whatever dataset is in use now. */
  datasetOf(id: string | undefined): DatasetSummary | null {
    return this.datasets.find((d) => d.id === id) ?? null;
  }

  /**
   * Whether a run can be judged against ground truth (`hasGroundTruth`): its events label scenarios
   * (a list item's `labelled`, or a run's metrics) or its dataset was generated. The screens leave out
   * precision, recall and true/false positive verdicts for a run that cannot.
   */
  judged(
    run:
      | { datasetId: string; labelled: boolean }
      | { datasetId: string; metrics: Pick<MetricsView, 'scenarios'> | null }
      | null
      | undefined,
  ): boolean {
    if (!run) return false;
    const labelled = 'labelled' in run ? run.labelled : labelsScenarios(run.metrics);
    return hasGroundTruth(labelled, this.datasetOf(run.datasetId));
  }

  /**
   * The ground truth of the dataset a run was made on: a run's verdicts (true or false positive,
   * missed steps) are judged against its own data, not the dataset in use (a deep link after a
   * reload opens a run on an imported dataset while the classroom dataset is in use).
   */
  truthOf(datasetId: string | undefined): TruthIndex {
    const dataset = this.datasetOf(datasetId);
    if (!dataset) return EMPTY_TRUTH;
    let truth = this.truths.get(dataset);
    if (!truth) this.truths.set(dataset, (truth = buildTruthIndex(dataset.labelled)));
    return truth;
  }

  async firstStart(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.loadScenarios();
    pack.load(defaultPackFiles());
    this.state = 'loading';
    this.status = 'Loading the classroom dataset…';
    try {
      const files = await classroomFiles(fetchAssetText);
      if (files.length === 0)
        throw new Error('The classroom dataset (sample-data/classroom) is not part of this build.');
      this.status = 'Reading the classroom dataset…';
      const opened = await engineWorker().openDatasets(files, 'classroom');
      this.datasets = opened.datasets;
      this.datasetId = opened.classroomId;
    } catch (error) {
      this.state = 'error';
      this.status = `Could not load the classroom dataset: ${message(error)}`;
      return;
    }
    // The pack restored from this browser's history may be an edited one: the label says which ran.
    const label =
      pack.version === 1
        ? 'Default pack on the classroom dataset'
        : `Pack version ${pack.version} on the classroom dataset`;
    await this.startRun(label, await this.startUpRunId(label));
  }

  /**
   * The stored run an earlier start made of the same pack version on the classroom dataset: this
   * start makes it again under its id. A new run per page load would push the user's own runs out
   * of the newest N the store keeps (20 reloads in front of a class, and every unpinned run was
   * gone), and leave a pile of identical runs; remade, a link to it still opens it.
   */
  private async startUpRunId(label: string): Promise<string | undefined> {
    const stored = await listStoredRuns().catch(() => []);
    return stored.find(
      (run) =>
        run.status === 'done' &&
        run.datasetId === this.datasetId &&
        run.packVersion === pack.version &&
        run.label === label,
    )?.id;
  }

  loadScenarios(): void {
    const views: ScenarioView[] = [];
    const errors: Diagnostic[] = [];
    for (const file of builtInScenarioFiles()) {
      // The same check as the command line's: a scenario it refuses is not shown as a card either.
      const checked = loadScenario(file.text, file.name);
      if (!checked.ok) {
        for (const error of checked.errors) errors.push(error);
        continue;
      }
      try {
        views.push(scenarioView(parse(file.text), file.name));
      } catch (error) {
        errors.push(located(file.name, `not readable as YAML: ${message(error)}`));
      }
    }
    this.scenarios = views.sort((a, b) => a.title.localeCompare(b.title));
    this.scenarioErrors = errors;
  }

  /** Adds (or replaces) a dataset the engine worker already holds, and selects it. */
  addDataset(dataset: DatasetSummary): void {
    this.datasets = [...this.datasets.filter((d) => d.id !== dataset.id), dataset];
    this.datasetId = dataset.id;
  }

  /** Deletes a dataset from this browser; the classroom dataset is selected if it was in use. */
  async deleteDataset(id: string): Promise<void> {
    await engineWorker().deleteDataset(id);
    const wasSelected = this.dataset?.id === id;
    this.datasets = this.datasets.filter((d) => d.id !== id);
    if (wasSelected) this.datasetId = this.datasets.find((d) => d.source === 'classroom')?.id ?? '';
  }

  /**
   * Events of a dataset by id, in the order asked (the labelled ones from the summary, the rest from
   * the engine worker); `near` (an alert's time) says where to look first.
   */
  async lookupEvents(datasetId: string, ids: readonly string[], near?: string): Promise<EngineEvent[]> {
    const summary = this.datasets.find((d) => d.id === datasetId);
    const known = new Map((summary?.labelled ?? []).map((e) => [String(e['event.id'] ?? ''), e]));
    if (ids.every((id) => known.has(id))) return ids.map((id) => known.get(id)!);
    return engineWorker().lookupEvents(datasetId, [...ids], near);
  }

  /** `runId`: the id of a stored run this one replaces (the start-up run, see `startUpRunId`). */
  async startRun(label?: string, runId?: string): Promise<RunRecord | null> {
    const dataset = this.dataset;
    if (!dataset) return null;
    if (this.state === 'running') this.cancelRun();
    const controller = new AbortController();
    this.controller = controller;
    const version = pack.saveVersion('Before run', true);
    const runLabel = label ?? `Pack version ${version}`;
    this.state = 'running';
    this.progress = 0;
    this.status = `Running pack version ${version} on ${plural(dataset.eventCount, 'event')}…`;
    await nextFrame();
    const started = performance.now();
    try {
      const id = runId ?? (await nextRunId());
      const outcome = await evaluatePack({
        packFiles: pack.files,
        datasetId: dataset.id,
        runId: id,
        label: runLabel,
        packVersion: version,
        signal: controller.signal,
        onProgress: (done, total) => {
          this.progress = total > 0 ? done / total : 0;
        },
      });
      if (controller.signal.aborted) return null;
      const alerts: AlertRecord[] = outcome.alerts.map((a, i) => ({ ...a, id: alertId(id, i) }));
      const record: RunRecord = {
        id,
        label: runLabel,
        packVersion: version,
        datasetId: dataset.id,
        startedAt: new Date().toISOString(),
        durationMs: Math.round(outcome.durationMs ?? performance.now() - started),
        eventCount: dataset.eventCount,
        alerts,
        metrics: metricsView(outcome.metrics),
        risk: riskSeries(outcome.risk),
        errors: outcome.errors,
        unmatchable: unmatchableList(outcome.unmatchable),
        stored: outcome.via === 'pool',
      };
      this.forget(outcome.pruned ?? []);
      this.runs = [...this.runs, record];
      void this.refreshStoredRuns();
      this.state = 'done';
      this.progress = 1;
      const where =
        outcome.via === 'pool'
          ? ` (${outcome.workers ?? 1} worker${outcome.workers === 1 ? '' : 's'})`
          : ' (in memory)';
      this.status = `Run ${id}: ${plural(alerts.length, 'alert')} in ${(record.durationMs / 1000).toFixed(1)} s${where}`;
      return record;
    } catch (error) {
      if (controller.signal.aborted) return null;
      this.state = 'error';
      this.status = `The run failed: ${message(error)}`;
      void this.refreshStoredRuns();
      return null;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  cancelRun(): void {
    this.controller?.abort();
    this.controller = null;
    this.state = 'cancelled';
    this.status = 'Run cancelled.';
  }

  /**
   * A run of this visit, or a stored one already opened. A stored run not opened yet is read from the
   * store in the background (a deep link after a reload): screens see it appear when it is loaded.
   */
  run(id: string): RunRecord | undefined {
    const found = this.runs.find((r) => r.id === id) ?? this.openedRuns.find((r) => r.id === id);
    if (!found && id && !this.lookedUp.has(id)) {
      this.lookedUp.add(id);
      void this.openStored(id);
    }
    return found;
  }

  private async openStored(id: string): Promise<void> {
    const stored = await openStoredRun(id).catch(() => undefined);
    if (!stored || this.runs.some((r) => r.id === id) || this.openedRuns.some((r) => r.id === id)) return;
    this.openedRuns = [...this.openedRuns, runFromStore(stored.run, stored.alerts)];
  }

  /** Reads the store's run list again (after a run, a pin, a delete; when the Runs screen opens). */
  async refreshStoredRuns(): Promise<void> {
    this.lookedUp.clear();
    const asked = ++this.listRequests;
    const runs = await listStoredRuns().catch(() => null);
    // Two refreshes in flight (a run ended while the Runs screen opened): the later one wins.
    if (runs && asked === this.listRequests) this.storedRuns = runs;
  }

  /** Drops runs the store no longer has (pruned or deleted) from everything the page shows. */
  private forget(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    this.runs = this.runs.filter((r) => !gone.has(r.id));
    this.openedRuns = this.openedRuns.filter((r) => !gone.has(r.id));
    this.storedRuns = this.storedRuns.filter((r) => !gone.has(r.id));
  }

  /** Pins a stored run (pruning keeps it) or unpins it; returns why it could not, or null. */
  async setPinned(id: string, pinned: boolean): Promise<string | null> {
    try {
      await pinStoredRun(id, pinned);
      return null;
    } catch (error) {
      return message(error);
    } finally {
      await this.refreshStoredRuns();
    }
  }

  /** Deletes a run and its alerts from the store (an in-memory run from this visit). */
  async deleteRun(id: string): Promise<void> {
    await deleteStoredRun(id);
    this.forget([id]);
    await this.refreshStoredRuns();
  }

  async loadRunsToKeep(): Promise<void> {
    this.runsToKeep = await readKeepSetting().catch(() => this.runsToKeep);
  }

  /** Saves the number of runs to keep; returns what is wrong with the value, or null when saved. */
  async setRunsToKeep(value: unknown): Promise<string | null> {
    const problem = runsToKeepProblem(value);
    if (problem || typeof value !== 'number') return problem;
    try {
      await writeKeepSetting(value);
      this.runsToKeep = value;
      return null;
    } catch (error) {
      return message(error);
    }
  }

  alert(id: string): { run: RunRecord; alert: AlertRecord } | null {
    const parsed = parseAlertId(id);
    const run = parsed ? this.run(parsed.runId) : undefined;
    const alert = parsed && run ? run.alerts[parsed.index] : undefined;
    return run && alert ? { run, alert } : null;
  }
}

export const session = new Session();
