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
    // The common event: text (or absent) category, text or numeric (or absent) action.
    if (
      (typeof category !== 'string' && category !== undefined && category !== null) ||
      (typeof action !== 'string' && typeof action !== 'number' && action !== undefined && action !== null)
    )
      return this.ofValues(category, action);
    const rawCategory = typeof category === 'string' ? category : undefined;
    const rawAction = typeof action === 'string' || typeof action === 'number' ? action : undefined;
    let byAction = this.byRaw.get(rawCategory);
    if (!byAction) this.byRaw.set(rawCategory, (byAction = new Map()));
    let known = byAction.get(rawAction);
    if (!known) byAction.set(rawAction, (known = this.lookup(textsOf(rawCategory), textsOf(rawAction))));
    return known;
  }

  /**
   * Lists and other scalars. An ECS-style list of categories (`["network", "web"]`) meets the rules
   * of each of them, a list of actions (`[send, deliver]`) those of each action (a rule's test
   * matches any element of a list); a number or true/false is the text it prints as. The entry is
   * the one a single value's lookup gives when the list holds one value (the same object).
   */
  private ofValues(category: unknown, action: unknown): Candidates {
    const acts = textsOf(action);
    return this.lookup(textsOf(category), acts.length > 0 ? acts : ['']);
  }

  /**
   * The entry for lower-cased categories (none: absent, which narrows nothing) and actions (`''`:
   * absent), built on first sight; equal inputs give the same object.
   */
  private lookup(categories: readonly string[], actions: readonly string[]): Candidates {
    const cats = distinctLower(categories);
    const acts = actions.length > 0 ? distinctLower(actions) : [''];
    const text = cats.length > 0;
    // Absent and non-text categories share one entry (''), which `event.category` items do not narrow.
    const key = `${text ? 'c' : '-'}${cats.join('\u0001')}\u0000${acts.join('\u0001')}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const rules = this.rules.filter(
        (rule) =>
          (rule.category === null || cats.includes(rule.category)) &&
          (rule.categories === null || !text || cats.some((cat) => rule.categories!.has(cat))) &&
          (rule.actions === null || acts.some((act) => rule.actions!.has(act))),
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

/** The texts of a field value: a scalar's (a number or true/false as printed), a list's elements'. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (!Array.isArray(value)) return [];
  const texts: string[] = [];
  for (const item of value as readonly unknown[])
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      texts.push(String(item));
  return texts;
}

/** Lower-cased, without repeats, in one order whatever the input's: the key of a list's entry. */
function distinctLower(texts: readonly string[]): string[] {
  if (texts.length === 1) return [(texts[0] as string).toLowerCase()];
  return [...new Set(texts.map((text) => text.toLowerCase()))].sort();
}
