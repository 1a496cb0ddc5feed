// What the SigmaHQ conformance tests share: a stored rule file read by name, compiled alone, and the
// events its detection matches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compilePack } from '../../src/engine/index.ts';
import type { DatasetContext, EngineEvent } from '../../src/engine/types.ts';

/** The folder the real SigmaHQ rules are stored in, unchanged. */
export const SIGMAHQ_FOLDER = join(import.meta.dirname, 'sigmahq');

export const fixture = (name: string) => ({
  name,
  text: readFileSync(join(SIGMAHQ_FOLDER, name), 'utf8'),
});

/** The pack of one stored rule file, which must compile without errors, and its first rule. */
export function compiled(name: string) {
  const result = compilePack([fixture(name)]);
  expect(result.errors).toEqual([]);
  const rule = result.pack.rules[0];
  if (!rule) throw new Error(`${name} has no rule`);
  return { ...result, rule };
}

/** Which of the events the rule's detection matches (by index). */
export function matching(name: string, events: EngineEvent[]): number[] {
  const { rule } = compiled(name);
  return events.flatMap((event, index) => (rule.test({ event, spans: () => [] }) ? [index] : []));
}

/** A dataset with no directory, resources or entitlements. */
export function emptyContext(id: string): DatasetContext {
  return { manifest: { id, title: id }, directory: [], resources: [], entitlements: [], scenarios: [] };
}
