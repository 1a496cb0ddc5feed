import { describe, expect, it } from 'vitest';
import { calendarTime, isCalendarDate } from './dates.ts';

describe('calendarTime', () => {
  it('reads ISO dates and date-times as Date.parse does', () => {
    for (const value of ['2026-03-01', '2024-02-29', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00.5+02:00'])
      expect(calendarTime(value)).toBe(Date.parse(value));
    expect(calendarTime('2026-03-01 10:00:00')).toBe(Date.parse('2026-03-01T10:00:00'));
  });

  it('reads no date from an impossible day, a word or a number (Date.parse rolls or guesses them)', () => {
    for (const value of [
      '2026-02-30',
      '2026-13-45',
      '2025-02-29',
      '2026-03-01T24:00:00Z',
      'soon',
      '',
      '12345',
    ])
      expect(calendarTime(value), value).toBeNaN();
    for (const value of [2020, 12345, 20260301, null, undefined, {}, ['2026-03-01']])
      expect(isCalendarDate(value)).toBe(false);
  });
});
