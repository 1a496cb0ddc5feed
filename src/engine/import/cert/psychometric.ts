// psychometric.csv: the Big Five scores (O, C, E, A, N) per user — corporate security's view,
// joined as `user.hr.psychometric.O` … `user.hr.psychometric.N`.
import type { Diagnostic } from '../../types.ts';
import { readCertCsv } from './read-csv.ts';
import { importError } from '../diagnostic.ts';
import { columnIndex } from './columns.ts';

export type BigFive = Record<'O' | 'C' | 'E' | 'A' | 'N', number>;
const TRAITS = ['O', 'C', 'E', 'A', 'N'] as const;

export function parsePsychometric(
  file: string,
  text: string,
): { scores: Map<string, BigFive>; errors: Diagnostic[] } {
  const scores = new Map<string, BigFive>();
  const errors: Diagnostic[] = [];
  let index: Map<string, number> | undefined;
  errors.push(
    ...readCertCsv(text, file, (cells, line) => {
      if (!index) {
        // Trait columns are capital letters and `user_id` lower case; match either way.
        index = columnIndex(cells);
        const missing = ['user_id', ...TRAITS].filter((c) => !index!.has(c.toLowerCase()));
        if (missing.length > 0)
          errors.push(importError(file, line, `the header lacks ${missing.join(', ')}`));
        return;
      }
      const at = (name: string) => {
        const i = index!.get(name.toLowerCase());
        return i === undefined ? undefined : cells[i]?.trim();
      };
      const user = at('user_id');
      if (!user) {
        errors.push(importError(file, line, 'the row has no user_id'));
        return;
      }
      const values: Partial<BigFive> = {};
      for (const trait of TRAITS) {
        const text = at(trait);
        const n = Number(text);
        if (text === undefined || text === '' || !Number.isFinite(n)) {
          errors.push(importError(file, line, `${trait} "${text ?? ''}" is not a number`, { path: trait }));
          return;
        }
        values[trait] = n;
      }
      scores.set(user, values as BigFive);
    }),
  );
  return { scores, errors };
}
