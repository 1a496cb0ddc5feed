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
    // Values other than text (and numbers, for the action) count as absent, as below.
    const rawCategory = typeof category === 'string' ? category : undefined;
    const rawAction = typeof action === 'string' || typeof action === 'number' ? action : undefined;
    let byAction = this.byRaw.get(rawCategory);
    if (!byAction) this.byRaw.set(rawCategory, (byAction = new Map()));
    let known = byAction.get(rawAction);
    if (!known) byAction.set(rawAction, (known = this.lookup(rawCategory, rawAction)));
    return known;
  }

  private lookup(category: unknown, action: unknown): Candidates {
    const text = typeof category === 'string';
    const cat = text ? category.toLowerCase() : '';
    const act = typeof action === 'string' || typeof action === 'number' ? String(action).toLowerCase() : '';
    // Absent and non-text categories share one entry (''), which `event.category` items do not narrow.
    const key = `${text ? 'c' : '-'}${cat}\u0000${act}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const rules = this.rules.filter(
        (rule) =>
          (rule.category === null || rule.category === cat) &&
          (rule.categories === null || !text || rule.categories.has(cat)) &&
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
