import { describe, it, expect } from 'vitest';
import type { ContentSpan } from '../../engine/types.ts';
import { maskedValue, scannedPart, SCAN_MARGIN, valueText } from './masked-values.ts';

const span = (start: number, end: number, masked: string, field = 'content'): ContentSpan => ({
  classifier: 'credit-card-number',
  field,
  start,
  end,
  confidence: 85,
  level: 'high',
  masked,
  decidedBy: { validator: 'luhn' },
});

const joined = (r: ReturnType<typeof maskedValue>) => r.pieces.map((p) => p.text).join('');

describe('masked values', () => {
  it('writes values as text', () => {
    expect(valueText(undefined)).toBe('');
    expect(valueText(null)).toBe('');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText(42)).toBe('42');
  });

  it('masks the spans of its own field only, uncut without a limit', () => {
    const text = 'card 4111 1111 1111 1111 ok';
    const r = maskedValue(text, [span(5, 24, '4111…1111'), span(0, 4, 'x', 'email.subject')], 'content');
    expect(joined(r)).toBe('card 4111…1111 ok');
    expect(r.cut).toBeNull();
  });

  it('cuts after the limit, showing a masked value across the cut whole and never part of it in clear', () => {
    const text = 'abcdefgh 4111111111111111 tail';
    const r = maskedValue(text, [span(9, 25, '4111…1111')], 'content', 12);
    expect(joined(r)).toBe('abcdefgh 4111…1111');
    expect(r.cut).toBe(text.length);
    const plain = maskedValue(text, [], 'content', 5);
    expect(joined(plain)).toBe('abcde');
  });

  it('reports the full length when only a part was scanned', () => {
    const long = 'x'.repeat(1000);
    const part = scannedPart(long, 300);
    expect(part.length).toBe(300 + SCAN_MARGIN);
    expect(scannedPart('short', 300)).toBe('short');
    const r = maskedValue(part, [], 'content', 300, long.length);
    expect(joined(r)).toHaveLength(300);
    expect(r.cut).toBe(1000);
  });
});
