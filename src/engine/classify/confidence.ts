// Purview's three confidence levels and the numbers behind them.
import type { ContentSpan } from '../types.ts';

export const CONFIDENCE_NUMBERS = { low: 65, medium: 75, high: 85 } as const;

export type ConfidenceLevel = ContentSpan['level'];

export function confidenceNumber(value: number | ConfidenceLevel): number {
  return typeof value === 'number' ? value : CONFIDENCE_NUMBERS[value];
}

/** 85 and up is high, 75 and up medium, anything lower reports as low. */
export function confidenceLevel(score: number): ConfidenceLevel {
  if (score >= CONFIDENCE_NUMBERS.high) return 'high';
  if (score >= CONFIDENCE_NUMBERS.medium) return 'medium';
  return 'low';
}
