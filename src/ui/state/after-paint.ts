// Work that waits for the screen to paint first. A results screen builds its heavy parts (tables,
// the heatmap, charts, the alert list) one per frame instead of in one long task (issue 7: no main-
// thread task over 100 ms while a run is going), so the headline shows at once and input stays live.
//
// One queue for the page: every job gets a frame of its own, so a job never finds the style and
// layout left dirty by another (reading them, as Chart.js does, would force a recalculation of the
// whole new screen inside that job).

interface Job {
  run: () => void;
  live: boolean;
}

const queue: Job[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A frame, then a task of its own: by then that frame's rendering is done.
  requestAnimationFrame(() =>
    setTimeout(() => {
      scheduled = false;
      let job = queue.shift();
      while (job && !job.live) job = queue.shift();
      try {
        job?.run();
      } finally {
        if (queue.some((j) => j.live)) schedule();
        else queue.length = 0;
      }
    }, 0),
  );
}

/**
 * Runs `job` in a task of its own after a painted frame, one queued job per frame, in the order
 * queued. Returns a cancel function (for an effect's teardown).
 */
export function afterPaint(job: () => void): () => void {
  const item: Job = { run: job, live: true };
  queue.push(item);
  schedule();
  return () => {
    item.live = false;
  };
}

/**
 * Calls `reveal(1)`, `reveal(2)`, … `reveal(stages)`, each after the previous stage has painted.
 * Returns a cancel function.
 */
export function revealInStages(stages: number, reveal: (stage: number) => void): () => void {
  let cancel = () => {};
  const next = (stage: number) => {
    if (stage > stages) return;
    cancel = afterPaint(() => {
      reveal(stage);
      next(stage + 1);
    });
  };
  next(1);
  return () => cancel();
}
