// Test support: compile one rule from YAML and match it against flat events.
import { loadPack } from '../load/load-pack.ts';
import type { Diagnostic, EngineEvent } from '../types.ts';
import { compileRule, type CompiledRule } from './rule.ts';

export function compileRuleText(yaml: string): {
  rule?: CompiledRule;
  errors: Diagnostic[];
  warnings: Diagnostic[];
} {
  const loaded = loadPack([{ name: 'rule.yml', text: yaml }]);
  const document = loaded.documents[0];
  if (!document) return { errors: loaded.errors, warnings: [] };
  return compileRule(document);
}

export function ruleMatches(yaml: string, event: EngineEvent): boolean {
  const { rule, errors } = compileRuleText(yaml);
  if (!rule) throw new Error(`rule did not compile: ${errors.map((e) => e.message).join('; ')}`);
  return rule.test({ event, spans: () => [] });
}

/** A one-selection rule around a single field item, e.g. `item('Image|endswith', '\\cmd.exe')`. */
export function itemRule(key: string, value: unknown): string {
  return `title: t\ndetection:\n  selection:\n    ${JSON.stringify(key)}: ${JSON.stringify(value)}\n  condition: selection\n`;
}
