// Many plain needles (a keyword list of 200,000 terms) looked for in a text at once.
import type { Position } from './modifiers/modifier.ts';

/**
 * For a list of many needles (a keyword list of 200,000 terms), whether a text contains, starts or
 * ends with one of them, by looking its windows up in one set per needle length: the text's length
 * times the number of distinct lengths, where trying each needle in turn costs the text's length
 * times the number of needles. Undefined for a few needles, which are faster tried in turn.
 */
export function needlesByLength(
  needles: readonly string[],
): ((text: string, position: Position) => boolean) | undefined {
  const sets = new Map<number, Set<string>>();
  for (const needle of needles) {
    let set = sets.get(needle.length);
    if (!set) sets.set(needle.length, (set = new Set()));
    set.add(needle);
  }
  if (needles.length < 64 * sets.size) return undefined;
  const lengths = [...sets.keys()].sort((a, b) => a - b);
  return (text, position) => {
    for (const length of lengths) {
      if (length > text.length) break;
      const set = sets.get(length)!;
      if (position === 'startswith') {
        if (set.has(text.slice(0, length))) return true;
      } else if (position === 'endswith') {
        if (set.has(text.slice(text.length - length))) return true;
      } else
        for (let at = 0; at + length <= text.length; at++)
          if (set.has(text.slice(at, at + length))) return true;
    }
    return false;
  };
}
