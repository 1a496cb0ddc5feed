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
      'millions of customer rows in one event',
      minimal.replace(
        'event.action: send }',
        "event.action: send, content: 'ref {{customer_rows:5000000}}' }",
      ),
      '{{customer_rows:5000000}} asks for too many rows: at most 10000',
      undefined,
      15,
    ],
    [
      'too many payroll rows',
      minimal.replace('event.action: send }', "event.action: send, content: '{{payroll_rows:10001}}' }"),
      'at most 10000',
      undefined,
      15,
    ],
    [
      'rows that only a flood of repeats makes too many',
      minimal.replace(
        '      - fields: { event.category: email, event.action: send }',
        "      - repeat: 200\n        fields: { event.category: email, event.action: send, content: '{{customer_rows:10000}}' }",
      ),
      'this event writes 2,000,000 rows',
      undefined,
      15,
    ],
    [
      'a reversed {{rand}} range',
      minimal.replace('event.action: send }', "event.action: send, file.size: '{{rand:9-1}}' }"),
      '{{rand:9-1}} has its bounds reversed: write {{rand:1-9}}',
      undefined,
      15,
    ],
    [
      'a {{rand}} range beyond exact whole numbers',
      minimal.replace(
        'event.action: send }',
        "event.action: send, file.name: 'c_{{rand:0-99999999999999999999}}' }",
      ),
      'goes beyond 9007199254740991',
      undefined,
      15,
    ],
    [
      'an unclosed placeholder',
      minimal.replace('event.action: send }', "event.action: send, file.name: 'c_{{user' }"),
      'unclosed placeholder "{{user": close it with "}}"',
      undefined,
      15,
    ],
    [
      'a malformed placeholder',
      minimal.replace('event.action: send }', "event.action: send, file.name: 'c_{{user name}}' }"),
      '"{{user name}}" is not a placeholder',
      undefined,
      15,
    ],
    [
      'a negative repeat, in plain words',
      minimal.replace(
        '      - fields: { event.category',
        '      - repeat: -3\n        fields: { event.category',
      ),
      'must be at least 1, found -3',
      undefined,
      15,
    ],
    [
      'a fractional step number, in plain words',
      minimal.replace('  - step: 1', '  - step: 2.5'),
      'must be a whole number, found 2.5',
      undefined,
      9,
    ],
    [
      'a step title that is not text, in plain words',
      minimal.replace('    title: t', '    title: [a]'),
      'must be text, found Array',
      undefined,
      10,
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

  it('keeps valibot wording out of every schema message', () => {
    const result = loadScenario(
      minimal.replace('  - step: 1', '  - step: 0').replace('    title: t', '    title: 3'),
      'x.yml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expect(error.message).not.toMatch(/^Invalid |Expected|Received/);
  });

  it('accepts the largest row counts and ranges it allows', () => {
    const text = minimal.replace(
      'event.action: send }',
      "event.action: send, content: '{{customer_rows:10000}} {{payroll_rows:10000}}', file.size: '{{rand:0-9007199254740991}}', x: '{{rand:5-5}}' }",
    );
    const result = loadScenario(text, 'x.yml');
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
  });

  it('reports YAML syntax errors with a line', () => {
    const result = loadScenario('id: [unclosed\n', 'bad.yml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.line).toBeGreaterThan(0);
  });
});
