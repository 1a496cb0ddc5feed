// Content with its classifier matches masked: the raw matched text never reaches the screen, only
// the span's `masked` form, highlighted where it sat.
import type { ContentSpan } from '../../engine/types.ts';

export interface ContentPiece {
  text: string;
  span?: ContentSpan;
}

/** Splits `text` around the spans of `field`; overlapping spans keep the first (widest at a tie). */
export function maskedPieces(text: string, spans: readonly ContentSpan[], field = 'content'): ContentPiece[] {
  const ordered = spans
    .filter((s) => s.field === field && s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: ContentPiece[] = [];
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    if (span.start > at) pieces.push({ text: text.slice(at, span.start) });
    pieces.push({ text: span.masked, span });
    at = span.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** When the event's text is not at hand, the spans alone, masked. */
export function spansOnly(spans: readonly ContentSpan[]): ContentPiece[] {
  return spans.flatMap((span, i) =>
    i === 0 ? [{ text: span.masked, span }] : [{ text: ' … ' }, { text: span.masked, span }],
  );
}
