import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, revealInStages } from './after-paint.ts';

// A frame is requestAnimationFrame firing; the job must wait for it and then for a task of its own.
let frames: FrameRequestCallback[] = [];
function paint(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback(performance.now());
  vi.runOnlyPendingTimers();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('work after the screen has painted', () => {
  it('runs nothing before a frame, then one queued job per frame in order', () => {
    const ran: string[] = [];
    afterPaint(() => ran.push('a'));
    afterPaint(() => ran.push('b'));
    vi.runOnlyPendingTimers();
    expect(ran).toEqual([]);
    paint();
    expect(ran).toEqual(['a']);
    paint();
    expect(ran).toEqual(['a', 'b']);
  });

  it('skips a cancelled job without spending a frame on it', () => {
    const ran: string[] = [];
    const cancel = afterPaint(() => ran.push('gone'));
    afterPaint(() => ran.push('kept'));
    cancel();
    paint();
    expect(ran).toEqual(['kept']);
  });

  it('keeps going after a job that throws', () => {
    const ran: string[] = [];
    afterPaint(() => {
      throw new Error('chart failed');
    });
    afterPaint(() => ran.push('next'));
    expect(() => paint()).toThrow('chart failed');
    paint();
    expect(ran).toEqual(['next']);
  });

  it('reveals a screen stage by stage, one per frame, and stops when cancelled', () => {
    const stages: number[] = [];
    const cancel = revealInStages(4, (n) => stages.push(n));
    paint();
    paint();
    expect(stages).toEqual([1, 2]);
    cancel();
    paint();
    paint();
    expect(stages).toEqual([1, 2]);
  });

  it('gives work queued by a stage (a chart) a frame of its own, in queue order', () => {
    const log: string[] = [];
    revealInStages(3, (n) => {
      log.push(`stage ${n}`);
      if (n === 1) afterPaint(() => log.push('chart'));
    });
    for (let i = 0; i < 4; i++) paint();
    expect(log).toEqual(['stage 1', 'chart', 'stage 2', 'stage 3']);
  });
});
