import { describe, expect, it } from 'vitest';
import { didYouMean, nearestName } from './suggest.ts';

const CATEGORIES = ['leakage', 'sabotage', 'fraud', 'unauthorized-use'];

describe('nearestName', () => {
  it('offers the nearest name within a few edits', () => {
    expect(nearestName('contians', ['contains', 'startswith'])).toBe('contains');
    expect(nearestName('hgh', ['low', 'medium', 'high'])).toBe('high');
  });

  it('offers the one name a cut-short word begins', () => {
    expect(nearestName('leak', CATEGORIES)).toBe('leakage');
    expect(nearestName('Unauth', CATEGORIES)).toBe('unauthorized-use');
    expect(didYouMean('leak', CATEGORIES)).toBe('did you mean "leakage"?');
  });

  it('offers nothing for a prefix of two names, a prefix under three letters, or an exact name', () => {
    expect(nearestName('start', ['startswith', 'startsafter'])).toBeUndefined();
    expect(nearestName('le', CATEGORIES)).toBeUndefined();
    expect(nearestName('fraud', CATEGORIES)).toBeUndefined();
    expect(nearestName('exfiltration', CATEGORIES)).toBeUndefined();
  });

  it('reads candidates given as a one-shot iterator', () => {
    const once = (function* () {
      yield* CATEGORIES;
    })();
    expect(nearestName('leak', once)).toBe('leakage');
  });
});
