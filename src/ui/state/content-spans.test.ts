import { describe, it, expect } from 'vitest';
import type { ContentSpan } from '../../engine/types.ts';
import { maskedPieces } from './content-spans.ts';

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

describe('masked content spans', () => {
  const text = 'Card 4111111111111111 for Bob';

  it('replaces the matched text by its masked form and never shows the raw value', () => {
    const pieces = maskedPieces(text, [span(5, 21, '4111********1111')]);
    expect(pieces.map((p) => p.text)).toEqual(['Card ', '4111********1111', ' for Bob']);
    expect(pieces.map((p) => p.text).join('')).not.toContain('4111111111111111');
    expect(pieces[1]?.span?.classifier).toBe('credit-card-number');
  });

  it('ignores spans of other fields and spans outside the text', () => {
    expect(maskedPieces(text, [span(0, 4, 'x', 'email.subject'), span(20, 99, 'y')])).toEqual([{ text }]);
  });

  it('an overlapping span does not duplicate text', () => {
    const pieces = maskedPieces(text, [span(5, 21, 'A'), span(10, 15, 'B')]);
    expect(pieces.map((p) => p.text)).toEqual(['Card ', 'A', ' for Bob']);
  });
});
