// "1 problem", "2 problems", "1,204 events": a count with its noun, for every screen's wording.

/** The count (with thousands separators) and the noun, singular for exactly 1. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
