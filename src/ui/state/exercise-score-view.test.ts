import { describe, expect, it } from 'vitest';
import { scoreParts } from './exercise-score-view.ts';

describe('exercise score parts', () => {
  // The probe's run: recall 1, precision 0.833, no wrong blocks, yet the part was 0.833.
  const score = {
    disruption: 0,
    components: { f1: 0.909, earliness: 0.833, noise: 0.98, disruption: 0.833 },
  };

  it('names the part "No disruption", never like the wrong-block count', () => {
    const parts = scoreParts(score);
    expect(parts.map((p) => p.label)).toEqual(['Detection (F1)', 'Earliness', 'Low noise', 'No disruption']);
    expect(parts.some((p) => /wrong blocks \(|\(disruption\)/i.test(p.label))).toBe(false);
  });

  it('says why the part is below 1 with no wrong blocks', () => {
    const part = scoreParts(score).find((p) => p.key === 'disruption');
    expect(part).toMatchObject({ value: '0.83', weight: 10, points: '8.3' });
    expect(part?.why).toContain('0 wrong blocks here, so only recall and precision lower it');
    const blocked = scoreParts({ ...score, disruption: 1 }).find((p) => p.key === 'disruption');
    expect(blocked?.why).toContain('1 wrong block here');
  });

  it('formats values like the Run screen and adds up to the score', () => {
    const parts = scoreParts({
      disruption: 0,
      components: { f1: 0.996, earliness: 0, noise: 1, disruption: 0.004 },
    });
    expect(parts.map((p) => p.value)).toEqual(['>0.99', '0.00', '1.00', '<0.01']);
    const total = scoreParts(score).reduce((sum, p) => sum + Number(p.points), 0);
    expect(total).toBeCloseTo(60 * 0.909 + 20 * 0.833 + 10 * 0.98 + 10 * 0.833, 0);
  });
});
