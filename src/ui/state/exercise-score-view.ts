// How an exercise score is put together, in words a class can read out: each part of the score with
// its weight and what lowers it. Ratios use the Run screen's formatter, so 0.83 reads the same on
// both screens (the exercise screen showed "83.3 %" beside the Run screen's "0.83").
import { SCORE_WEIGHTS, type ExerciseScore } from '../../engine/exercise/score.ts';
import { plural } from './plural.ts';
import { formatRatio } from './run-views.ts';

export interface ScorePart {
  key: keyof ExerciseScore['components'];
  /** Named so it cannot be mistaken for a count: "No disruption" is a 0–1 part, not wrong blocks. */
  label: string;
  /** The part, 0–1, formatted like the Run screen's ratios. */
  value: string;
  weight: number;
  /** Points it adds to the score out of 100. */
  points: string;
  /** What makes the part lower than 1. */
  why: string;
}

export function scoreParts(score: Pick<ExerciseScore, 'components' | 'disruption'>): ScorePart[] {
  const c = score.components;
  const blocks = score.disruption;
  const part = (key: ScorePart['key'], label: string, why: string): ScorePart => ({
    key,
    label,
    value: formatRatio(c[key]),
    weight: SCORE_WEIGHTS[key],
    points: (c[key] * SCORE_WEIGHTS[key]).toFixed(1),
    why,
  });
  return [
    part('f1', 'Detection (F1)', 'recall and precision together'),
    part('earliness', 'Earliness', 'how early each hidden scenario was caught, times precision'),
    part('noise', 'Low noise', 'recall, less for each false positive per 1,000 benign events'),
    part(
      'disruption',
      'No disruption',
      `recall × precision ÷ (1 + wrong blocks); ${plural(blocks, 'wrong block')} here, so ${
        blocks === 0 ? 'only recall and precision lower it' : 'the wrong blocks lower it too'
      }`,
    ),
  ];
}
