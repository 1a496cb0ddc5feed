// The event explorer's virtual scroll: which rows a scroll position shows and where they sit. Past a
// few hundred thousand rows the real scroll height is capped (browsers cap an element's height near
// 17-33 million px) and positions are scaled, so the last row stays reachable.

/** Below every browser's cap on an element's height. */
export const MAX_SPACER = 15_000_000;

export interface VirtualWindow {
  /** Height of the scrolled content (the spacer), px. */
  spacer: number;
  /** Virtual px per real px of scroll (1 unless scaled). */
  ratio: number;
  /** Virtual offset of the view's top, px. */
  virtualTop: number;
  /** First and last row to render (with overscan), inclusive; last < first when there are none. */
  first: number;
  last: number;
  /** Where the first rendered row sits in the spacer, px. */
  top: number;
}

export function virtualWindow(
  scrollTop: number,
  /** Height of the view for rows, px. */
  view: number,
  rows: number,
  rowHeight: number,
  overscan = 0,
  maxSpacer = MAX_SPACER,
): VirtualWindow {
  const height = rows * rowHeight;
  const spacer = Math.min(height, maxSpacer);
  const ratio = height > spacer && spacer > view ? (height - view) / (spacer - view) : 1;
  const virtualTop = scrollTop * ratio;
  const first = Math.max(0, Math.floor(virtualTop / rowHeight) - overscan);
  const last = Math.min(rows - 1, Math.ceil((virtualTop + view) / rowHeight) + overscan);
  return { spacer, ratio, virtualTop, first, last, top: scrollTop + first * rowHeight - virtualTop };
}

/** The real scroll position that brings row `index` into view with the least movement. */
export function scrollToReveal(
  window: VirtualWindow,
  index: number,
  view: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  let target = window.virtualTop;
  if (top < target) target = top;
  else if (top + rowHeight > target + view) target = top + rowHeight - view;
  return target / window.ratio;
}
