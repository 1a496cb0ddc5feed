// Rules that cannot match the loaded data, each with its reason. A run names them; it never skips a
// rule quietly (a Windows process_creation rule over DLP logs is loaded, evaluated, and reported).
import type { CompiledRule } from '../compile/rule.ts';

export interface UnmatchableRule {
  rule: string;
  title: string;
  reason: string;
}

export function findUnmatchable(
  rules: readonly CompiledRule[],
  fieldsSeen: ReadonlySet<string>,
  categoriesSeen: ReadonlySet<string>,
): UnmatchableRule[] {
  const out: UnmatchableRule[] = [];
  for (const rule of rules) {
    if (rule.unsupported) {
      out.push({ rule: rule.id, title: rule.title, reason: rule.unsupported });
      continue;
    }
    if (rule.category !== null && !categoriesSeen.has(rule.category)) {
      out.push({
        rule: rule.id,
        title: rule.title,
        reason: `logsource category "${rule.category}" never appears in the data (event.category)`,
      });
      continue;
    }
    const missing = rule.missingFields(fieldsSeen);
    if (missing) {
      out.push({
        rule: rule.id,
        title: rule.title,
        reason: `fields never present in the data: ${missing.join(', ')}`,
      });
    }
  }
  return out;
}
