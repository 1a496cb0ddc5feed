import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from './load.ts';
import { scenarioTruth } from './truth.ts';
import { CAUSES } from './schema.ts';
import { THREAT_CATEGORIES } from '../types.ts';

const folder = fileURLToPath(new URL('../../../sample-data/scenarios/', import.meta.url));
const files = readdirSync(folder).filter((f) => f.endsWith('.yml'));
const load = (name: string) =>
  loadScenario(readFileSync(folder + name, 'utf8'), `sample-data/scenarios/${name}`);

const minimal = `id: x
title: X
category: leakage
cause: negligence
story: s
actors:
  insider: { role: r, department: Sales, insider: true }
steps:
  - step: 1
    title: t
    at: P0DT10H
    damaging: true
    seen_by: it
    events:
      - fields: { event.category: email, event.action: send }
playbook:
  - { action: a, owner: it }
lesson: { kind: mistrust, text: t }
`;

describe('the built-in scenario set', () => {
  it.each(files)('%s validates without errors or warnings', (name) => {
    const result = load(name);
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
  });

  it('has at least 13 scenarios covering every threat category and cause', () => {
    const scenarios = files.map((f) => load(f)).flatMap((r) => (r.ok ? [r.value] : []));
    expect(scenarios.length).toBeGreaterThanOrEqual(13);
    expect(new Set(scenarios.map((s) => s.category))).toEqual(new Set(THREAT_CATEGORIES));
    expect(new Set(scenarios.map((s) => s.cause))).toEqual(new Set(CAUSES));
    for (const s of scenarios) {
      expect(
        s.steps.some((step) => step.seen_by === 'security') ||
          s.cause === 'ignorance' ||
          s.cause === 'negligence',
      ).toBe(true);
      expect(s.benign_lookalikes.length).toBeGreaterThan(0);
    }
  });
});

describe('loadScenario diagnostics', () => {
  it('accepts a minimal scenario and derives its ground truth', () => {
    const result = loadScenario(minimal, 'x.yml');
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(scenarioTruth(result.value)).toEqual({
        id: 'x',
        title: 'X',
        category: 'leakage',
        steps: [{ step: 1, title: 't', damaging: true }],
      });
  });

  it.each([
    [
      'unknown key with a suggestion',
      minimal.replace('damaging: true', 'damageing: true'),
      'unknown key "damageing"',
      'did you mean "damaging"?',
      12,
    ],
    [
      'category outside the four threats',
      minimal.replace('category: leakage', 'category: leak'),
      'must be one of',
      'did you mean "leakage"?',
      3,
    ],
    [
      'unknown actor in a placeholder',
      minimal.replace('event.action: send }', "event.action: send, user.name: '{{actor.insidr}}' }"),
      'unknown actor "insidr"',
      'did you mean {{actor.insider}}?',
      15,
    ],
    [
      'unknown content placeholder',
      minimal.replace('event.action: send }', "event.action: send, content: 'x {{cards}}' }"),
      'unknown placeholder {{cards}}',
      'did you mean {{card}}?',
      15,
    ],
    ['malformed offset', minimal.replace('at: P0DT10H', 'at: 10:00'), 'is not an offset', undefined, 11],
    [
      'a flood of repeats',
      minimal.replace(
        '      - fields: { event.category',
        '      - repeat: 5000000\n        fields: { event.category',
      ),
      'at most 10000 repeats',
      undefined,
      15,
    ],
    [
      'no damaging step',
      minimal.replace('damaging: true', 'damaging: false'),
      'no step is marked',
      undefined,
      undefined,
    ],
  ])('%s', (_name, text, message, suggestion, line) => {
    const result = loadScenario(text, 'x.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors[0]!;
    expect(error.message).toContain(message);
    expect(error.file).toBe('x.yml');
    if (suggestion) expect(error.suggestion).toBe(suggestion);
    if (line) expect(error.line).toBe(line);
  });

  it('warns when a step is written before the step ahead of it (it will be played after it)', () => {
    const second = `  - step: 2
    title: u
    at: P0DT08H
    damaging: false
    seen_by: it
    events:
      - fields: { event.category: email, event.action: send }
playbook:`;
    const result = loadScenario(minimal.replace('playbook:', second), 'x.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 18,
        message: 'step 2 is written before step 1; steps are played in order, so it will come after it',
      }),
    ]);
  });

  it('reports YAML syntax errors with a line', () => {
    const result = loadScenario('id: [unclosed\n', 'bad.yml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.line).toBeGreaterThan(0);
  });
});
