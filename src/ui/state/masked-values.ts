// Values of events shown on the Data screen (an event's fields, an import preview's cells) with what
// the pack's classifiers find masked, as the alert screen shows content: the engine worker scans
// (engine-client.ts `scanValues`), these pure helpers cut and mask the text for display.
import type { ContentSpan } from '../../engine/types.ts';
import { maskedPieces, type ContentPiece } from './content-spans.ts';

/** A field's value as text: lists joined, nothing for a missing value. */
export function valueText(v: unknown): string {
  return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
}

/** Characters past a cut that are scanned too, so that a value across the cut is still found. */
export const SCAN_MARGIN = 256;

/** The part of `text` to scan when only its first `limit` characters are shown. */
export function scannedPart(text: string, limit?: number): string {
  return limit === undefined || text.length <= limit ? text : text.slice(0, limit + SCAN_MARGIN);
}

/**
 * `text` (or the part `scannedPart` gave) in pieces with the spans of `field` masked, cut after
 * `limit` characters of the original text: a masked value across the cut is shown whole (masked),
 * never part of it in clear. `cut` is the original text's length when it was cut, else null.
 */
export function maskedValue(
  text: string,
  spans: readonly ContentSpan[],
  field: string,
  limit?: number,
  fullLength = text.length,
): { pieces: ContentPiece[]; cut: number | null } {
  const pieces = maskedPieces(text, spans, field);
  if (limit === undefined || fullLength <= limit) return { pieces, cut: null };
  const kept: ContentPiece[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (at >= limit) break;
    if (piece.span) {
      kept.push(piece);
      at = piece.span.end;
    } else {
      kept.push(at + piece.text.length > limit ? { text: piece.text.slice(0, limit - at) } : piece);
      at += piece.text.length;
    }
  }
  return { pieces: kept, cut: fullLength };
}
