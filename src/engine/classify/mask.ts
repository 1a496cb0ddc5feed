// Matched values never leave the engine in clear: every span carries a masked form only.
import type { MaskDocument, MaskStyle } from './schema.ts';

export interface MaskSpec {
  style: MaskStyle;
  keepStart: number;
  keepEnd: number;
}

const DEFAULT_KEEP: Record<MaskStyle, [number, number]> = {
  stars: [4, 4],
  ellipsis: [4, 4],
  shape: [0, 4],
  email: [1, 0],
  redact: [0, 0],
  none: [0, 0],
};

export function maskSpec(written: MaskDocument | undefined): MaskSpec {
  const style = written === undefined ? 'ellipsis' : typeof written === 'string' ? written : written.style;
  const [keepStart, keepEnd] = DEFAULT_KEEP[style];
  if (typeof written === 'object') {
    return { style, keepStart: written.keep_start ?? keepStart, keepEnd: written.keep_end ?? keepEnd };
  }
  return { style, keepStart, keepEnd };
}

/** Never show more than half of a value, however the style is configured. */
function clampKeep(length: number, keepStart: number, keepEnd: number): [number, number] {
  if (keepStart + keepEnd <= Math.floor(length / 2)) return [keepStart, keepEnd];
  const quarter = Math.floor(length / 4);
  return [Math.min(keepStart, quarter), Math.min(keepEnd, quarter)];
}

const SEPARATORS = /[\s\-./]/g;

export function maskValue(value: string, spec: MaskSpec): string {
  switch (spec.style) {
    case 'none':
      return value;
    case 'redact':
      return '[REDACTED]';
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at <= 0) return maskValue(value, { style: 'ellipsis', keepStart: 2, keepEnd: 2 });
      const local = value.slice(0, at);
      const [keep] = clampKeep(local.length, spec.keepStart, 0);
      return `${local.slice(0, keep)}***${value.slice(at)}`;
    }
    case 'shape': {
      // Separators stay where they are so the reader still sees the shape: ***-**-6789.
      const significant = value.replace(/[^\p{L}\p{N}]/gu, '').length;
      const [keepStart, keepEnd] = clampKeep(significant, spec.keepStart, spec.keepEnd);
      let seen = 0;
      let out = '';
      for (const char of value) {
        if (!/[\p{L}\p{N}]/u.test(char)) {
          out += char;
          continue;
        }
        out += seen < keepStart || seen >= significant - keepEnd ? char : '*';
        seen++;
      }
      return out;
    }
    case 'stars':
    case 'ellipsis': {
      const compact = value.replace(SEPARATORS, '');
      const [keepStart, keepEnd] = clampKeep(compact.length, spec.keepStart, spec.keepEnd);
      const head = compact.slice(0, keepStart);
      const tail = keepEnd > 0 ? compact.slice(compact.length - keepEnd) : '';
      const hidden = compact.length - keepStart - keepEnd;
      return spec.style === 'stars' ? `${head}${'*'.repeat(hidden)}${tail}` : `${head}…${tail}`;
    }
  }
}

/**
 * `text` with each span's value replaced by its masked form (spans of one text, any order; where
 * two overlap the earlier one is kept). Shows where a sensitive value was without showing it.
 */
export function maskSpans(
  text: string,
  spans: readonly { start: number; end: number; masked: string }[],
): string {
  if (spans.length === 0) return text;
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + span.masked;
    at = span.end;
  }
  return out + text.slice(at);
}
