// The app's shared state: the scenario library, the loaded dataset and the runs, plus the first
// start that loads everything built in and runs the default pack so results are on screen at once.
import { parse } from 'yaml';
import type { Diagnostic, EngineEvent } from '../../engine/types.ts';
import { builtInScenarioFiles, classroomFiles, defaultPackFiles, fetchAssetText } from './builtins.ts';
import type { LoadedDataset } from './dataset-adapter.ts';
import { engineWorker } from './engine-client.ts';
import { pack } from './pack.svelte.ts';
import { evaluatePack } from './run-adapter.ts';
import {
  alertId,
  metricsView,
  parseAlertId,
  riskSeries,
  unmatchableList,
  type AlertRecord,
  type RunRecord,
} from './run-model.ts';
import { scenarioView, type ScenarioView } from './scenario-view.ts';
import { buildTruthIndex } from './truth-index.ts';
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
  datasets: LoadedDataset[] = $state.raw([]);
  datasetId = $state('');
  runs: RunRecord[] = $state.raw([]);
  /** The role a student works as while an exercise is open (from `?role=`); null outside exercises. */
  exerciseRole: { exercise: string; role: RoleLike } | null = $state.raw(null);
  private controller: AbortController | null = null;
  private started = false;

  dataset: LoadedDataset | null = $derived(
    this.datasets.find((d) => d.id === this.datasetId) ?? this.datasets[0] ?? null,
  );
  truth = $derived(buildTruthIndex(this.dataset?.events ?? []));
  eventsById: Map<string, EngineEvent> = $derived(
    new Map((this.dataset?.events ?? []).map((e) => [String(e['event.id'] ?? ''), e])),
  );
  latestRun: RunRecord | null = $derived(this.runs[this.runs.length - 1] ?? null);

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
      this.addDataset(await engineWorker().loadBundle(files, 'classroom'), false);
    } catch (error) {
      this.state = 'error';
      this.status = `Could not load the classroom dataset: ${message(error)}`;
      return;
    }
    await this.startRun('Default pack on the classroom dataset');
  }

  loadScenarios(): void {
    const views: ScenarioView[] = [];
    const errors: Diagnostic[] = [];
    for (const file of builtInScenarioFiles()) {
      try {
        views.push(scenarioView(parse(file.text), file.name));
      } catch (error) {
        errors.push(located(file.name, `not readable as YAML: ${message(error)}`));
      }
    }
    this.scenarios = views.sort((a, b) => a.title.localeCompare(b.title));
    this.scenarioErrors = errors;
  }

  /** Adds (or replaces) a dataset and selects it; `remember` hands it to the engine worker. */
  addDataset(dataset: LoadedDataset, remember = true): void {
    if (remember) void engineWorker().remember(dataset);
    this.datasets = [...this.datasets.filter((d) => d.id !== dataset.id), dataset];
    this.datasetId = dataset.id;
  }

  async startRun(label?: string): Promise<RunRecord | null> {
    const dataset = this.dataset;
    if (!dataset) return null;
    if (this.state === 'running') this.cancelRun();
    const controller = new AbortController();
    this.controller = controller;
    const id = `r${this.runs.length + 1}`;
    const version = pack.saveVersion('Before run');
    this.state = 'running';
    this.progress = 0;
    this.status = `Running pack version ${version} on ${dataset.events.length.toLocaleString('en')} events…`;
    await nextFrame();
    const started = performance.now();
    try {
      const outcome = await evaluatePack({
        packFiles: pack.files,
        datasetId: dataset.id,
        signal: controller.signal,
        onProgress: (done, total) => {
          this.progress = total > 0 ? done / total : 0;
        },
      });
      if (controller.signal.aborted) return null;
      const alerts: AlertRecord[] = outcome.alerts.map((a, i) => ({ ...a, id: alertId(id, i) }));
      const record: RunRecord = {
        id,
        label: label ?? `Pack version ${version}`,
        packVersion: version,
        datasetId: dataset.id,
        startedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
        eventCount: dataset.events.length,
        alerts,
        metrics: metricsView(outcome.metrics),
        risk: riskSeries(outcome.risk),
        errors: outcome.errors,
        unmatchable: unmatchableList(outcome.unmatchable),
      };
      this.runs = [...this.runs, record];
      this.state = 'done';
      this.progress = 1;
      const where =
        outcome.via === 'pool'
          ? ` (${outcome.workers ?? 1} worker${outcome.workers === 1 ? '' : 's'})`
          : ' (in memory)';
      this.status = `Run ${id}: ${alerts.length.toLocaleString('en')} alerts in ${(record.durationMs / 1000).toFixed(1)} s${where}`;
      return record;
    } catch (error) {
      if (controller.signal.aborted) return null;
      this.state = 'error';
      this.status = `The run failed: ${message(error)}`;
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

  run(id: string): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  alert(id: string): { run: RunRecord; alert: AlertRecord } | null {
    const parsed = parseAlertId(id);
    const run = parsed ? this.run(parsed.runId) : undefined;
    const alert = parsed && run ? run.alerts[parsed.index] : undefined;
    return run && alert ? { run, alert } : null;
  }
}

export const session = new Session();
