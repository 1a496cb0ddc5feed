import { describe, expect, it } from 'vitest';
import { scrollToReveal, virtualWindow } from './virtual-window.ts';

const ROW = 36;
const VIEW = 444;

/** The rows whose box is at least partly in the view, from a window. */
function shown(scrollTop: number, rows: number) {
  const w = virtualWindow(scrollTop, VIEW, rows, ROW);
  const inView: number[] = [];
  for (let i = w.first; i <= w.last; i++) {
    const top = w.top + (i - w.first) * ROW - scrollTop;
    if (top + ROW > 0 && top < VIEW) inView.push(i);
  }
  return { w, inView };
}

describe('the explorer’s virtual window', () => {
  it('without scaling, shows the rows under the scroll position', () => {
    const { w, inView } = shown(360, 1000);
    expect(w.ratio).toBe(1);
    expect(w.spacer).toBe(36_000);
    expect(inView[0]).toBe(10);
    expect(inView.at(-1)).toBe(22);
  });

  it('scales a million rows into a capped height and still reaches the first and last row', () => {
    const rows = 1_019_622;
    const top = shown(0, rows);
    expect(top.w.spacer).toBe(15_000_000);
    expect(top.w.ratio).toBeGreaterThan(2);
    expect(top.inView[0]).toBe(0);
    const end = shown(15_000_000 - VIEW, rows);
    expect(end.inView.at(-1)).toBe(rows - 1);
    // The last row ends exactly at the bottom of the view.
    const w = end.w;
    expect(w.top + (rows - 1 - w.first) * ROW + ROW - (15_000_000 - VIEW)).toBeCloseTo(VIEW, 6);
  });

  it('brings a row into view with the least scrolling, scaled or not', () => {
    for (const rows of [1000, 1_019_622]) {
      for (const index of [0, 7, 500, rows - 1]) {
        const from = virtualWindow(0, VIEW, rows, ROW);
        const scrollTop = scrollToReveal(from, index, VIEW, ROW);
        expect(shown(scrollTop, rows).inView).toContain(index);
      }
    }
    // A row already in view does not move the view.
    const here = virtualWindow(360, VIEW, 1000, ROW);
    expect(scrollToReveal(here, 12, VIEW, ROW)).toBe(360);
  });
});
