// Rules indexed by event.category and event.action: an event meets only the rules that can match
// it (by `logsource.category`, and by the `event.category` and `event.action` values every path of
// a rule's condition requires). The candidate list of each (category, action) pair is built once, on first sight, with the
// classifiers those candidates need per content field.
import type { CompiledRule } from '../compile/rule.ts';

export interface Candidates {
  rules: CompiledRule[];
  /** Content field → classifier ids the candidate rules need there. */
  classifiers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Some candidate may read the access decision (`CompiledRule.readsAccess`). */
  readsAccess: boolean;
}

export class RuleIndex {
  private readonly cache = new Map<string, Candidates>();
  /** The same entries by the values as written, so a known pair costs two lookups and no text. */
  private readonly byRaw = new Map<
    string | number | undefined,
    Map<string | number | undefined, Candidates>
  >();

  constructor(private readonly rules: readonly CompiledRule[]) {}

  candidates(category: unknown, action: unknown): Candidates {
    // An ECS-style list of categories (`["network", "web"]`) meets the rules of each of them.
    if (Array.isArray(category)) return this.ofCategories(category, action);
    // Values other than text (and numbers, for the action) count as absent, as below.
    const rawCategory = typeof category === 'string' ? category : undefined;
    const rawAction = typeof action === 'string' || typeof action === 'number' ? action : undefined;
    let byAction = this.byRaw.get(rawCategory);
    if (!byAction) this.byRaw.set(rawCategory, (byAction = new Map()));
    let known = byAction.get(rawAction);
    if (!known) byAction.set(rawAction, (known = this.lookup(rawCategory, rawAction)));
    return known;
  }

  private ofCategories(list: readonly unknown[], action: unknown): Candidates {
    const texts = list.filter((item): item is string => typeof item === 'string');
    if (texts.length <= 1) return this.candidates(texts[0], action);
    return this.lookup(texts, action);
  }

  private lookup(category: unknown, action: unknown): Candidates {
    const cats =
      typeof category === 'string'
        ? [category.toLowerCase()]
        : Array.isArray(category)
          ? (category as string[]).map((text) => text.toLowerCase())
          : [];
    const text = cats.length > 0;
    const act = typeof action === 'string' || typeof action === 'number' ? String(action).toLowerCase() : '';
    // Absent and non-text categories share one entry (''), which `event.category` items do not narrow.
    const key = `${text ? 'c' : '-'}${cats.join('\u0001')}\u0000${act}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const rules = this.rules.filter(
        (rule) =>
          (rule.category === null || cats.includes(rule.category)) &&
          (rule.categories === null || !text || cats.some((cat) => rule.categories!.has(cat))) &&
          (rule.actions === null || rule.actions.has(act)),
      );
      const classifiers = new Map<string, Set<string>>();
      for (const rule of rules) {
        for (const [field, ids] of rule.contentNeeds) {
          const set = classifiers.get(field) ?? new Set<string>();
          for (const id of ids) set.add(id);
          classifiers.set(field, set);
        }
      }
      entry = { rules, classifiers, readsAccess: rules.some((rule) => rule.readsAccess) };
      this.cache.set(key, entry);
    }
    return entry;
  }
}
