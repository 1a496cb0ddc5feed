import { describe, expect, it } from 'vitest';
import type { ContentSpan } from '../../engine/types.ts';
import { matchesTable } from './classify.ts';

describe('classify table', () => {
  it('prints a text of 300,000 matches (the column widths overflowed the call stack)', () => {
    const span = (i: number): ContentSpan => ({
      classifier: 'credit-card-number',
      field: 'content',
      start: i * 40,
      end: i * 40 + 19,
      confidence: 85,
      level: 'high',
      masked: '4111…1111',
      decidedBy: { pattern: 'card', validator: 'luhn' },
    });
    const spans = Array.from({ length: 300_000 }, (_, i) => span(i));
    spans[7] = { ...span(7), classifier: 'a-much-longer-classifier-name' };
    const lines = matchesTable(spans).trimEnd().split('\n');
    expect(lines).toHaveLength(300_002);
    expect(lines.at(-1)).toBe('300000 matches');
    // Every column is as wide as its widest cell.
    expect(lines[0]).toMatch(/^CLASSIFIER {21}SPAN/);
  });
});
