import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'problem')).toBe('1 problem');
    expect(plural(1, 'user')).toBe('1 user');
  });
  it('uses the plural for none and for many, with thousands separators', () => {
    expect(plural(0, 'problem')).toBe('0 problems');
    expect(plural(2, 'problem')).toBe('2 problems');
    expect(plural(12_345, 'event')).toBe('12,345 events');
  });
  it('takes an irregular plural', () => {
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
    expect(plural(1, 'match', 'matches')).toBe('1 match');
  });
});
