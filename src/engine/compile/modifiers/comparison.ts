// The four numeric comparisons share one rule: a single-kind numeric match on whole values.
import type { Comparison, FieldItemState } from './modifier.ts';

export function applyComparison(state: FieldItemState, comparison: Comparison): string | undefined {
  if (state.comparison)
    return `"${comparison}" cannot be combined with "${state.comparison}": use two selections`;
  if (state.match !== 'value') return `"${comparison}" cannot be combined with "${state.match}"`;
  if (state.position !== 'whole') return `"${comparison}" cannot be combined with "${state.position}"`;
  if (state.negate || state.cased || state.encoded)
    return `"${comparison}" cannot be combined with "${state.applied.at(-1) ?? ''}"`;
  for (const group of state.groups) {
    for (let i = 0; i < group.length; i++) {
      const value = group[i];
      if (value?.type === 'number') continue;
      const number = value?.type === 'string' ? Number(value.raw) : NaN;
      if (value?.type !== 'string' || value.raw.trim() === '' || !Number.isFinite(number)) {
        return `"${comparison}" needs numbers (got ${JSON.stringify(value && 'raw' in value ? value.raw : value && 'value' in value ? value.value : null)})`;
      }
      group[i] = { type: 'number', value: number };
    }
  }
  state.comparison = comparison;
  state.match = 'compare';
  return undefined;
}
