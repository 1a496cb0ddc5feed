// The exercise worker, started on first use; the bundler resolves its URL next to this module.
import * as Comlink from 'comlink';
import type { ExerciseWorkerApi } from './exercise.worker.ts';

let remote: Comlink.Remote<ExerciseWorkerApi> | null = null;

export function exerciseWorker(): Comlink.Remote<ExerciseWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./exercise.worker.ts', import.meta.url), {
      type: 'module',
      name: 'exercise',
    });
    remote = Comlink.wrap<ExerciseWorkerApi>(worker);
  }
  return remote;
}
