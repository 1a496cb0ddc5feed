import { describe, it, expect } from 'vitest';
import { diagnosticRange } from './pack-check.ts';

describe('editor underlines', () => {
  const text = 'title: x\ndetection:\n  selection:\n    file.name|endswit: .zip\n';

  it('underline the token a diagnostic points at', () => {
    const { from, to } = diagnosticRange(text, { line: 4, column: 5 });
    expect(text.slice(from, to)).toBe('file.name|endswit');
  });

  it('a position past the end is clamped into the text', () => {
    const r = diagnosticRange(text, { line: 99, column: 99 });
    expect(r.from).toBeLessThanOrEqual(text.length);
    expect(r.to).toBeGreaterThanOrEqual(r.from);
  });
});
