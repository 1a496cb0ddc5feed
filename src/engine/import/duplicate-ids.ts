// Events are known by `event.id` (alerts list them, ground truth names them, correlations count an
// event once however many shards saw it), so a log that reuses ids loses events silently. Said
// once per dataset, with the most reused ids.
import type { Diagnostic, EngineEvent } from '../types.ts';
import { importError } from './diagnostic.ts';

export function duplicateIdsWarning(events: readonly EngineEvent[], file: string): Diagnostic | undefined {
  const counts = new Map<string, number>();
  let repeated = 0;
  for (const event of events) {
    const id = event['event.id'];
    if (typeof id !== 'string') continue;
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    if (count === 2) repeated++;
  }
  if (repeated === 0) return undefined;
  const worst = [...counts]
    .filter(([, count]) => count > 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([id, count]) => `"${id}" × ${count}`);
  const rounded = [...counts].find(([id, count]) => count > 1 && isRoundedNumber(id))?.[0];
  const why =
    rounded === undefined
      ? ''
      : `; "${rounded}" is a number past 2^53 − 1 as JSON rounds it: the log wrote numeric event.id values too large for JSON numbers, so distinct ids may have become one`;
  return importError(
    file,
    1,
    `${repeated} event.id value(s) are shared by several events (${worst.join(', ')}): events sharing an id are one event to alerts and correlations${why}`,
    {
      path: 'event.id',
      severity: 'warning',
      suggestion:
        rounded === undefined
          ? 'give each event its own event.id, or leave it out and one is made from the file and line'
          : 'write large event.id values as strings ("event.id": "1234567890123456789"), or give each event its own event.id',
    },
  );
}

/** Whether an id is the text of an integer past 2^53 − 1 as a JSON number reads (digits lost). */
function isRoundedNumber(id: string): boolean {
  if (!/^-?\d{16,}$/.test(id)) return false;
  const value = Number(id);
  return !Number.isSafeInteger(value) && String(value) === id;
}
